// Pure helpers of the executions pages (no DOM): status badges, durations, the list's filters as a query string,
// and which actions a run allows. Unit-tested in test/executions.test.ts.
import type { ExecutionDetail, ExecutionSummary } from './model';

export const STATUSES = ['queued', 'running', 'waiting', 'failed', 'cancelled', 'completed'] as const;

const WAITING_ON: Record<string, string> = { approval: 'an approval', timer: 'a timer', 'pve-task': 'a Proxmox task' };
const WAITING_SHORT: Record<string, string> = { approval: 'approval', timer: 'timer', 'pve-task': 'Proxmox task' };

export interface Badge {
  label: string;
  /** CSS classes: `badge run-<status>` */
  className: string;
  /** A sentence for the tooltip and screen readers. */
  title: string;
}

/** The badge of a run's status; a waiting run says on what. Unknown statuses are shown as they come. */
export function statusBadge(status: string, waitingOn?: string | null): Badge {
  switch (status) {
    case 'queued':
      return { label: 'Queued', className: 'badge run-queued', title: 'Waiting for a free slot in its concurrency group' };
    case 'running':
      return { label: 'Running', className: 'badge run-running', title: 'The engine is working on it' };
    case 'waiting': {
      const on = waitingOn ? WAITING_SHORT[waitingOn] ?? waitingOn : null;
      return {
        label: on ? `Waiting · ${on}` : 'Waiting',
        className: 'badge run-waiting',
        title: `Waiting on ${waitingOn ? WAITING_ON[waitingOn] ?? waitingOn : 'something'}`,
      };
    }
    case 'failed':
      return { label: 'Failed', className: 'badge run-failed', title: 'A step failed: see its incidents' };
    case 'cancelled':
      return { label: 'Cancelled', className: 'badge run-cancelled', title: 'Stopped by someone' };
    case 'completed':
      return { label: 'Completed', className: 'badge run-completed', title: 'Finished' };
    default:
      return { label: status || 'unknown', className: 'badge', title: status || 'unknown' };
  }
}

/** The badge class of a step (active, completed, cancelled, failed). */
export function stepBadge(status: string): Badge {
  const labels: Record<string, string> = { active: 'Active', completed: 'Completed', cancelled: 'Cancelled', failed: 'Failed' };
  return { label: labels[status] ?? status, className: `badge step-${labels[status] ? status : 'other'}`, title: labels[status] ?? status };
}

/** "850 ms", "12 s", "4 min 05 s", "2 h 03 min", "3 d 4 h"; empty for a missing duration. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  const days = Math.floor(hours / 24);
  return `${days} d ${hours % 24} h`;
}

/** A run's duration: the server's figure, or (while it runs and the server gave none) the time since it started. */
export function runDuration(run: Pick<ExecutionSummary, 'durationMs' | 'startedAt' | 'endedAt'>, now = Date.now()): number | null {
  if (run.durationMs !== null && run.durationMs !== undefined) return run.durationMs;
  if (!run.startedAt) return null;
  const start = Date.parse(run.startedAt);
  const end = run.endedAt ? Date.parse(run.endedAt) : now;
  return Number.isNaN(start) || Number.isNaN(end) ? null : Math.max(0, end - start);
}

export interface Filters {
  cluster: string;
  process: string;
  status: string;
  startedBy: string;
  /** ISO-8601 instants, as the server takes them */
  from: string;
  to: string;
  businessKey: string;
  page: number;
  size: number;
}

export const DEFAULT_SIZE = 50;
const TEXT_FILTERS = ['cluster', 'process', 'status', 'startedBy', 'from', 'to', 'businessKey'] as const;

export function emptyFilters(): Filters {
  return { cluster: '', process: '', status: '', startedBy: '', from: '', to: '', businessKey: '', page: 0, size: DEFAULT_SIZE };
}

