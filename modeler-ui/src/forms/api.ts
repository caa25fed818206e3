// The forms of a process draft (server: /api/clusters/{c}/processes/{key}/draft/forms/{formId}).
import { api, ApiError } from '../api';

export interface FormInfo { id: string; updatedAt?: string; updatedBy?: string }

const path = (cluster: string, key: string, formId?: string) =>
  `/api/clusters/${encodeURIComponent(cluster)}/processes/${encodeURIComponent(key)}/draft${formId === undefined ? '' : `/forms/${encodeURIComponent(formId)}`}`;

export const draftForms = {
  async list(cluster: string, key: string): Promise<FormInfo[]> {
    return (await api<{ forms?: FormInfo[] }>(path(cluster, key))).forms ?? [];
  },
  async get(cluster: string, key: string, formId: string): Promise<any | null> {
    try {
      return await api<any>(path(cluster, key, formId));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  },
  save: (cluster: string, key: string, formId: string, schema: any) =>
    api<FormInfo>(path(cluster, key, formId), { method: 'PUT', body: JSON.stringify(schema), headers: { 'Content-Type': 'application/json' } }),
  remove: (cluster: string, key: string, formId: string) => api<void>(path(cluster, key, formId), { method: 'DELETE' }),
};

/** A form id for a task: its name (or id) in camel case, then "Form"; what the server accepts as an id. */
export function formIdFor(taskName: string | undefined, taskId: string): string {
  const words = (taskName || taskId).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  let id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (!/^[A-Za-z_]/.test(id)) id = `form${id.charAt(0).toUpperCase()}${id.slice(1)}`;
  return `${id || 'task'}Form`.slice(0, 200);
}

/** A new form with a heading and one text field, so the editor does not start blank. */
export function starterSchema(formId: string, title: string): any {
  return {
    id: formId, type: 'default', schemaVersion: 16,
    components: [
      { type: 'text', id: 'Heading', text: `# ${title}` },
      { type: 'textfield', id: 'Field_comment', key: 'comment', label: 'Comment', validate: { required: false } },
    ],
  };
}
