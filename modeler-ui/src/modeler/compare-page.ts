// Two versions side by side with a visual diff: added elements green (right), removed red (left),
// changed amber (both); the list names what changed, a click selects the element on both diagrams.
import { el } from '../dom';
import type { RouteContext } from '../router';
import { processes } from '../processes/api';
import { diffDefinitions } from './diff';
import { loadCatalog } from './pve/catalog-service';
import { createViewer, ensureLayout } from './viewer-setup';

export async function renderCompare({ params, root }: RouteContext) {
  const { cluster, key } = params;
  const a = Number(params.a);
  const b = Number(params.b);
  const [activities, detail, xmlA, xmlB] = await Promise.all([loadCatalog().catch(() => []), processes.get(cluster, key),
    processes.versionXml(cluster, key, a), processes.versionXml(cluster, key, b)]);
  const left = el('div', { class: 'canvas', id: 'canvas-a' });
  const right = el('div', { class: 'canvas', id: 'canvas-b' });
  const list = el('div', { class: 'diff-list', id: 'diff-list' });
  const base = `/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(key)}`;
  root.replaceChildren(el('div', { class: 'editor compare' },
    el('div', { class: 'editor-toolbar' },
      el('nav', { class: 'crumbs' }, el('a', { href: '/processes' }, 'Processes'), ' / ', el('a', { href: base }, detail.name || key),
        ` / compare v${a} with v${b}`),
      el('span', { class: 'legend' }, el('span', { class: 'swatch added' }), 'added ', el('span', { class: 'swatch removed' }), 'removed ',
        el('span', { class: 'swatch changed' }), 'changed')),
    el('div', { class: 'compare-body' },
      el('div', { class: 'compare-pane' }, el('div', { class: 'pane-title' }, `v${a}`), left),
      el('div', { class: 'compare-pane' }, el('div', { class: 'pane-title' }, `v${b}`), right),
      el('aside', { class: 'side-panel' }, el('div', { class: 'panel-title' }, 'Differences'), list))));
  const viewerA = createViewer(left, activities);
  const viewerB = createViewer(right, activities);
  await viewerA.importXML(await ensureLayout(xmlA));
  await viewerB.importXML(await ensureLayout(xmlB));
  for (const v of [viewerA, viewerB]) v.get('canvas').zoom('fit-viewport', 'auto');
  // Move both canvases together.
  let syncing = false;
  const sync = (from: any, to: any) => from.on('canvas.viewbox.changed', ({ viewbox }: any) => {
    if (syncing) return;
    syncing = true;
    to.get('canvas').viewbox({ x: viewbox.x, y: viewbox.y, width: viewbox.width, height: viewbox.height });
    syncing = false;
  });
  sync(viewerA, viewerB);
  sync(viewerB, viewerA);

  const defsA = viewerA.getDefinitions();
  const defsB = viewerB.getDefinitions();
  const diff = diffDefinitions(defsA, defsB);
  const mark = (viewer: any, id: string, cls: string) => {
    if (viewer.get('elementRegistry').get(id)) viewer.get('canvas').addMarker(id, cls);
  };
  diff.added.forEach((id) => mark(viewerB, id, 'diff-added'));
  diff.removed.forEach((id) => mark(viewerA, id, 'diff-removed'));
  for (const id of Object.keys(diff.changed)) {
    mark(viewerA, id, 'diff-changed');
    mark(viewerB, id, 'diff-changed');
  }
  const nameIn = (viewer: any, id: string) => viewer.get('elementRegistry').get(id)?.businessObject?.name || id;
  const select = (id: string) => {
    for (const v of [viewerA, viewerB]) {
      const e = v.get('elementRegistry').get(id);
      if (e) v.get('selection').select(e);
    }
  };
  const item = (kind: string, id: string, text: string, viewer: any) => el('li', { class: `diff ${kind}`, 'data-element': id },
    el('button', { type: 'button', class: 'link', onclick: () => select(id) }, el('span', { class: `swatch ${kind}` }),
      el('strong', {}, nameIn(viewer, id)), ' ', el('span', { class: 'muted' }, text)));
  const total = diff.added.length + diff.removed.length + Object.keys(diff.changed).length;
  list.replaceChildren(total === 0 ? el('p', { class: 'muted' }, 'No difference in the process (the layout may differ).') :
    el('ul', { class: 'diffs' },
      ...diff.added.map((id) => item('added', id, 'added', viewerB)),
      ...diff.removed.map((id) => item('removed', id, 'removed', viewerA)),
      ...Object.entries(diff.changed).map(([id, what]) => item('changed', id, `changed: ${what.join(', ')}`, viewerB))));
  root.querySelector('.compare')!.setAttribute('data-differences', String(total));
  return { dispose: () => { viewerA.destroy(); viewerB.destroy(); } };
}