/** Reads the filters from a URL query (unknown parameters are ignored; bad numbers fall back to the defaults). */
export function filtersFromQuery(query: URLSearchParams | string): Filters {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const filters = emptyFilters();
  for (const name of TEXT_FILTERS) filters[name] = (params.get(name) ?? '').trim();
  if (filters.status && !(STATUSES as readonly string[]).includes(filters.status)) filters.status = '';
  const page = Number(params.get('page'));
  filters.page = Number.isInteger(page) && page > 0 ? page : 0;
  const size = Number(params.get('size'));
  filters.size = Number.isInteger(size) && size > 0 && size <= 500 ? size : DEFAULT_SIZE;
  return filters;
}

/** The filters as a query string, without empty values and defaults, in a stable order (the URL and the API). */
export function filtersToQuery(filters: Filters): string {
  const params = new URLSearchParams();
  for (const name of TEXT_FILTERS) {
    const value = (filters[name] ?? '').trim();
    if (value) params.set(name, value);
  }
  if (filters.page > 0) params.set('page', String(filters.page));
  if (filters.size !== DEFAULT_SIZE) params.set('size', String(filters.size));
  return params.toString();
}

/** An ISO instant for a <input type="datetime-local"> value (local time), or '' when empty or invalid. */
export function localInputToIso(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** The <input type="datetime-local"> value (local time, minutes) of an ISO instant. */
export function isoToLocalInput(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Has the run ended for good? (A failed run with an incident is still active: it can be retried.) */
export function hasEnded(run: Pick<ExecutionSummary, 'status' | 'endedAt'>): boolean {
  return run.status === 'completed' || run.status === 'cancelled' || (run.status === 'failed' && !!run.endedAt);
}

export interface Permission {
  allowed: boolean;
  /** Why not, for the tooltip of a disabled button. */
  reason: string;
}

export interface Allowed {
  cancel: Permission;
  kill: Permission;
  retry: Permission;
  resume: Permission;
}

/** What the signed-in user may do to the run, with the reason when not (mirrors the server's ExecutionActions). */
export function allowedActions(run: Pick<ExecutionDetail, 'status' | 'endedAt' | 'startedAt' | 'incidents'>, roles: string[]): Allowed {
  const operator = roles.some((r) => r === 'ADMIN' || r === 'OPERATOR');
  const denied = (reason: string): Permission => ({ allowed: false, reason });
  const ok: Permission = { allowed: true, reason: '' };
  if (!operator) {
    const reason = 'Operators and admins act on runs; you can only look';
    return { cancel: denied(reason), kill: denied(reason), retry: denied(reason), resume: denied(reason) };
  }
  const ended = hasEnded(run);
  const stop = ended ? denied(`The run has already ended (${run.status})`) : ok;
  const dead = (run.incidents || []).some((i) => i.dead);
  const retry = ended ? denied(`Only a run that is still active can be retried (this one is ${run.status})`)
    : dead ? ok : denied('No failed job to retry');
  let resume: Permission;
  if (run.status === 'failed' && !ended) resume = dead ? ok : denied('No failed job to resume from yet');
  else if (run.status === 'cancelled') resume = run.startedAt ? ok : denied('The run was cancelled before it started');
  else if (run.status === 'failed') resume = denied('The run ended with an error; start a new run instead');
  else resume = denied('Only failed and cancelled runs can be resumed');
  return { cancel: stop, kill: stop, retry, resume };
}

/** Parses the retry dialog's variables editor: empty means none; otherwise a JSON object. Throws a readable error. */
export function parseVariables(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (e) {
    throw new Error(`The variables are not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('The variables must be a JSON object, e.g. {"fixed": true}');
  }
  const bad = Object.keys(value).find((k) => !/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/.test(k));
  if (bad !== undefined) throw new Error(`'${bad}' is not a valid variable name`);
  return value as Record<string, unknown>;
}

/** A value for display: strings as they are, everything else as compact JSON. */
export function display(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
