import { el } from './dom';
import type { RouteContext } from './router';

/** A page that is registered in the route table but not built yet. */
export function placeholder(title: string, text: string) {
  return ({ root, params }: RouteContext) => {
    root.replaceChildren(el('section', { class: 'page' },
      el('h1', {}, title, params.id ? el('span', { class: 'mono muted' }, ` ${params.id}`) : null),
      el('p', { class: 'empty-state' }, text)));
  };
}
