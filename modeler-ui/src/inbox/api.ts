// The typed client of the inbox API (/api/tasks, see server/README.md "Approvals").
import { api, apiText, ApiError, json } from '../api';

export interface TaskView {
  id: string;
  name: string | null;
  description: string | null;
  taskDefinitionKey: string;
  clusterId: string;
  processInstanceId: string;
  processDefinitionId: string;
  processKey: string;
  processName: string | null;
  processVersion: number | null;
  assignee: string | null;
  owner: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  createdAt: string;
  dueDate: string | null;
  formKey: string | null;
  approval: boolean;
  separationOfDuties: boolean;
}

export interface TaskPage {
  items: TaskView[];
  page: number;
  size: number;
  hasMore: boolean;
}

/** One element after the task: along a flow, through a gateway's branches, or a boundary event. */
export interface NextStep {
  id: string;
  name?: string;
  type: string;
  flow?: string;
  condition?: string;
  default?: boolean;
  interrupting?: boolean;
  timer?: string;
  then?: NextStep[];
}

export interface TaskContext {
  processKey: string;
  processName: string | null;
  processVersion: number | null;
  processDefinitionId: string;
  processInstanceId: string;
  businessKey: string | null;
  startedBy: string | null;
  startedAt: string | null;
  currentActivity: { id: string; name?: string };
  inputs: Record<string, unknown>;
  next: NextStep[];
  diagramXml: string;
}

export interface TaskDetail {
  task: TaskView;
  form: any | null;
  context: TaskContext;
}

export type Assignment = '' | 'mine' | 'groups' | 'all';

export type LinkCheck =
  | { state: 'valid'; expiresAt: string }
  | { state: 'expired' | 'invalid'; message: string };

const base = '/api/tasks';

export const tasks = {
  list(cluster: string | null, assignment: Assignment = '', page = 0, size = 50): Promise<TaskPage> {
    const q = new URLSearchParams({ page: String(page), size: String(size) });
    if (cluster) q.set('cluster', cluster);
    if (assignment) q.set('assignment', assignment);
    return api<TaskPage>(`${base}?${q}`);
  },
  get: (id: string) => api<TaskDetail>(`${base}/${encodeURIComponent(id)}`),
  xml: (id: string) => apiText(`${base}/${encodeURIComponent(id)}/xml`),
  claim: (id: string) => api<TaskView>(`${base}/${encodeURIComponent(id)}/claim`, { method: 'POST' }),
  release: (id: string) => api<TaskView>(`${base}/${encodeURIComponent(id)}/release`, { method: 'POST' }),
  delegate: (id: string, user: string) => api<TaskView>(`${base}/${encodeURIComponent(id)}/delegate`, json('POST', { user })),
  complete: (id: string, values: Record<string, unknown>) =>
    api<{ id: string; completed: boolean; processInstanceId: string }>(`${base}/${encodeURIComponent(id)}/complete`, json('POST', { values })),
  /** Checks a signed link from a message: valid, expired (410) or invalid (400). */
  async verifyLink(task: string, exp: string, sig: string): Promise<LinkCheck> {
    const q = new URLSearchParams({ task, exp, sig });
    try {
      const r = await api<{ valid: boolean; expiresAt: string }>(`${base}/links/verify?${q}`);
      return { state: 'valid', expiresAt: r.expiresAt };
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) return { state: 'expired', message: e.message };
      if (e instanceof ApiError && e.status === 400) return { state: 'invalid', message: e.message };
      throw e;
    }
  },
};

/** What the task list says about who has a task. */
export function assignmentOf(task: TaskView, me: string): 'mine' | 'delegated' | 'open' | 'other' {
  if (task.assignee === me) return task.owner && task.owner !== me ? 'delegated' : 'mine';
  if (!task.assignee) return 'open';
  return 'other';
}
