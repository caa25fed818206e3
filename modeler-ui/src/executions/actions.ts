// The run's actions, each behind a confirmation dialog that shows the server's error when it refuses.
import { el } from '../dom';
import { dialog, field } from '../ui';
import { executions, type ExecutionDetail } from './model';
import { parseVariables } from './format';

function reasonInput(): HTMLTextAreaElement {
  return el('textarea', { name: 'reason', id: 'action-reason', required: true, rows: 3, maxlength: 1000,
    placeholder: 'Why is the run stopped? Kept with the run and in the audit log.' });
}

function reason(input: HTMLTextAreaElement): string {
  const value = input.value.trim();
  if (!value) throw new Error('A reason is required');
  return value;
}

export async function cancelRun(run: ExecutionDetail): Promise<boolean> {
  const input = reasonInput();
  const done = await dialog('Cancel this run', el('div', { class: 'form-grid' },
    el('p', {}, 'The run stops where it is. Proxmox tasks already started keep running; use Kill to stop them too.'),
    field('Reason *', input)), 'Cancel run', () => executions.cancel(run.id, reason(input)));
  return done !== null;
}

export async function killRun(run: ExecutionDetail): Promise<boolean> {
  const input = reasonInput();
  const inFlight = run.steps.filter((s) => s.status === 'active' && s.pveTask?.upid && !s.pveTask.exitStatus);
  const done = await dialog('Kill this run', el('div', { class: 'form-grid' },
    el('p', { class: 'warning-text' }, 'Kill cancels the run and also stops the Proxmox tasks it has in flight (as "Stop" in the Proxmox UI). '
      + 'A stopped backup, migration or clone may leave partial results behind.'),
    inFlight.length
      ? el('div', {}, el('p', { class: 'small' }, 'Tasks that will be stopped:'),
        el('ul', { class: 'mono small' }, ...inFlight.map((s) => el('li', {}, `${s.pveTask!.upid} (${s.name || s.activityId})`))))
      : el('p', { class: 'muted small' }, 'No Proxmox task is in flight right now.'),
    field('Reason *', input)), 'Kill run', () => executions.kill(run.id, reason(input)));
  return done !== null;
}

/** Retries the run's failed job (one, or all), optionally after setting variables given as JSON. */
export async function retryRun(run: ExecutionDetail, jobId?: string): Promise<boolean> {
  const dead = run.incidents.filter((i) => i.dead);
  const job = el('select', { name: 'jobId', id: 'retry-job' },
    dead.length > 1 ? el('option', { value: '' }, `All ${dead.length} failed jobs`) : null,
    ...dead.map((i) => el('option', { value: i.jobId, selected: i.jobId === jobId }, `${i.activityId}: ${(i.message || '').slice(0, 80)}`)));
  const variables = el('textarea', { name: 'variables', id: 'retry-variables', rows: 6, class: 'mono', spellcheck: 'false',
    placeholder: '{ "vmid": 101 }' });
  const names = Object.keys(run.variables || {});
  const done = await dialog('Retry the failed step', el('div', { class: 'form-grid' },
    el('p', {}, 'The failed job runs again (with 3 new attempts). Change variables first if they caused the failure.'),
    field('Job', job),
    field('Set variables (JSON object, optional)', variables,
      names.length ? `The run's variables: ${names.join(', ')}` : undefined)),
    'Retry', () => executions.retry(run.id, job.value || undefined, parseVariables(variables.value)));
  return done !== null;
}

/** Resumes a failed run (its failed steps again) or a cancelled one (as a new run); resolves with the run to show. */
export async function resumeRun(run: ExecutionDetail): Promise<string | null> {
  const text = run.status === 'cancelled'
    ? 'A new run starts at the step this one was cancelled in, with the variables it had. This run stays cancelled.'
    : 'The failed steps run again from where they failed.';
  const result = await dialog('Resume this run', el('p', {}, text), 'Resume', () => executions.resume(run.id));
  return result ? result.id : null;
}
