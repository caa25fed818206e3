// The problems list: lint issues while drawing and the server's refusal when publishing; a click selects the element.
import { el } from '../dom';
import type { Problem } from '../processes/api';

export interface Listed { elementId: string | null; message: string; severity: string; rule: string; source: 'lint' | 'server' }

export function fromLint(issues: Record<string, { id: string; message: string; category: string; rule?: string }[]>): Listed[] {
  const out: Listed[] = [];
  for (const [rule, list] of Object.entries(issues || {})) {
    for (const i of list) out.push({ elementId: i.id, message: i.message, severity: i.category === 'warn' ? 'warning' : i.category, rule, source: 'lint' });
  }
  return out;
}

export function fromServer(problems: Problem[]): Listed[] {
  return problems.map((p) => ({ elementId: p.elementId, message: p.field ? `${p.field}: ${p.message}` : p.message,
    severity: p.severity || 'error', rule: p.rule, source: 'server' }));
}

export function selectElement(modeler: any, id: string | null): void {
  if (!id) return;
  const element = modeler.get('elementRegistry').get(id);
  if (!element) return;
  modeler.get('selection').select(element);
  try {
    modeler.get('canvas').scrollToElement(element, { top: 120, bottom: 120, left: 120, right: 120 });
  } catch {
    // the root element has no bounds to scroll to
  }
}

export function renderProblems(host: HTMLElement, server: Listed[], lint: Listed[], modeler: any): number {
  const all = [...server, ...lint];
  const nameOf = (id: string | null) => {
    if (!id) return 'process';
    const e = modeler.get('elementRegistry').get(id);
    return e?.businessObject?.name || id;
  };
  host.replaceChildren(...[
    server.length ? el('h4', {}, 'Refused by the server') : null,
    server.length ? list(server) : null,
    el('h4', {}, 'While drawing'),
    lint.length ? list(lint) : el('p', { class: 'muted' }, 'No problem found.')].filter((n) => !!n) as HTMLElement[]);
  function list(items: Listed[]) {
    return el('ul', { class: 'problems' }, ...items.map((p) => el('li', { class: `problem ${p.severity}`, 'data-element': p.elementId || '' },
      el('button', { type: 'button', class: 'link', onclick: () => selectElement(modeler, p.elementId) },
        el('span', { class: 'sev' }, p.severity === 'warning' ? '⚠' : '✖'),
        el('strong', {}, nameOf(p.elementId)), ' ', p.message,
        el('small', { class: 'muted' }, ` ${p.rule}`)))));
  }
  return all.filter((p) => p.severity === 'error').length;
}
