// One task: its form (form-js viewer; the built-in approval form is approve/reject + comment), the actions
// (claim, release, delegate, complete) and the run's context: the diagram with the current step, the inputs and
// what comes next. Reached from the inbox or through a signed link from a message (?exp=&sig=), which is checked
// first: an expired or altered link says so instead of opening the task.
import { ApiError } from '../api';
import { el, when } from '../dom';
import { navigate, type RouteContext } from '../router';
import { currentUser } from '../session';
import { dialog, field, toast } from '../ui';
import { assignmentOf, tasks, type NextStep, type TaskDetail } from './api';
import { refreshInboxBadge } from './badge';
import { describeNext } from './next';

export async function renderTask({ params, query, root }: RouteContext) {
  const id = params.id;
  const exp = query.get('exp');
  const sig = query.get('sig');
  if (exp !== null || sig !== null) {
    const check = await tasks.verifyLink(id, exp ?? '', sig ?? '');
    if (check.state !== 'valid') {
      root.replaceChildren(el('section', { class: 'page' }, el('div', { class: `link-check ${check.state}`, id: 'link-check', role: 'alert' },
        el('h1', {}, check.state === 'expired' ? 'This link has expired' : 'This link is invalid'),
        el('p', {}, check.message),
        el('p', {}, el('a', { class: 'button', href: '/inbox' }, 'Go to the inbox'), ' ',
          el('a', { class: 'button secondary', href: `/inbox/tasks/${encodeURIComponent(id)}` }, 'Open the task anyway')))));
      return;
    }
    // the link did its job: keep a clean address (no signature in history or bookmarks)
    history.replaceState(null, '', `/inbox/tasks/${encodeURIComponent(id)}`);
  }

  let detail: TaskDetail;
  try {
    detail = await tasks.get(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      root.replaceChildren(el('section', { class: 'page' }, el('div', { class: 'empty-state', id: 'task-gone' }, el('h1', {}, 'Task not found'),
        el('p', {}, 'It was completed, cancelled, or is not offered to you or your groups.'),
        el('a', { class: 'button', href: '/inbox' }, 'Back to the inbox'))));
      return;
    }
    throw e;
  }
  const disposers: (() => void)[] = [];
  await show(root, detail, disposers);
  return { dispose: () => disposers.splice(0).forEach((d) => d()) };
}

