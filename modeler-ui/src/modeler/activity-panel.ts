// The left panel: every catalogue activity, grouped and searchable; drag one onto the canvas or click it and
// then click where it goes (the same create tool as bpmn-js' palette).
import { el } from '../dom';
import type { ActivityDescriptor } from './catalog';
import { createPveShape } from './pve/create';
import { iconSvg } from './pve/icons';

export function activityPanel(modeler: any, activities: ActivityDescriptor[]): HTMLElement {
  const injector = modeler.get('injector');
  const create = modeler.get('create');
  const search = el('input', { type: 'search', class: 'activity-search', placeholder: 'Search PVE steps…', 'aria-label': 'Search PVE steps' });
  const groups = new Map<string, ActivityDescriptor[]>();
  for (const a of activities) groups.set(a.group, [...(groups.get(a.group) || []), a]);
  const items: { a: ActivityDescriptor; node: HTMLElement }[] = [];
  const sections = [...groups.entries()].map(([group, list]) => {
    const entries = list.map((a) => {
      const start = (event: Event) => create.start(event, createPveShape(injector, a));
      // Mouse down starts dragging (diagram-js follows the mouse; no HTML5 drag, which would swallow the mouse
      // events); a plain click, where no drag began, attaches the step to the pointer until the next click.
      const node = el('div', { class: 'activity', tabindex: '0', role: 'button', 'data-activity': a.id,
        title: a.description || a.label,
        onmousedown: (e: MouseEvent) => { if (e.button === 0) { e.preventDefault(); start(e); } },
        onclick: (e: MouseEvent) => { if (!modeler.get('dragging').context()) start(e); },
        onkeydown: (e: KeyboardEvent) => {
          if (e.key !== 'Enter') return;
          // Keyboard: append after the selected element, or place in the middle of the view.
          const selected = modeler.get('selection').get()[0];
          const shape = createPveShape(injector, a);
          if (selected && selected.businessObject?.$instanceOf('bpmn:FlowNode')) modeler.get('autoPlace').append(selected, shape);
          else {
            const vb = modeler.get('canvas').viewbox();
            modeler.get('modeling').createShape(shape, { x: vb.x + vb.width / 2, y: vb.y + vb.height / 2 }, modeler.get('canvas').getRootElement());
          }
        } },
      iconSvg(a.icon, 18), el('span', {}, a.label), a.waits ? el('span', { class: 'waits', title: 'Waits for the Proxmox task' }, iconSvg('hourglass', 12)) : null);
      items.push({ a, node });
      return node;
    });
    return el('section', { class: 'activity-group', 'data-group': group }, el('h4', {}, group), ...entries);
  });
  search.addEventListener('input', () => {
    const q = search.value.trim().toLowerCase();
    for (const { a, node } of items) {
      node.hidden = !!q && !`${a.label} ${a.group} ${a.id} ${a.description || ''}`.toLowerCase().includes(q);
    }
    for (const s of sections) s.hidden = [...s.querySelectorAll('.activity')].every((n) => (n as HTMLElement).hidden);
  });
  return el('aside', { class: 'activity-panel', 'aria-label': 'PVE steps' },
    el('div', { class: 'panel-title' }, 'Proxmox VE steps'), search,
    activities.length ? el('div', { class: 'activity-list' }, ...sections) : el('p', { class: 'muted' }, 'The catalogue could not be loaded.'));
}
