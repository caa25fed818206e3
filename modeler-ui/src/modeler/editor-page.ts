// The process editor: the modeler on the process' draft with autosave (optimistic revisions), publish with the
// server's problems, versions (open, compare, restore as draft, make current), archive, import/export, start a run.
import { ApiError } from '../api';
import { el, relative, when } from '../dom';
import { navigate, type Page, type RouteContext } from '../router';
import { canEdit } from '../session';
import { confirmAction, dialog, field, toast } from '../ui';
import { processes, type Draft, type ProcessDetail } from '../processes/api';
import { startRun } from '../processes/start-run';
import { activityPanel } from './activity-panel';
import { fromLint, fromServer, renderProblems, type Listed } from './problems';
import { loadCatalog } from './pve/catalog-service';
import { createModeler, ensureLayout, newDiagramXml } from './setup';

const AUTOSAVE_MS = 1500;

type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error' | 'new';

export async function renderEditor({ params, root }: RouteContext): Promise<Page | void> {
  const { cluster, key } = params;
  if (!canEdit()) {
    navigate(`/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(key)}/versions/current`, true);
    return;
  }
  const [activities, detail] = await Promise.all([loadCatalog().catch(() => []), processes.get(cluster, key)]);
  let process: ProcessDetail = detail;
  // The server answers the current version's document (revision 0) when there is no draft: saving starts one.
  const draft = await processes.draft(cluster, key);
  let revision: number = draft.revision;
  let xml: string = draft.xml;
  let state: SaveState = draft.revision > 0 ? 'saved' : 'new';
  let savedAt: string | null = draft.revision > 0 ? draft.updatedAt : null;
  let savedBy: string | null = draft.revision > 0 ? draft.updatedBy : null;
  if (!xml) xml = newDiagramXml(key, process.name || key);

  // Layout
  const canvasHost = el('div', { class: 'canvas', id: 'canvas' });
  const propertiesHost = el('div', { class: 'properties', id: 'properties' });
  const problemsHost = el('div', { class: 'problems-host', id: 'problems' });
  const versionsHost = el('div', { class: 'versions-host', id: 'versions' });
  const tabButtons = ['Properties', 'Problems', 'Versions'].map((t) => el('button', { type: 'button', role: 'tab', 'data-tab': t.toLowerCase() }, t));
  const tabs = { properties: propertiesHost, problems: problemsHost, versions: versionsHost } as Record<string, HTMLElement>;
  const showTab = (name: string) => {
    for (const b of tabButtons) b.setAttribute('aria-selected', String(b.dataset.tab === name));
    for (const [n, host] of Object.entries(tabs)) host.hidden = n !== name;
  };
  tabButtons.forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab!)));
  const saveChip = el('span', { class: 'chip', id: 'save-state', role: 'status' });
  const statusChip = el('span', { class: 'badge' });
  const banner = el('div', { class: 'banner', id: 'banner', hidden: true });
  const fileInput = el('input', { type: 'file', accept: '.bpmn,.xml,application/xml,text/xml', hidden: true });

  // task forms are saved with the draft: the form editor needs it to exist on the server first
  const modeler = createModeler(canvasHost, propertiesHost, activities, cluster,
    { cluster, key, ensureSaved: () => (revision > 0 ? Promise.resolve() : save(true)) });
  const button = (label: string, title: string, onclick: () => void, attrs: Record<string, any> = {}) =>
    el('button', { type: 'button', class: 'secondary', title, onclick, ...attrs }, label);
  const saveButton = el('button', { type: 'button', class: 'secondary', id: 'save', title: 'Save the draft (Ctrl+S)', onclick: () => void save() }, 'Save');
  const publishButton = el('button', { type: 'button', id: 'publish', title: 'Publish the draft as a new version', onclick: () => void publish() }, 'Publish');
  const startButton = el('button', { type: 'button', class: 'secondary', id: 'start-run', title: 'Start a run of the current version', onclick: () => void start() }, '▶ Start run');
  const archiveButton = button('Archive', 'Archive: no new runs (running ones go on)', () => void toggleArchive(), { id: 'archive' });

  const toolbar = el('div', { class: 'editor-toolbar' },
    el('div', { class: 'title-block' },
      el('nav', { class: 'crumbs' }, el('a', { href: '/processes' }, 'Processes'), ' / ',
        el('strong', { id: 'process-name' }, process.name || key), ' ', el('span', { class: 'mono muted' }, key)),
      el('div', { class: 'title-meta' }, statusChip, saveChip)),
    el('span', { class: 'spacer' }),
    el('div', { class: 'button-group' },
      button('↶', 'Undo (Ctrl+Z)', () => modeler.get('commandStack').undo(), { id: 'undo', 'aria-label': 'Undo' }),
      button('↷', 'Redo (Ctrl+Y)', () => modeler.get('commandStack').redo(), { id: 'redo', 'aria-label': 'Redo' })),
    el('div', { class: 'button-group' },
      button('−', 'Zoom out', () => modeler.get('zoomScroll').stepZoom(-1), { 'aria-label': 'Zoom out' }),
      button('⤢', 'Fit the diagram', () => modeler.get('canvas').zoom('fit-viewport', 'auto'), { 'aria-label': 'Fit', id: 'fit' }),
      button('+', 'Zoom in', () => modeler.get('zoomScroll').stepZoom(1), { 'aria-label': 'Zoom in' })),
    el('div', { class: 'button-group' },
      button('Import', 'Replace the diagram with a .bpmn file', () => fileInput.click(), { id: 'import-bpmn' }),
      button('Export', 'Download the diagram as BPMN XML', () => void exportXml(), { id: 'export-bpmn' })),
    button('?', 'Keyboard shortcuts', () => shortcuts(), { 'aria-label': 'Keyboard shortcuts' }),
    archiveButton, saveButton, publishButton, startButton, fileInput);

  root.replaceChildren(el('div', { class: 'editor' }, toolbar, banner,
    el('div', { class: 'editor-body' },
      activityPanel(modeler, activities),
      canvasHost,
      el('aside', { class: 'side-panel' }, el('div', { class: 'tabs', role: 'tablist' }, ...tabButtons), propertiesHost, problemsHost, versionsHost)),
    el('datalist', { id: 'pve-durations' }, ...['PT1M', 'PT5M', 'PT10M', 'PT30M', 'PT1H', 'PT2H', 'P1D'].map((d) => el('option', { value: d })))));
  showTab('properties');

  // Problems: lint results as they come, server problems after a refused publish.
  let lintProblems: Listed[] = [];
  let serverProblems: Listed[] = [];
  const refreshProblems = () => {
    const errors = renderProblems(problemsHost, serverProblems, lintProblems, modeler);
    const total = serverProblems.length + lintProblems.length;
    tabButtons[1].textContent = total ? `Problems (${total})` : 'Problems';
    tabButtons[1].classList.toggle('has-errors', errors > 0);
  };
  modeler.on('linting.completed', ({ issues }: any) => { lintProblems = fromLint(issues); refreshProblems(); });

  const renderState = () => {
    statusChip.textContent = process.status === 'archived' ? 'Archived' : process.currentVersion ? `Current v${process.currentVersion}` : 'Not published';
    statusChip.className = `badge status-${process.status}`;
    archiveButton.textContent = process.status === 'archived' ? 'Restore' : 'Archive';
    archiveButton.hidden = !process.latestVersion;
    startButton.disabled = !process.currentVersion || process.status === 'archived';
    const text: Record<SaveState, string> = {
      new: process.currentVersion ? `Editing from v${process.currentVersion} (no draft yet)` : 'New (not saved yet)',
      saved: savedAt ? `Draft saved ${relative(savedAt)}${savedBy ? ` by ${savedBy}` : ''} · rev ${revision}` : 'No changes',
      dirty: 'Unsaved changes…',
      saving: 'Saving…',
      conflict: 'Conflict: changed elsewhere',
      error: 'Not saved',
    };
    saveChip.textContent = text[state];
    saveChip.className = `chip save-${state}`;
    saveChip.title = savedAt ? `Last saved ${when(savedAt)}` : '';
  };

  // Autosave
  let timer: number | undefined;
  let saving: Promise<void> | null = null;
  let again = false;
  modeler.on('commandStack.changed', () => {
    if (state === 'conflict') return;
    state = 'dirty';
    renderState();
    clearTimeout(timer);
    timer = window.setTimeout(() => void save(), AUTOSAVE_MS);
  });

  async function save(force = false): Promise<void> {
    clearTimeout(timer);
    if (saving) {
      again = true;
      return saving;
    }
    if (state === 'conflict' && !force) return;
    state = 'saving';
    renderState();
    saving = (async () => {
      try {
        const { xml: current } = await modeler.saveXML({ format: true });
        const saved = await processes.saveDraft(cluster, key, current, revision);
        revision = saved.revision;
        savedAt = saved.updatedAt || new Date().toISOString();
        process.hasDraft = true;
        savedBy = saved.updatedBy || null;
        state = 'saved';
        banner.hidden = true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          state = 'conflict';
          showConflict(e);
        } else {
          state = 'error';
          toast(`Could not save: ${(e as Error).message}`, 'error');
        }
      } finally {
        saving = null;
        renderState();
      }
    })();
    await saving;
    if (again && (state as SaveState) !== 'conflict') {
      again = false;
      await save();
    }
  }

  function showConflict(e: ApiError): void {
    banner.className = 'banner warning';
    banner.replaceChildren(el('strong', {}, 'This draft was changed elsewhere. '),
      el('span', {}, e.message || 'Someone saved a newer revision.'),
      el('span', { class: 'spacer' }),
      el('button', { type: 'button', class: 'secondary', id: 'conflict-load', onclick: () => void loadTheirs() }, 'Load their version'),
      el('button', { type: 'button', id: 'conflict-overwrite', onclick: () => void overwrite() }, 'Overwrite with mine'));
    banner.hidden = false;
  }

  /** Shows a draft the server holds (as saved): the diagram, its revision and who saved it. */
  async function showSavedDraft(draft: Draft): Promise<void> {
    revision = draft.revision;
    savedAt = draft.updatedAt;
    savedBy = draft.updatedBy;
    await modeler.importXML(await ensureLayout(draft.xml));
    modeler.get('canvas').zoom('fit-viewport', 'auto');
    state = 'saved';
  }

  async function loadTheirs(): Promise<void> {
    await showSavedDraft(await processes.draft(cluster, key));
    banner.hidden = true;
    renderState();
  }

  async function overwrite(): Promise<void> {
    revision = (await processes.draft(cluster, key)).revision;
    await save(true);
  }

  async function publish(): Promise<void> {
    if (state === 'dirty' || state === 'new' || state === 'error') await save();
    if (state === 'conflict' || saving) return;
    const comment = el('input', { name: 'comment', placeholder: 'What changed (optional)' });
    const published = await dialog(`Publish "${process.name || key}"`, el('div', { class: 'form-grid' },
      el('p', {}, 'The draft becomes a new version and the current one: new runs start it.'),
      field('Comment', comment)), 'Publish', async () => {
      try {
        return await processes.publish(cluster, key, comment.value.trim() || undefined);
      } catch (e) {
        if (e instanceof ApiError && e.status === 400 && Array.isArray(e.body?.problems)) {
          serverProblems = fromServer(e.body.problems);
          refreshProblems();
          showTab('problems');
          toast(`Not published: ${e.body.problems.length} problem(s)`, 'error');
          return 'refused' as const;
        }
        throw e;
      }
    });
    if (!published || published === 'refused') return;
    serverProblems = [];
    refreshProblems();
    const warnings = published.warnings?.length || 0;
    toast(`Published version ${published.version}${warnings ? ` with ${warnings} warning(s)` : ''}`, 'success');
    if (warnings) {
      serverProblems = fromServer(published.warnings!);
      refreshProblems();
    }
    await reloadProcess();
    showTab('versions');
  }

  async function reloadProcess(): Promise<void> {
    process = await processes.get(cluster, key);
    if (!process.draft && state === 'saved') {
      // Publishing consumed the draft: the canvas now shows the new current version.
      revision = 0;
      savedAt = null;
      state = 'new';
    }
    renderState();
    renderVersions();
  }

  function renderVersions(): void {
    const checked = new Set<number>();
    const compare = el('button', { type: 'button', class: 'secondary small', id: 'compare', disabled: true }, 'Compare selected');
    compare.addEventListener('click', () => {
      const [a, b] = [...checked].sort((x, y) => x - y);
      navigate(`/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(key)}/compare/${a}/${b}`);
    });
    const versions = [...process.versions].sort((a, b) => b.version - a.version);
    versionsHost.replaceChildren(
      el('div', { class: 'versions-head' }, el('span', { class: 'muted' }, 'Tick two versions to compare'), compare),
      versions.length === 0 ? el('p', { class: 'muted' }, 'Not published yet.') :
        el('ul', { class: 'versions' }, ...versions.map((v) => {
          const box = el('input', { type: 'checkbox', 'aria-label': `Select v${v.version}`, 'data-version': v.version });
          box.addEventListener('change', () => {
            if (box.checked) checked.add(v.version);
            else checked.delete(v.version);
            compare.disabled = checked.size !== 2;
          });
          return el('li', { class: 'version', 'data-version': v.version },
            el('div', { class: 'version-head' }, box, el('strong', {}, `v${v.version}`),
              v.current ? el('span', { class: 'badge current' }, 'current') : null),
            el('div', { class: 'muted small' }, `${when(v.publishedAt)}${v.publishedBy ? ` by ${v.publishedBy}` : ' (deployed outside PVEFlow)'}`),
            v.comment ? el('div', { class: 'small version-comment' }, v.comment) : null,
            el('div', { class: 'version-actions' },
              el('a', { href: `/processes/${encodeURIComponent(cluster)}/${encodeURIComponent(key)}/versions/${v.version}`, class: 'button secondary small' }, 'Open'),
              el('button', { type: 'button', class: 'secondary small', onclick: () => void restoreDraft(v.version) }, 'Restore as draft'),
              v.current ? null : el('button', { type: 'button', class: 'secondary small', onclick: () => void makeCurrent(v.version) }, 'Make current')));
        })));
  }

  async function restoreDraft(version: number): Promise<void> {
    if (!(await confirmAction(`Restore v${version} as draft`, 'The draft is replaced by this version. Continue?', 'Restore'))) return;
    await showSavedDraft(await processes.restoreDraft(cluster, key, version));
    toast(`v${version} restored as the draft`, 'success');
    await reloadProcess();
  }

  async function makeCurrent(version: number): Promise<void> {
    if (!(await confirmAction(`Make v${version} current`, 'New runs will start this version. Running ones are not affected.', 'Make current'))) return;
    process = await processes.makeCurrent(cluster, key, version).then(() => processes.get(cluster, key));
    toast(`v${version} is now current`, 'success');
    renderState();
    renderVersions();
  }

  async function toggleArchive(): Promise<void> {
    const archived = process.status === 'archived';
    if (!archived && !(await confirmAction('Archive process', 'No new runs can start; running ones go on. You can restore it later.', 'Archive'))) return;
    await (archived ? processes.restore(cluster, key) : processes.archive(cluster, key));
    toast(archived ? 'Restored' : 'Archived', 'success');
    await reloadProcess();
  }

  async function start(): Promise<void> {
    if (state === 'dirty' || (process.hasDraft && process.latestVersion)) {
      toast(`Runs start the current version v${process.currentVersion}; publish the draft to run your changes.`);
    }
    try {
      await startRun(cluster, key, process.name);
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  }

  async function exportXml(): Promise<void> {
    const { xml: current } = await modeler.saveXML({ format: true });
    const url = URL.createObjectURL(new Blob([current], { type: 'application/xml' }));
    const a = el('a', { href: url, download: `${key}.bpmn20.xml` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    try {
      await modeler.importXML(await ensureLayout(await file.text()));
      // The process keeps its key whatever the file called it.
      const rootElement = modeler.get('canvas').getRootElement();
      if (rootElement.businessObject.$instanceOf('bpmn:Process') && rootElement.businessObject.id !== key) {
        modeler.get('modeling').updateProperties(rootElement, { id: key });
      }
      modeler.get('canvas').zoom('fit-viewport', 'auto');
      toast(`Imported ${file.name}`, 'success');
      state = 'dirty';
      renderState();
      await save();
    } catch (e) {
      toast(`Could not import ${file.name}: ${(e as Error).message}`, 'error');
    }
  });

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save(true);
    }
  };
  document.addEventListener('keydown', onKey);

  await modeler.importXML(await ensureLayout(xml));
  modeler.get('canvas').zoom('fit-viewport', 'auto');
  if (modeler.get('canvas').zoom() > 1) modeler.get('canvas').zoom(1, 'auto');
  renderState();
  renderVersions();
  refreshProblems();

  return {
    dispose() {
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey);
      // A pending change is saved before the modeler goes (its export needs the live diagram).
      const pending = state === 'dirty' ? save() : Promise.resolve();
      void pending.finally(() => modeler.destroy());
    },
    leaving() {
      return state === 'dirty' || state === 'saving' ? 'The draft has unsaved changes. Leave anyway?' : null;
    },
  };
}

function shortcuts(): void {
  const rows = [
    ['Ctrl+S', 'Save the draft'], ['Ctrl+Z / Ctrl+Y', 'Undo / redo'], ['Ctrl+F', 'Find an element'],
    ['Ctrl+A', 'Select all'], ['Delete', 'Remove the selection'], ['E', 'Edit the label'],
    ['H / L / S / C', 'Hand, lasso, space and global connect tools'], ['Ctrl + mouse wheel', 'Zoom'],
    ['Ctrl+0', 'Reset the zoom'], ['Arrow keys', 'Move the selection / the canvas'], ['Enter on a PVE step', 'Append it after the selection'],
  ];
  void dialog('Keyboard shortcuts', el('table', { class: 'grid compact' },
    el('tbody', {}, ...rows.map(([k, d]) => el('tr', {}, el('td', {}, el('kbd', {}, k)), el('td', {}, d))))), 'Close', () => true);
}
