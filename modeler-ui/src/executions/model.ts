// The executions API (see the API contract and server/.../executions): runs, their detail and the actions on them.
import { api, apiText, json } from '../api';

export type RunStatus = 'queued' | 'running' | 'waiting' | 'failed' | 'cancelled' | 'completed';

export interface ExecutionSummary {
  id: string;
  clusterId: string;
  processKey: string;
  processName?: string;
  version: number;
  processDefinitionId?: string;
  status: RunStatus | string;
  waitingOn?: 'approval' | 'timer' | 'pve-task' | string | null;
  businessKey?: string | null;
  startedBy?: string | null;
  startedVia?: string | null;
  createdAt?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  durationMs?: number | null;
  message?: string | null;
  concurrencyGroup?: string | null;
  cancelledBy?: string | null;
  cancelReason?: string | null;
  resumedFrom?: string | null;
}

export interface PveTask {
  upid: string;
  node?: string | null;
  exitStatus?: string | null;
  log?: string[] | null;
}

export interface Step {
  id: string;
  activityId: string;
  name?: string | null;
  type: string;
  activity?: string | null;
  status: 'active' | 'completed' | 'cancelled' | 'failed' | string;
  startedAt?: string | null;
  endedAt?: string | null;
  durationMs?: number | null;
  inputs?: Record<string, unknown> | null;
  outputs?: Record<string, unknown> | null;
  pveTask?: PveTask | null;
}

export interface Incident {
  jobId: string;
  activityId: string;
  message?: string | null;
  retries: number;
  dead: boolean;
  createdAt?: string | null;
}

export interface DiagramState {
  processDefinitionId?: string;
  completed: string[];
  active: string[];
  failed: string[];
  counts: Record<string, number>;
}

export interface ExecutionDetail extends ExecutionSummary {
  steps: Step[];
  incidents: Incident[];
  diagram: DiagramState;
  variables: Record<string, unknown>;
}

export interface ExecutionPage {
  items: ExecutionSummary[];
  page: number;
  size: number;
  hasMore: boolean;
}

/** A `log` event of the live stream: new lines of a step's Proxmox task, starting at line `from`. */
export interface LogEvent {
  stepId: string;
  activityId: string;
  upid: string;
  from: number;
  lines: string[];
}

/** A `progress` event: the last percentage the task printed. */
export interface ProgressEvent {
  stepId: string;
  activityId?: string;
  upid: string;
  percent: number;
}

const one = (id: string) => `/api/executions/${encodeURIComponent(id)}`;

export const executions = {
  list: (query: string) => api<ExecutionPage>(`/api/executions${query ? `?${query}` : ''}`),
  get: (id: string) => api<ExecutionDetail>(one(id)),
  xml: (id: string) => apiText(`${one(id)}/xml`),
  eventsUrl: (id: string) => `${one(id)}/events`,
  cancel: (id: string, reason: string) => api<ExecutionSummary>(`${one(id)}/cancel`, json('POST', { reason })),
  kill: (id: string, reason: string) => api<ExecutionSummary>(`${one(id)}/kill`, json('POST', { reason })),
  retry: (id: string, jobId?: string, variables?: Record<string, unknown>) =>
    api<ExecutionSummary>(`${one(id)}/retry`, json('POST', { ...(jobId ? { jobId } : {}), ...(variables ? { variables } : {}) })),
  resume: (id: string) => api<{ id: string; status: string }>(`${one(id)}/resume`, { method: 'POST' }),
};
