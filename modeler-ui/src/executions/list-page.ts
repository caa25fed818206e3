// The runs: filters kept in the URL query, status badges, paging and a refresh every few seconds while the tab
// is visible.
import './executions.css';
import { el, relative, when } from '../dom';
import type { RouteContext } from '../router';
import { processes } from '../processes/api';
import { knownClusters, selectedCluster } from '../session';
import { executions, type ExecutionSummary } from './model';
import {
  emptyFilters, filtersFromQuery, filtersToQuery, formatDuration, isoToLocalInput, localInputToIso, runDuration,
  statusBadge, STATUSES, type Filters,
} from './format';

const REFRESH_MS = 5000;

export async function renderExecutions({ root, query }: RouteContext) {
  let filters = filtersFromQuery(query);
  let timer: number | undefined;
  let disposed = false;
  let loading = false;
  let autoRefresh = localStorage.getItem('pveflow.executions.autoRefresh') !== 'off';

  const status = el('p', { class: 'muted small', id: 'list-status', role: 'status', 'aria-live': 'polite' });
  const body = el('tbody');
  const table = el('table', { class: 'grid executions', id: 'execution-list' },
    el('thead', {}, el('tr', {}, ...['Status', 'Process', 'Cluster', 'Business key', 'Started', 'Duration', 'Started by', 'Message']
      .map((h) => el('th', { scope: 'col' }, h)))),
    body);
  const empty = el('div', { class: 'empty', hidden: true, id: 'no-runs' }, 'No run matches these filters.');
  const prev = el('button', { type: 'button', class: 'secondary small', id: 'prev-page', 'aria-label': 'Previous page' }, '‹ Newer');
  const next = el('button', { type: 'button', class: 'secondary small', id: 'next-page', 'aria-label': 'Next page' }, 'Older ›');
  const pageLabel = el('span', { class: 'muted small', id: 'page-label' });
  prev.addEventListener('click', () => apply({ ...filters, page: Math.max(0, filters.page - 1) }, true));
  next.addEventListener('click', () => apply({ ...filters, page: filters.page + 1 }, true));

  // filters
  const cluster = el('select', { name: 'cluster', id: 'f-cluster', 'aria-label': 'Cluster' },
    el('option', { value: '' }, 'All clusters'),
    ...knownClusters().map((c) => el('option', { value: c.id }, c.displayName || c.id)));
  if (filters.cluster && !knownClusters().some((c) => c.id === filters.cluster)) {
    cluster.append(el('option', { value: filters.cluster }, filters.cluster));
  }
  const statusSelect = el('select', { name: 'status', id: 'f-status', 'aria-label': 'Status' },
    el('option', { value: '' }, 'Any status'), ...STATUSES.map((s) => el('option', { value: s }, statusBadge(s).label)));
  const process = el('input', { name: 'process', id: 'f-process', 'aria-label': 'Process key', placeholder: 'Process key', class: 'mono',
    autocomplete: 'off', list: 'process-keys' });
  const processKeys = el('datalist', { id: 'process-keys' });
  // Suggestions: the processes of the filtered cluster (or the one the UI works on); none if that fails.
  const suggestFor = (clusterId: string | null) => {
    if (!clusterId) return;
    processes.list(clusterId).then((list) => processKeys.replaceChildren(...list.map((p) => el('option', { value: p.key }, p.name || p.key))))
      .catch(() => processKeys.replaceChildren());
  };
  suggestFor(filters.cluster || selectedCluster());
  const startedBy = el('input', { name: 'startedBy', id: 'f-startedBy', 'aria-label': 'Started by', placeholder: 'Started by', autocomplete: 'off' });
  const businessKey = el('input', { name: 'businessKey', id: 'f-businessKey', 'aria-label': 'Business key', placeholder: 'Business key', autocomplete: 'off' });
  const from = el('input', { name: 'from', id: 'f-from', type: 'datetime-local', 'aria-label': 'Started from' });
  const to = el('input', { name: 'to', id: 'f-to', type: 'datetime-local', 'aria-label': 'Started until' });
  const clear = el('button', { type: 'button', class: 'secondary small', id: 'clear-filters' }, 'Clear');
  const refreshToggle = el('input', { type: 'checkbox', id: 'auto-refresh', checked: autoRefresh });
  const refreshNow = el('button', { type: 'button', class: 'secondary small', id: 'refresh', title: 'Refresh now', 'aria-label': 'Refresh now' }, '⟳');

  const fill = () => {
    cluster.value = filters.cluster;
    statusSelect.value = filters.status;
    process.value = filters.process;
    startedBy.value = filters.startedBy;
    businessKey.value = filters.businessKey;
    from.value = isoToLocalInput(filters.from);
    to.value = isoToLocalInput(filters.to);
  };
  const read = (): Filters => ({
    ...filters, page: 0, cluster: cluster.value, status: statusSelect.value, process: process.value.trim(),
    startedBy: startedBy.value.trim(), businessKey: businessKey.value.trim(),
    from: localInputToIso(from.value), to: localInputToIso(to.value),
  });
  const form = el('form', { class: 'filters', id: 'filters', role: 'search', 'aria-label': 'Filter runs' },
    cluster, process, processKeys, statusSelect, startedBy, businessKey,
    el('label', { class: 'inline-field' }, el('span', { class: 'muted small' }, 'from'), from),
    el('label', { class: 'inline-field' }, el('span', { class: 'muted small' }, 'to'), to),
    el('button', { type: 'submit', class: 'small', id: 'apply-filters' }, 'Filter'), clear);
  form.addEventListener('submit', (e) => { e.preventDefault(); apply(read(), true); });
  for (const control of [cluster, statusSelect, from, to]) control.addEventListener('change', () => apply(read(), true));
  for (const control of [process, startedBy, businessKey]) control.addEventListener('change', () => apply(read(), true));
  clear.addEventListener('click', () => apply(emptyFilters(), true));
  refreshToggle.addEventListener('change', () => {
    autoRefresh = refreshToggle.checked;
    localStorage.setItem('pveflow.executions.autoRefresh', autoRefresh ? 'on' : 'off');
    schedule();
  });
  refreshNow.addEventListener('click', () => void load());

  function apply(next: Filters, push: boolean) {
    if (next.cluster !== filters.cluster) suggestFor(next.cluster || selectedCluster());
    filters = next;
    fill();
    const q = filtersToQuery(filters);
    const url = `${location.pathname}${q ? `?${q}` : ''}`;
    // The page keeps itself: the URL only records the filters (back and forward re-render through the router).
    if (push && url !== location.pathname + location.search) history.pushState(null, '', url);
    void load();
  }

  async function load(): Promise<void> {
    if (loading || disposed) return;
    loading = true;
    try {
      const result = await executions.list(filtersToQuery(filters));
      if (disposed) return;
      body.replaceChildren(...result.items.map(row));
      table.hidden = result.items.length === 0;
      empty.hidden = result.items.length !== 0;
      prev.disabled = filters.page === 0;
      next.disabled = !result.hasMore;
      pageLabel.textContent = `Page ${filters.page + 1}`;
      status.textContent = `Updated ${new Date().toLocaleTimeString()}${autoRefresh ? ' · refreshes every 5 s' : ''}`;
      status.classList.remove('message');
    } catch (e) {
      if (disposed) return;
      status.textContent = `Could not load the runs: ${(e as Error).message}`;
      status.classList.add('message');
    } finally {
      loading = false;
      schedule();
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = undefined;
    if (disposed || !autoRefresh || document.hidden) return;
    timer = window.setTimeout(() => void load(), REFRESH_MS);
  }

  // Hidden tabs do not poll; coming back refreshes at once.
  const visibility = () => {
    if (document.hidden) schedule();
    else void load();
  };
  document.addEventListener('visibilitychange', visibility);

  fill();
  root.replaceChildren(el('section', { class: 'page executions-page' },
    el('div', { class: 'page-header' }, el('h1', {}, 'Executions'), el('span', { class: 'spacer' }),
      el('label', { class: 'inline-field', for: 'auto-refresh' }, refreshToggle, el('span', {}, 'Auto-refresh')), refreshNow),
    form, status, table, empty,
    el('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, pageLabel, next)));
  await load();

  return {
    dispose() {
      disposed = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', visibility);
    },
  };
}

function row(run: ExecutionSummary): HTMLElement {
  const href = `/executions/${encodeURIComponent(run.id)}`;
  const badge = statusBadge(run.status, run.waitingOn);
  const started = run.startedAt || run.createdAt;
  const tr = el('tr', { 'data-execution': run.id, 'data-status': run.status, class: 'clickable' },
    el('td', {}, el('span', { class: badge.className, title: badge.title }, badge.label)),
    el('td', {}, el('a', { href, 'aria-label': `Run ${run.id} of ${run.processName || run.processKey}` }, run.processName || run.processKey),
      el('div', { class: 'mono muted small' }, `${run.processKey} v${run.version}`)),
    el('td', { class: 'mono small' }, run.clusterId),
    el('td', { class: 'mono small' }, run.businessKey || ''),
    el('td', { title: when(started) }, started ? relative(started) : ''),
    el('td', { class: 'nowrap' }, formatDuration(runDuration(run))),
    el('td', {}, run.startedBy || '', run.startedVia ? el('span', { class: 'muted small' }, ` via ${run.startedVia}`) : null),
    el('td', { class: 'small ellipsis', title: run.message || '' }, run.message || (run.cancelReason ? `Cancelled: ${run.cancelReason}` : '')));
  // The whole row opens the run; the link inside stays the accessible (and middle-clickable) way.
  tr.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('a, button')) return;
    (tr.querySelector('a') as HTMLAnchorElement).click();
  });
  return tr;
}
