// Read-only details of a clicked element in a viewer: id, type, name, Flowable attributes and PVE fields.
import { el } from '../dom';
import { activityIdOf, readFields, type ActivityDescriptor } from './catalog';

export function inspect(host: HTMLElement, element: any, activities: ActivityDescriptor[]): void {
  const bo = element?.businessObject;
  if (!bo) {
    host.replaceChildren(el('p', { class: 'muted' }, 'Click an element to see its settings.'));
    return;
  }
  const activity = activities.find((a) => a.id === activityIdOf(bo));
  const rows: [string, string][] = [['Id', bo.id], ['Type', bo.$type.replace('bpmn:', '')]];
  if (bo.name) rows.push(['Name', bo.name]);
  if (activity) rows.push(['Activity', `${activity.label} (${activity.id})`]);
  for (const [name, value] of Object.entries(bo.$attrs || {})) rows.push([name, String(value)]);
  for (const d of bo.$descriptor?.properties || []) {
    if (!d.ns || d.ns.prefix !== 'flowable' || !d.isAttr) continue;
    const value = bo.get(d.name);
    if (value !== undefined && value !== null && value !== d.default) rows.push([d.name, String(value)]);
  }
  const fields = readFields(bo);
  host.replaceChildren(el('table', { class: 'grid compact inspector' }, el('tbody', {},
    ...rows.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', { class: 'mono' }, v))),
    ...Object.entries(fields).map(([k, v]) => el('tr', {}, el('th', {},
      activity?.fields.find((f) => f.name === k)?.label || k), el('td', { class: 'mono' }, v))))));
}
