// The processes API (see the API contract): drafts, versions, publishing, the library and start forms.
import { api, apiText, json } from '../api';

export interface ProcessSummary {
  key: string;
  name: string;
  status: 'active' | 'archived' | 'draft-only';
  currentVersion: number | null;
  latestVersion: number | null;
  hasDraft: boolean;
  draftUpdatedAt: string | null;
  draftUpdatedBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface VersionInfo {
  version: number;
  processDefinitionId: string;
  deploymentId: string;
  publishedBy: string | null;
  publishedAt: string;
  comment?: string | null;
  current: boolean;
}

export interface Published extends VersionInfo {
  key: string;
  warnings?: Problem[];
}

export interface ProcessDetail extends ProcessSummary {
  versions: VersionInfo[];
  draft: { updatedAt: string; updatedBy: string; revision: number } | null;
}

/** Without a draft the server answers the current version's document with revision 0 and basedOnVersion. */
export interface Draft {
  key?: string;
  name?: string;
  xml: string;
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
  basedOnVersion?: number;
}

export interface Problem {
  elementId: string | null;
  field?: string | null;
  rule: string;
  message: string;
  severity: 'error' | 'warning' | string;
}

export interface LibraryEntry {
  key: string;
  name: string;
  description?: string;
  version: number;
}

export interface StartInput {
  name: string;
  label?: string;
  type: 'string' | 'number' | 'boolean' | 'enum' | 'duration' | 'date';
  required?: boolean;
  default?: string | null;
  options?: { value: string; label?: string }[] | null;
  help?: string | null;
}

const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}/processes`;
const one = (cluster: string, key: string) => `${base(cluster)}/${encodeURIComponent(key)}`;

export const processes = {
  list: (cluster: string) => api<ProcessSummary[]>(base(cluster)),
  create: (cluster: string, key: string, name: string, xml?: string) =>
    api<ProcessDetail>(base(cluster), json('POST', xml ? { key, name, xml } : { key, name })),
  get: (cluster: string, key: string) => api<ProcessDetail>(one(cluster, key)),
  draft: (cluster: string, key: string) => api<Draft>(`${one(cluster, key)}/draft`),
  saveDraft: (cluster: string, key: string, xml: string, revision: number) =>
    api<Draft>(`${one(cluster, key)}/draft`, json('PUT', { xml, revision })),
  deleteDraft: (cluster: string, key: string) => api<void>(`${one(cluster, key)}/draft`, { method: 'DELETE' }),
  publish: (cluster: string, key: string, comment?: string) =>
    api<Published>(`${one(cluster, key)}/publish`, json('POST', comment ? { comment } : {})),
  versionXml: (cluster: string, key: string, version: number | string) =>
    apiText(`${one(cluster, key)}/versions/${version}/xml`),
  versionXmlUrl: (cluster: string, key: string, version: number | string) => `${one(cluster, key)}/versions/${version}/xml`,
  restoreDraft: (cluster: string, key: string, version: number) =>
    api<Draft>(`${one(cluster, key)}/versions/${version}/restore-draft`, { method: 'POST' }),
  makeCurrent: (cluster: string, key: string, version: number) =>
    api<ProcessDetail>(`${one(cluster, key)}/versions/${version}/make-current`, { method: 'POST' }),
  archive: (cluster: string, key: string) => api<ProcessDetail>(`${one(cluster, key)}/archive`, { method: 'POST' }),
  restore: (cluster: string, key: string) => api<ProcessDetail>(`${one(cluster, key)}/restore`, { method: 'POST' }),
  importFile: async (cluster: string, file: File, key?: string) =>
    api<Draft & { key: string }>(`${base(cluster)}/import${key ? `?key=${encodeURIComponent(key)}` : ''}`,
      { method: 'POST', body: await file.text(), headers: { 'Content-Type': 'application/xml' } }),
  fromLibrary: (cluster: string, libraryKey: string, key?: string, name?: string) =>
    api<Draft & { key: string }>(`${base(cluster)}/from-library`, json('POST', { libraryKey, key, name })),
  startForm: (cluster: string, key: string) => api<{ inputs: StartInput[] }>(`${one(cluster, key)}/start-form`),
};

export const library = {
  list: () => api<LibraryEntry[]>('/api/library'),
  xml: (key: string) => apiText(`/api/library/${encodeURIComponent(key)}/xml`),
};

export function startExecution(clusterId: string, processKey: string, variables: Record<string, unknown>, businessKey?: string) {
  return api<{ id: string; status: string }>('/api/executions',
    json('POST', { clusterId, processKey, variables, ...(businessKey ? { businessKey } : {}) }));
}

/** Keys are process ids in BPMN: a letter or underscore, then letters, digits, '-', '_' or '.'. */
export function keyProblem(key: string): string | null {
  if (!key) return 'A key is required';
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/.test(key)) return 'Start with a letter or _, then letters, digits, -, _ or .';
  return null;
}

export function keyFromName(name: string): string {
  const words = name.trim().replace(/[^A-Za-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[A-Za-z_]/.test(key) ? key : key ? `p${key}` : '';
}
