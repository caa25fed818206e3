// Read-only diagrams: one published version of a process, or a library template (with "copy to cluster").
import { el } from '../dom';
import { navigate, type RouteContext } from '../router';
import { canEdit, selectedCluster } from '../session';
import { dialog, field, toast } from '../ui';
import { library, processes } from '../processes/api';
import { startRun } from '../processes/start-run';
import { inspect } from './inspector';
import { loadCatalog } from './pve/catalog-service';
import { createViewer, ensureLayout } from './viewer-setup';

async function showReadOnly(root: HTMLElement, header: HTMLElement, xml: string) {
  const activities = await loadCatalog().catch(() => []);
  const canvas = el('div', { class: 'canvas', id: 'canvas' });
  const details = el('div', { class: 'properties' });
  root.replaceChildren(el('div', { class: 'editor read-only' }, header,
    el('div', { class: 'editor-body' }, canvas, el('aside', { class: 'side-panel' }, el('div', { class: 'panel-title' }, 'Details'), details))));
  const viewer = createViewer(canvas, activities);
  await viewer.importXML(await ensureLayout(xml));
  viewer.get('canvas').zoom('fit-viewport', 'auto');
  inspect(details, null, activities);
  viewer.on('element.click', ({ element }: any) => inspect(details, element, activities));
  return { dispose: () => viewer.destroy() };
}

export async function renderVersion({ params, root }: RouteContext) {
  const { cluster, key } = params;
  const detail = await processes.get(cluster, key);
  const version = params.version === 'current' ? detail.currentVersion : Number(params.version);
  if (!version) throw new Error('This process has no published version yet');
  const info = detail.versions.find((v) => v.version === version);
  const editable = canEdit();
  const base = `/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(key)}`;
  const header = el('div', { class: 'editor-toolbar' },
    el('nav', { class: 'crumbs' }, el('a', { href: '/processes' }, 'Processes'), ' / ',
      editable ? el('a', { href: base }, detail.name || key) : el('strong', {}, detail.name || key), ` / v${version}`),
    el('span', { class: 'badge' }, 'read-only'),
    info?.current ? el('span', { class: 'badge current' }, 'current') : null,
    info ? el('span', { class: 'muted small' }, `published ${new Date(info.publishedAt).toLocaleString()}${info.publishedBy ? ` by ${info.publishedBy}` : ""}`) : null,
    el('span', { class: 'spacer' }),
    el('a', { class: 'button secondary', href: processes.versionXmlUrl(cluster, key, version), download: `${key}-v${version}.bpmn20.xml`, 'data-external': '' }, 'Export'),
    editable ? el('button', { type: 'button', class: 'secondary', onclick: async () => {
      await processes.restoreDraft(cluster, key, version);
      toast(`v${version} restored as the draft`, 'success');
      navigate(base);
    } }, 'Restore as draft') : null,
    editable && info && !info.current ? el('button', { type: 'button', class: 'secondary', onclick: async () => {
      await processes.makeCurrent(cluster, key, version);
      toast(`v${version} is now current`, 'success');
      navigate(location.pathname, true);
    } }, 'Make current') : null,
    editable && info?.current && detail.status === 'active' ? el('button', { type: 'button', onclick: () => startRun(cluster, key).catch((e) => toast(e.message, 'error')) }, '▶ Start run') : null);
  return showReadOnly(root, header, await processes.versionXml(cluster, key, version));
}

export async function renderLibrary({ params, root }: RouteContext) {
  const entries = await library.list();
  const entry = entries.find((e) => e.key === params.key);
  if (!entry) throw new Error(`No library template '${params.key}'`);
  const cluster = selectedCluster();
  const header = el('div', { class: 'editor-toolbar' },
    el('nav', { class: 'crumbs' }, el('a', { href: '/processes' }, 'Processes'), ' / Library / ', el('strong', {}, entry.name)),
    el('span', { class: 'badge' }, `v${entry.version}`), el('span', { class: 'badge' }, 'read-only template'),
    el('span', { class: 'muted small ellipsis' }, entry.description || ''),
    el('span', { class: 'spacer' }),
    canEdit() && cluster ? el('button', { type: 'button', id: 'copy-template', onclick: async () => {
      const key = el('input', { name: 'key', value: entry.key, class: 'mono', required: true });
      const name = el('input', { name: 'name', value: entry.name, required: true });
      const copied = await dialog(`Copy to ${cluster}`, el('div', { class: 'form-grid' }, field('Name', name), field('Key', key)), 'Copy',
        () => processes.fromLibrary(cluster, entry.key, key.value.trim(), name.value.trim()));
      if (copied) navigate(`/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(copied.key || key.value.trim())}`);
    } }, 'Copy to cluster') : null);
  return showReadOnly(root, header, await library.xml(entry.key));
}
