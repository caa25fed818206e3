// The inbox: the user tasks of the selected cluster that are mine or offered to me or my groups, with the
// quick actions (claim, release); a task opens its page (form, run context).
import { el, relative } from '../dom';
import type { RouteContext } from '../router';
import { currentUser, onClusterChange, selectedCluster } from '../session';
import { toast } from '../ui';
import { assignmentOf, tasks, type Assignment, type TaskView } from './api';
import { refreshInboxBadge } from './badge';

const FILTERS: { value: Assignment; label: string }[] = [
  { value: '', label: 'Mine and my groups' },
  { value: 'mine', label: 'Assigned to me' },
  { value: 'groups', label: 'Open for my groups' },
];

export async function renderInbox({ root, query }: RouteContext) {
  let assignment = (query.get('assignment') || '') as Assignment;
  const me = currentUser()?.username ?? '';
  const isAdmin = !!currentUser()?.roles.includes('ADMIN');
  const filters = isAdmin ? [...FILTERS, { value: 'all' as Assignment, label: 'All tasks (admin)' }] : FILTERS;
  const select = el('select', { id: 'inbox-filter', 'aria-label': 'Which tasks' },
    ...filters.map((f) => el('option', { value: f.value, selected: f.value === assignment }, f.label)));
  const list = el('div', { id: 'inbox-list' }, el('p', { class: 'muted' }, 'Loading…'));
  root.replaceChildren(el('section', { class: 'page' },
    el('div', { class: 'page-header' }, el('h1', {}, 'Inbox'), el('span', { class: 'spacer' }), select), list));

  const load = async () => {
    const cluster = selectedCluster();
    const page = await tasks.list(cluster, assignment);
    list.replaceChildren(page.items.length === 0
      ? el('p', { class: 'empty-state' }, `No task waits for you${cluster ? ` in cluster ${cluster}` : ''}.`)
      : table(page.items, me, load));
    if (page.hasMore) list.append(el('p', { class: 'muted small' }, 'Showing the newest 50.'));
    void refreshInboxBadge();
  };
  select.addEventListener('change', () => {
    assignment = select.value as Assignment;
    history.replaceState(null, '', assignment ? `/inbox?assignment=${assignment}` : '/inbox');
    void load().catch((e) => toast(e.message, 'error'));
  });
  const stop = onClusterChange(() => void load().catch((e) => toast(e.message, 'error')));
  await load();
  // Someone else may claim or complete meanwhile: refresh while the page is open.
  const timer = window.setInterval(() => void load().catch(() => {}), 30_000);
  return { dispose: () => { stop(); window.clearInterval(timer); } };
}

function table(items: TaskView[], me: string, reload: () => Promise<void>): HTMLElement {
  return el('table', { class: 'grid inbox' },
    el('thead', {}, el('tr', {}, ...['Task', 'Process', 'Who', 'Created', 'Due', ''].map((h) => el('th', {}, h)))),
    el('tbody', {}, ...items.map((t) => row(t, me, reload))));
}

function row(task: TaskView, me: string, reload: () => Promise<void>): HTMLElement {
  const state = assignmentOf(task, me);
  const act = (label: string, action: () => Promise<unknown>, done: string) => el('button', {
    type: 'button', class: 'secondary small', onclick: async (e: Event) => {
      (e.currentTarget as HTMLButtonElement).disabled = true;
      try {
        await action();
        toast(done, 'success');
      } catch (err) {
        toast((err as Error).message, 'error');
      }
      await reload();
    },
  }, label);
  const who = state === 'open'
    ? `offered to ${[...task.candidateGroups.map((g) => `group ${g}`), ...task.candidateUsers].join(', ') || 'candidates'}`
    : state === 'delegated' ? `delegated to you by ${task.owner}` : state === 'mine' ? 'you' : task.assignee ?? '';
  return el('tr', { 'data-task': task.id },
    el('td', {}, el('a', { href: `/inbox/tasks/${encodeURIComponent(task.id)}` }, task.name || task.taskDefinitionKey),
      task.approval ? el('span', { class: 'badge' }, 'approval') : null),
    el('td', {}, `${task.processName || task.processKey}`, task.processVersion ? el('span', { class: 'muted small' }, ` v${task.processVersion}`) : null),
    el('td', {}, who),
    el('td', { title: new Date(task.createdAt).toLocaleString() }, relative(task.createdAt)),
    el('td', {}, task.dueDate ? new Date(task.dueDate).toLocaleString() : ''),
    el('td', { class: 'actions' },
      state === 'open' ? act('Claim', () => tasks.claim(task.id), 'Claimed') : null,
      state === 'mine' && (task.candidateGroups.length || task.candidateUsers.length) ? act('Release', () => tasks.release(task.id), 'Released') : null,
      el('a', { class: 'button small', href: `/inbox/tasks/${encodeURIComponent(task.id)}` }, 'Open')));
}
