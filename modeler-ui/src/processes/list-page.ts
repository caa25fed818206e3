// The processes of the selected cluster (status, versions, draft) and the shared library's read-only templates.
import { el, relative, when } from '../dom';
import { navigate, type RouteContext } from '../router';
import { canEdit, onClusterChange, selectedCluster } from '../session';
import { dialog, field, toast } from '../ui';
import { keyFromName, keyProblem, library, processes, type LibraryEntry, type ProcessSummary } from './api';
import { startRun } from './start-run';

const STATUS_LABEL: Record<string, string> = { active: 'Active', archived: 'Archived', 'draft-only': 'Draft only' };

export async function renderProcesses({ root }: RouteContext) {
  const cluster = selectedCluster();
  if (!cluster) {
    root.replaceChildren(el('section', { class: 'page' }, el('h1', {}, 'Processes'),
      el('p', { class: 'empty-state' }, 'No cluster yet. An admin adds one first (Clusters).')));
    return;
  }
  const unsubscribe = onClusterChange(() => navigate('/processes', true));
  const [list, templates] = await Promise.all([processes.list(cluster), library.list().catch(() => [] as LibraryEntry[])]);
  const editable = canEdit();

  const fileInput = el('input', { type: 'file', accept: '.bpmn,.xml,.bpmn20.xml,application/xml,text/xml', hidden: true, id: 'import-file' });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    try {
      const imported = await processes.importFile(cluster, file);
      toast(`Imported ${file.name} as a draft`, 'success');
      navigate(`/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(imported.key)}`);
    } catch (e) {
      toast(`Import failed: ${(e as Error).message}`, 'error');
    } finally {
      fileInput.value = '';
    }
  });

  const header = el('div', { class: 'page-header' },
    el('h1', {}, 'Processes'),
    el('span', { class: 'spacer' }),
    editable ? el('button', { type: 'button', class: 'secondary', id: 'import', onclick: () => fileInput.click() }, 'Import .bpmn') : null,
    editable ? el('button', { type: 'button', id: 'new-process', onclick: () => newProcess(cluster) }, 'New process') : null,
    fileInput);

  const table = list.length === 0
    ? el('div', { class: 'empty-state' }, el('p', {}, 'No process in this cluster yet.'),
      el('p', { class: 'muted' }, 'Create one, import a .bpmn file, or copy a template from the library below.'))
    : el('table', { class: 'grid', id: 'process-list' },
      el('thead', {}, el('tr', {}, ...['Name', 'Status', 'Current', 'Latest', 'Draft', 'Published', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...list.map((p) => row(cluster, p, editable))));

  const libraryCards = el('div', { class: 'cards', id: 'library' }, ...templates.map((t) => el('article', { class: 'card template', 'data-library': t.key },
    el('h3', {}, t.name, ' ', el('span', { class: 'badge' }, `v${t.version}`)),
    el('p', { class: 'muted' }, t.description || ''),
    el('div', { class: 'card-actions' },
      el('a', { href: `/library/${encodeURIComponent(t.key)}`, class: 'button secondary' }, 'View'),
      editable ? el('button', { type: 'button', onclick: () => copyTemplate(cluster, t) }, 'Copy to cluster') : null))));

  root.replaceChildren(el('section', { class: 'page' }, header, table,
    el('h2', {}, 'Library ', el('small', { class: 'muted' }, 'read-only templates shipped with PVEFlow')),
    templates.length ? libraryCards : el('p', { class: 'muted' }, 'No template.')));
  return { dispose: unsubscribe };
}

function row(cluster: string, p: ProcessSummary, editable: boolean): HTMLElement {
  const href = `/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(p.key)}`;
  return el('tr', { 'data-process': p.key },
    el('td', {}, el('a', { href }, p.name || p.key), el('div', { class: 'mono muted small' }, p.key)),
    el('td', {}, el('span', { class: `badge status-${p.status}` }, STATUS_LABEL[p.status] || p.status)),
    el('td', {}, p.currentVersion ? `v${p.currentVersion}` : '—'),
    el('td', {}, p.latestVersion ? `v${p.latestVersion}` : '—'),
    el('td', {}, p.hasDraft ? el('span', { class: 'badge draft', title: `${when(p.draftUpdatedAt)} by ${p.draftUpdatedBy}` },
      `draft · ${relative(p.draftUpdatedAt)}`) : ''),
    el('td', {}, p.publishedAt ? `${relative(p.publishedAt)} by ${p.publishedBy}` : ''),
    el('td', { class: 'actions' },
      el('a', { href, class: 'button secondary small' }, editable ? 'Edit' : 'Open'),
      editable && p.currentVersion && p.status === 'active'
        ? el('button', { type: 'button', class: 'small', onclick: () => startRun(cluster, p.key, p.name).catch((e) => toast(e.message, 'error')) }, 'Start')
        : null));
}

async function newProcess(cluster: string): Promise<void> {
  const name = el('input', { name: 'name', required: true, placeholder: 'Nightly snapshots', autocomplete: 'off' });
  const key = el('input', { name: 'key', required: true, placeholder: 'nightlySnapshots', class: 'mono', autocomplete: 'off' });
  let keyTouched = false;
  key.addEventListener('input', () => (keyTouched = true));
  name.addEventListener('input', () => { if (!keyTouched) key.value = keyFromName(name.value); });
  const created = await dialog('New process', el('div', { class: 'form-grid' }, field('Name', name),
    field('Key', key, 'The BPMN process id; runs and the API refer to it. Cannot change later.')), 'Create', async () => {
    const problem = keyProblem(key.value.trim());
    if (problem) throw new Error(problem);
    return processes.create(cluster, key.value.trim(), name.value.trim());
  });
  if (created) navigate(`/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(created.key)}`);
}

async function copyTemplate(cluster: string, t: LibraryEntry): Promise<void> {
  const key = el('input', { name: 'key', value: t.key, class: 'mono', required: true });
  const name = el('input', { name: 'name', value: t.name, required: true });
  const copied = await dialog(`Copy "${t.name}" to ${cluster}`, el('div', { class: 'form-grid' }, field('Name', name), field('Key', key)),
    'Copy', async () => {
      const problem = keyProblem(key.value.trim());
      if (problem) throw new Error(problem);
      return processes.fromLibrary(cluster, t.key, key.value.trim(), name.value.trim());
    });
  if (copied) navigate(`/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(copied.key || key.value.trim())}`);
}
