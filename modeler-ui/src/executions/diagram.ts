// The run's diagram: the version's BPMN in a bpmn-js NavigatedViewer (loaded lazily with this module) with
// completed, active and failed elements marked, instance counts on steps that ran more than once (multi-instance,
// loops) and a selection kept in step with the timeline.
import { createViewer, ensureLayout } from '../modeler/setup';
import { loadCatalog } from '../modeler/pve/catalog-service';
import type { DiagramState } from './model';

const MARKERS = ['run-completed', 'run-active', 'run-failed', 'run-selected'];

export class RunDiagram {
  private viewer: any;
  private marked = new Map<string, string[]>();
  private countOverlays: string[] = [];
  private listener: (activityId: string | null) => void = () => {};

  private constructor(viewer: any) {
    this.viewer = viewer;
    viewer.on('element.click', ({ element }: any) => {
      const id = element?.businessObject && element.type !== 'bpmn:Process' && element.type !== 'label' ? element.id : null;
      this.listener(id);
    });
  }

  static async create(container: HTMLElement, xml: string): Promise<RunDiagram> {
    const activities = await loadCatalog().catch(() => []);
    const viewer = createViewer(container, activities);
    await viewer.importXML(await ensureLayout(withFlowReferences(xml)));
    viewer.get('canvas').zoom('fit-viewport', 'auto');
    return new RunDiagram(viewer);
  }

  /** Called with the clicked element's id (null for the background). */
  onSelect(listener: (activityId: string | null) => void): void {
    this.listener = listener;
  }

  has(id: string): boolean {
    return !!this.viewer.get('elementRegistry').get(id);
  }

  update(state: DiagramState): void {
    const canvas = this.viewer.get('canvas');
    const registry = this.viewer.get('elementRegistry');
    const wanted = new Map<string, string[]>();
    const add = (ids: string[] | undefined, marker: string) => (ids || []).forEach((id) => {
      if (registry.get(id)) wanted.set(id, [...(wanted.get(id) || []), marker]);
    });
    add(state.completed, 'run-completed');
    add(state.active, 'run-active');
    add(state.failed, 'run-failed');
    for (const [id, markers] of this.marked) {
      for (const m of markers) if (!wanted.get(id)?.includes(m)) canvas.removeMarker(id, m);
    }
    for (const [id, markers] of wanted) {
      for (const m of markers) if (!this.marked.get(id)?.includes(m)) canvas.addMarker(id, m);
    }
    this.marked = wanted;

    const overlays = this.viewer.get('overlays');
    this.countOverlays.forEach((o) => overlays.remove(o));
    this.countOverlays = [];
    for (const [id, count] of Object.entries(state.counts || {})) {
      if (count < 2 || !registry.get(id)) continue;
      const badge = document.createElement('span');
      badge.className = 'run-count';
      badge.textContent = `×${count}`;
      badge.title = `${count} instances`;
      badge.setAttribute('data-count-of', id);
      this.countOverlays.push(overlays.add(id, 'run-count', { position: { top: -10, right: 12 }, html: badge }));
    }
  }

  select(activityId: string | null): void {
    const canvas = this.viewer.get('canvas');
    const registry = this.viewer.get('elementRegistry');
    registry.forEach((e: any) => { if (canvas.hasMarker(e, 'run-selected')) canvas.removeMarker(e, 'run-selected'); });
    if (!activityId) return;
    const element = registry.get(activityId);
    if (!element) return;
    canvas.addMarker(element, 'run-selected');
    try {
      canvas.scrollToElement(element);
    } catch {
      // not scrollable (a root element): nothing to do
    }
  }

  fit(): void {
    this.viewer.get('canvas').zoom('fit-viewport', 'auto');
  }

  destroy(): void {
    this.viewer.destroy();
  }
}

export { MARKERS };

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/**
 * The automatic layout follows the elements' <incoming>/<outgoing> references, which BPMN written by hand or by
 * scripts (and deployed through the API) often leaves out: without them every element lands in one column and no
 * flow is drawn. Adds the missing references from the sequence flows' sourceRef/targetRef; only for diagrams
 * without diagram interchange (those with it are shown as drawn).
 */
export function withFlowReferences(xml: string): string {
  if (/<(\w+:)?BPMNShape\b/.test(xml)) return xml;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return xml;
  let changed = false;
  for (const flow of Array.from(doc.getElementsByTagNameNS(BPMN, 'sequenceFlow'))) {
    const id = flow.getAttribute('id');
    if (!id) continue;
    const parent = flow.parentElement;
    const find = (ref: string | null) => (ref && parent ? Array.from(parent.children).find((c) => c.getAttribute('id') === ref) : undefined);
    for (const [ref, name] of [[flow.getAttribute('sourceRef'), 'outgoing'], [flow.getAttribute('targetRef'), 'incoming']] as const) {
      const node = find(ref);
      if (!node) continue;
      const present = Array.from(node.children).some((c) => c.localName === name && c.textContent?.trim() === id);
      if (present) continue;
      const reference = doc.createElementNS(BPMN, `${node.prefix ? `${node.prefix}:` : ''}${name}`);
      reference.textContent = id;
      // BPMN wants incoming/outgoing right after extensionElements/documentation, before everything else.
      const after = Array.from(node.children).filter((c) => ['documentation', 'extensionElements', 'incoming', 'outgoing'].includes(c.localName));
      const anchor = after.length ? after[after.length - 1].nextSibling : node.firstChild;
      node.insertBefore(reference, anchor);
      changed = true;
    }
  }
  return changed ? new XMLSerializer().serializeToString(doc) : xml;
}
