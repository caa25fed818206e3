// The route table. Each entry lazy-loads its page (dynamic import), so a page's code arrives with its first visit.
import type { Route } from './router';

export const routes: Route[] = [
  { path: '/', title: 'Processes', nav: 'processes', load: async () => (await import('./processes/list-page')).renderProcesses },
  { path: '/processes', title: 'Processes', nav: 'processes', load: async () => (await import('./processes/list-page')).renderProcesses },
  { path: '/processes/:cluster/:key', title: 'Process', nav: 'processes', load: async () => (await import('./modeler/editor-page')).renderEditor },
  { path: '/processes/:cluster/:key/versions/:version', title: 'Process version', nav: 'processes', load: async () => (await import('./modeler/viewer-page')).renderVersion },
  { path: '/processes/:cluster/:key/compare/:a/:b', title: 'Compare versions', nav: 'processes', load: async () => (await import('./modeler/compare-page')).renderCompare },
  { path: '/library/:key', title: 'Library template', nav: 'processes', load: async () => (await import('./modeler/viewer-page')).renderLibrary },
  { path: '/executions', title: 'Executions', nav: 'executions', load: async () => (await import('./executions/list-page')).renderExecutions },
  { path: '/executions/:id', title: 'Execution', nav: 'executions', load: async () => (await import('./executions/run-page')).renderExecution },
  { path: '/inbox', title: 'Inbox', nav: 'inbox', load: async () => (await import('./inbox/inbox-page')).renderInbox },
  { path: '/inbox/tasks/:id', title: 'Task', nav: 'inbox', load: async () => (await import('./inbox/task-page')).renderTask },
  { path: '/clusters', title: 'Clusters', nav: 'clusters', load: async () => (await import('./clusters')).renderClusters },
  { path: '/audit', title: 'Audit log', nav: 'audit', load: async () => (await import('./audit/audit-page')).renderAudit },
];

/** The top navigation, in order. */
export const navigation = [
  { id: 'processes', label: 'Processes', href: '/processes' },
  { id: 'executions', label: 'Executions', href: '/executions' },
  { id: 'inbox', label: 'Inbox', href: '/inbox' },
  { id: 'clusters', label: 'Clusters', href: '/clusters' },
  { id: 'audit', label: 'Audit', href: '/audit', adminOnly: true },
];
