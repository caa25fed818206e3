// The audit log (admins): who did what, when, from where. Filters live in the URL; entries link to what they name.
import { api, ApiError } from '../api';
import { el, when } from '../dom';
import type { RouteContext } from '../router';
import { knownClusters } from '../session';
import { isoToLocalInput, localInputToIso } from '../executions/format';
import { auditFiltersFromQuery, auditQuery, LIMITS, targetLink, type AuditEvent, type AuditFilters } from './query';

export async function renderAudit({ root, query }: RouteContext) {
  let filters = auditFiltersFromQuery(query);
  const status = el('p', { class: 'muted small', id: 'audit-status', role: 'status', 'aria-live': 'polite' });
  const body = el('tbody');
  const table = el('table', { class: 'grid compact', id: 'audit-list' },
    el('thead', {}, el('tr', {}, ...['When', 'Who', 'Action', 'Target', 'Cluster', 'From', 'Details']
      .map((h) => el('th', { scope: 'col' }, h)))),
    body);

  const actor = el('input', { id: 'a-actor', 'aria-label': 'Who', placeholder: 'Who', autocomplete: 'off' });
  const action = el('input', { id: 'a-action', 'aria-label': 'Action', placeholder: 'Action, e.g. cancel', autocomplete: 'off', class: 'mono' });
  const cluster = el('select', { id: 'a-cluster', 'aria-label': 'Cluster' }, el('option', { value: '' }, 'All clusters'),
    ...knownClusters().map((c) => el('option', { value: c.id }, c.displayName || c.id)));
  const from = el('input', { id: 'a-from', type: 'datetime-local', 'aria-label': 'From' });
  const to = el('input', { id: 'a-to', type: 'datetime-local', 'aria-label': 'Until' });
  const limit = el('select', { id: 'a-limit', 'aria-label': 'Entries' }, ...LIMITS.map((n) => el('option', { value: String(n) }, `${n} newest`)));
  const form = el('form', { class: 'filters', id: 'audit-filters', role: 'search', 'aria-label': 'Filter the audit log' },
    actor, action, cluster,
    el('label', { class: 'inline-field' }, el('span', { class: 'muted small' }, 'from'), from),
    el('label', { class: 'inline-field' }, el('span', { class: 'muted small' }, 'to'), to),
    limit, el('button', { type: 'submit', class: 'small' }, 'Apply'));

  const fill = () => {
    actor.value = filters.actor;
    action.value = filters.action;
    cluster.value = filters.clusterId;
    from.value = isoToLocalInput(filters.from);
    to.value = isoToLocalInput(filters.to);
    limit.value = String(filters.limit);
  };
  const read = (): AuditFilters => ({
    actor: actor.value.trim(), action: action.value.trim(), clusterId: cluster.value,
    from: localInputToIso(from.value), to: localInputToIso(to.value), limit: Number(limit.value),
  });

  const load = async () => {
    status.textContent = 'Loading…';
    try {
      const qs = auditQuery(filters);
      const events = await api<AuditEvent[]>(`/api/audit${qs ? `?${qs}` : ''}`);
      body.replaceChildren(...events.map(row));
      status.textContent = events.length === 0 ? 'No entry matches these filters.'
        : `${events.length} entr${events.length === 1 ? 'y' : 'ies'}, newest first${events.length === filters.limit ? ' (limit reached: narrow the filters to see older ones)' : ''}.`;
    } catch (e) {
      body.replaceChildren();
      status.textContent = e instanceof ApiError && e.status === 403
        ? 'Only administrators can read the audit log.' : `Could not load the audit log: ${(e as Error).message}`;
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filters = read();
    const qs = auditQuery(filters);
    history.replaceState(null, '', `/audit${qs ? `?${qs}` : ''}`);
    void load();
  });

  fill();
  root.replaceChildren(el('section', { class: 'page' },
    el('h1', {}, 'Audit log'),
    el('p', { class: 'muted' }, 'Every user action: deployments, publishing, starts, cancellations, approvals, changes of clusters, users and notifiers. Kept apart from run history: cleaning up old runs never removes it.'),
    form, status, table));
  await load();
}

function row(event: AuditEvent): HTMLElement {
  const link = targetLink(event);
  const target = event.targetId
    ? (link ? el('a', { href: link, class: 'mono' }, event.targetId) : el('span', { class: 'mono' }, event.targetId))
    : null;
  return el('tr', { 'data-action': event.action },
    el('td', { title: event.occurredAt }, when(event.occurredAt)),
    el('td', {}, event.actor),
    el('td', {}, el('span', { class: 'badge mono' }, event.action)),
    el('td', {}, el('span', { class: 'muted small' }, `${event.targetType} `), target),
    el('td', {}, event.clusterId ?? ''),
    el('td', { class: 'mono small' }, event.remoteAddr ?? ''),
    el('td', { class: 'small' }, event.details ?? ''));
}
