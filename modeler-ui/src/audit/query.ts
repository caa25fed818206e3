// The audit log's filters and the /api/audit query they make; kept in the page's URL so a filtered view can be shared.

export interface AuditFilters {
  actor: string;
  action: string;
  clusterId: string;
  from: string; // ISO instant or ''
  to: string;
  limit: number;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  clusterId: string | null;
  remoteAddr: string | null;
  details: string | null;
}

export const LIMITS = [100, 250, 500, 1000];

export function auditFiltersFromQuery(query: URLSearchParams): AuditFilters {
  const limit = Number(query.get('limit'));
  return {
    actor: query.get('actor') ?? '',
    action: query.get('action') ?? '',
    clusterId: query.get('clusterId') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    limit: LIMITS.includes(limit) ? limit : LIMITS[0],
  };
}

/** The query string of both the page URL and the API call: empty filters are left out. */
export function auditQuery(filters: AuditFilters): string {
  const query = new URLSearchParams();
  for (const name of ['actor', 'action', 'clusterId', 'from', 'to'] as const) {
    const value = filters[name].trim();
    if (value) query.set(name, value);
  }
  if (filters.limit !== LIMITS[0]) query.set('limit', String(filters.limit));
  return query.toString();
}

/** Where an entry's target can be opened in the UI, if anywhere. */
export function targetLink(event: AuditEvent): string | null {
  if (!event.targetId) return null;
  if (event.targetType === 'execution' || event.targetType === 'run') return `/executions/${encodeURIComponent(event.targetId)}`;
  if (event.targetType === 'task') return `/inbox/tasks/${encodeURIComponent(event.targetId)}`;
  return null;
}