async function show(root: HTMLElement, detail: TaskDetail, disposers: (() => void)[]): Promise<void> {
  disposers.splice(0).forEach((d) => d());
  const { task, context } = detail;
  const me = currentUser()?.username ?? '';
  const state = assignmentOf(task, me);
  const reload = async () => show(root, await tasks.get(task.id), disposers);
  const action = (label: string, run: () => Promise<unknown>, done: string, secondary = true) => el('button', {
    type: 'button', class: secondary ? 'secondary' : '', 'data-action': label.toLowerCase(), onclick: async () => {
      try {
        await run();
        toast(done, 'success');
        void refreshInboxBadge();
        await reload();
      } catch (e) {
        toast((e as Error).message, 'error');
      }
    },
  }, label);
  const delegate = el('button', { type: 'button', class: 'secondary', 'data-action': 'delegate', onclick: async () => {
    const input = el('input', { name: 'user', required: true, autocomplete: 'off', placeholder: 'username' });
    const done = await dialog('Delegate the task', field('To user', input, 'They become the assignee; you stay its owner.'),
      'Delegate', async () => tasks.delegate(task.id, input.value.trim()));
    if (done) {
      toast(`Delegated to ${done.assignee}`, 'success');
      navigate('/inbox');
    }
  } }, 'Delegate…');

  const who = state === 'open' ? `Offered to ${[...task.candidateGroups.map((g) => `group ${g}`), ...task.candidateUsers].join(', ')}`
    : state === 'mine' ? 'Assigned to you' : state === 'delegated' ? `Delegated to you by ${task.owner}` : `Assigned to ${task.assignee}`;
  const header = el('div', { class: 'page-header' },
    el('div', {},
      el('nav', { class: 'crumbs' }, el('a', { href: '/inbox' }, 'Inbox'), ' / ', task.processName || task.processKey),
      el('h1', { id: 'task-title' }, task.name || task.taskDefinitionKey, ' ', task.approval ? el('span', { class: 'badge' }, 'approval') : null),
      el('p', { class: 'muted small', id: 'task-who' }, who,
        task.dueDate ? ` · due ${when(task.dueDate)}` : '', task.separationOfDuties ? ' · separation of duties: the run\'s starter may not act' : '')),
    el('span', { class: 'spacer' }),
    state === 'open' ? action('Claim', () => tasks.claim(task.id), 'Claimed', false) : null,
    state === 'mine' && (task.candidateGroups.length || task.candidateUsers.length) ? action('Release', () => tasks.release(task.id), 'Released') : null,
    state === 'mine' || state === 'delegated' ? delegate : null);

  const formHost = el('div', { class: 'task-form', id: 'task-form' });
  const formErrors = el('p', { class: 'message', id: 'form-errors', role: 'alert', hidden: true });
  const complete = el('button', { type: 'button', id: 'complete' }, task.approval ? 'Submit decision' : 'Complete');
  const formCard = el('section', { class: 'card' }, el('h2', {}, task.approval ? 'Your decision' : 'Form'),
    task.description ? el('p', { class: 'muted' }, task.description) : null,
    formHost, formErrors, el('div', { class: 'dialog-actions' }, complete));

  const canvas = el('div', { class: 'task-diagram', id: 'task-diagram' });
  const contextCard = el('section', { class: 'card task-context', id: 'task-context' },
    el('h2', {}, 'The run'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Process'), el('dd', {}, `${context.processName || context.processKey}${context.processVersion ? ` v${context.processVersion}` : ''}`),
      el('dt', {}, 'Run'), el('dd', {}, el('a', { href: `/executions/${encodeURIComponent(context.processInstanceId)}`, class: 'mono' }, context.processInstanceId)),
      context.businessKey ? el('dt', {}, 'Business key') : null, context.businessKey ? el('dd', {}, context.businessKey) : null,
      el('dt', {}, 'Started'), el('dd', {}, `${when(context.startedAt)}${context.startedBy ? ` by ${context.startedBy}` : ''}`),
      el('dt', {}, 'Waiting at'), el('dd', {}, context.currentActivity.name || context.currentActivity.id)),
    el('h3', {}, 'Inputs'), inputsTable(context.inputs),
    el('h3', {}, 'What happens next'), nextList(context.next),
    el('h3', {}, 'Diagram'), canvas);
  root.replaceChildren(el('section', { class: 'page' }, header, el('div', { class: 'task-layout' }, formCard, contextCard)));

  // the form
  let form: Awaited<ReturnType<typeof import('../forms/form-view').renderTaskForm>> | null = null;
  if (detail.form) {
    const { renderTaskForm } = await import('../forms/form-view');
    form = await renderTaskForm(formHost, detail.form);
    disposers.push(() => form?.destroy());
  } else {
    formHost.append(el('p', { class: 'muted' }, 'This task has no form: completing it marks it done.'));
  }
  const actionable = state !== 'other' || currentUser()?.roles.includes('ADMIN');
  complete.disabled = !actionable;
  if (!actionable) complete.title = `Assigned to ${task.assignee}`;
  complete.addEventListener('click', async () => {
    formErrors.hidden = true;
    const values = form ? form.values() : {};
    if (values === null) return; // the form shows what to fix
    complete.disabled = true;
    try {
      await tasks.complete(task.id, values);
      toast(task.approval ? 'Decision recorded' : 'Task completed', 'success');
      void refreshInboxBadge();
      navigate('/inbox');
    } catch (e) {
      complete.disabled = false;
      const errors = e instanceof ApiError ? e.body?.errors : null;
      if (errors && form && Object.keys(errors).length) {
        const unplaced = form.showServerErrors(errors);
        const rest = Object.entries(unplaced).map(([k, v]) => `${k}: ${v}`);
        formErrors.textContent = rest.length ? `${(e as Error).message}: ${rest.join('; ')}` : 'Please correct the marked fields.';
      } else {
        form?.showServerErrors({});
        formErrors.textContent = (e as Error).message;
      }
      formErrors.hidden = false;
    }
  });

  // the diagram, with the current step highlighted (loaded after the form: the form is what one came for)
  void (async () => {
    try {
      const [{ createViewer, ensureLayout }, { loadCatalog }] = await Promise.all([
        import('../modeler/viewer-setup'), import('../modeler/pve/catalog-service')]);
      const activities = await loadCatalog().catch(() => []);
      const viewer = createViewer(canvas, activities);
      disposers.push(() => viewer.destroy());
      await viewer.importXML(await ensureLayout(await tasks.xml(task.id)));
      const c = viewer.get('canvas');
      c.zoom('fit-viewport', 'auto');
      if (viewer.get('elementRegistry').get(context.currentActivity.id)) c.addMarker(context.currentActivity.id, 'current-step');
      canvas.dataset.ready = 'true';
    } catch (e) {
      canvas.replaceChildren(el('p', { class: 'message' }, `Could not show the diagram: ${(e as Error).message}`));
    }
  })();
}

function inputsTable(inputs: Record<string, unknown>): HTMLElement {
  const entries = Object.entries(inputs || {});
  if (entries.length === 0) return el('p', { class: 'muted' }, 'No inputs.');
  return el('table', { class: 'grid compact', id: 'task-inputs' }, el('tbody', {}, ...entries.map(([k, v]) =>
    el('tr', {}, el('th', { class: 'mono' }, k), el('td', { class: 'mono' }, typeof v === 'string' ? v : JSON.stringify(v))))));
}

function nextList(next: NextStep[]): HTMLElement {
  if (!next || next.length === 0) return el('p', { class: 'muted' }, 'The run ends after this step.');
  const item = (step: NextStep): HTMLElement => el('li', {}, describeNext(step),
    step.then && step.then.length ? el('ul', {}, ...step.then.map(item)) : null);
  return el('ul', { class: 'next-steps', id: 'task-next' }, ...next.map(item));
}
