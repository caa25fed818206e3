// One run, live: the diagram with its state, the step timeline, the selected step (inputs, outputs, its Proxmox
// task with log and progress), incidents, variables and the actions. While the run is active the page listens to
// GET /api/executions/{id}/events; it closes the stream when the run ends and when the page is left.
import './executions.css';
import { el, relative, when } from '../dom';
import { navigate, type RouteContext } from '../router';
import { currentUser } from '../session';
import { toast } from '../ui';
import { cancelRun, killRun, resumeRun, retryRun } from './actions';
import {
  allowedActions, display, formatDuration, hasEnded, runDuration, statusBadge, stepBadge, type Permission,
} from './format';
import { LogBuffer } from './log-buffer';
import { executions, type ExecutionDetail, type LogEvent, type ProgressEvent, type Step } from './model';
import type { RunDiagram } from './diagram';

const POLL_MS = 5000;

type LiveState = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'ended';

export async function renderExecution({ params, root }: RouteContext) {
  const id = params.id;
  let run = await executions.get(id);
  let disposed = false;
  let source: EventSource | null = null;
  let pollTimer: number | undefined;
  let diagram: RunDiagram | null = null;
  let selectedStep: string | null = null;
  let selectedActivity: string | null = null;
  let following = true; // the selection follows the running or failed step until the user chooses one
  const logs = new Map<string, LogBuffer>();
  const progress = new Map<string, number>();

  const header = el('div', { class: 'editor-toolbar run-toolbar' });
  const banners = el('div', { class: 'run-banners' });
  const canvas = el('div', { class: 'canvas run-canvas', id: 'run-canvas', role: 'img', 'aria-label': 'Process diagram of the run' },
    el('p', { class: 'muted loading' }, 'Loading the diagram…'));
  const timeline = el('div', { class: 'run-timeline', id: 'timeline' });
  const stepPanel = el('section', { class: 'run-section', id: 'step-panel', 'aria-label': 'Selected step' });
  const incidentPanel = el('section', { class: 'run-section', id: 'incidents', 'aria-label': 'Incidents' });
  const variablePanel = el('section', { class: 'run-section', id: 'variables', 'aria-label': 'Variables' });
  const liveChip = el('span', { class: 'chip', id: 'live', role: 'status', 'aria-live': 'polite' });

  root.replaceChildren(el('div', { class: 'editor run-page', 'data-execution': id }, header, banners,
    el('div', { class: 'run-body' },
      el('div', { class: 'run-main' }, canvas, timeline),
      el('aside', { class: 'run-side' }, stepPanel, incidentPanel, variablePanel))));

  // ---- rendering ----------------------------------------------------------------------------------------------
  function renderAll() {
    renderHeader();
    renderBanners();
    renderTimeline();
    renderStep();
    renderIncidents();
    renderVariables();
    diagram?.update(run.diagram);
  }

  function actionButton(idName: string, label: string, permission: Permission, act: () => Promise<void>, danger = false) {
    const button = el('button', { type: 'button', id: `action-${idName}`, class: danger ? 'danger small' : 'secondary small',
      disabled: !permission.allowed, title: permission.allowed ? undefined : permission.reason,
      'aria-disabled': permission.allowed ? undefined : 'true' }, label);
    button.addEventListener('click', () => void act().catch((e) => toast((e as Error).message, 'error')));
    // Disabled buttons get no pointer events in some browsers: the wrapper carries the tooltip too.
    return el('span', { class: 'action', title: permission.allowed ? undefined : permission.reason }, button);
  }

  function renderHeader() {
    const badge = statusBadge(run.status, run.waitingOn);
    const allowed = allowedActions(run, currentUser()?.roles || []);
    const started = run.startedAt || run.createdAt;
    header.replaceChildren(
      el('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, el('a', { href: '/executions' }, 'Executions'), ' / ',
        el('strong', {}, run.processName || run.processKey), el('span', { class: 'muted' }, ` v${run.version}`)),
      el('span', { class: badge.className, id: 'run-status', 'data-status': run.status, title: badge.title }, badge.label),
      liveChip,
      el('span', { class: 'muted small run-meta' },
        el('span', { class: 'mono' }, run.clusterId), ' · ',
        run.businessKey ? el('span', {}, 'key ', el('span', { class: 'mono' }, run.businessKey), ' · ') : null,
        `by ${run.startedBy || '?'}${run.startedVia ? ` via ${run.startedVia}` : ''}`,
        started ? el('span', { title: when(started) }, ` · started ${relative(started)}`) : null,
        ` · ${formatDuration(runDuration(run))}`),
      el('span', { class: 'spacer' }),
      el('span', { class: 'run-actions', role: 'group', 'aria-label': 'Actions' },
        actionButton('retry', 'Retry', allowed.retry, async () => { if (await retryRun(run)) await acted('Retry started'); }),
        actionButton('resume', 'Resume', allowed.resume, async () => {
          const next = await resumeRun(run);
          if (!next) return;
          if (next !== run.id) {
            toast('Resumed as a new run', 'success');
            navigate(`/executions/${encodeURIComponent(next)}`);
          } else await acted('Resumed');
        }),
        actionButton('cancel', 'Cancel', allowed.cancel, async () => { if (await cancelRun(run)) await acted('Run cancelled'); }),
        actionButton('kill', 'Kill', allowed.kill, async () => { if (await killRun(run)) await acted('Run killed'); }, true)));
  }

  function renderBanners() {
    const items: HTMLElement[] = [];
    if (run.status === 'cancelled' && (run.cancelledBy || run.cancelReason)) {
      items.push(el('div', { class: 'banner run-banner cancelled', id: 'cancelled-banner' }, el('span', {},
        el('strong', {}, `Cancelled by ${run.cancelledBy || 'someone'}`), run.cancelReason ? `: ${run.cancelReason}` : '')));
    }
    if (run.status === 'failed' && run.message) {
      items.push(el('div', { class: 'banner run-banner failed', id: 'failure-banner', role: 'alert' },
        el('span', {}, el('strong', {}, 'Failed: '), run.message)));
    }
    if (run.status === 'queued') {
      items.push(el('div', { class: 'banner run-banner queued' }, el('span', {}, 'Queued: waiting for a free slot',
        run.concurrencyGroup ? el('span', {}, ' in ', el('span', { class: 'mono' }, run.concurrencyGroup)) : null)));
    }
    if (run.resumedFrom) {
      items.push(el('div', { class: 'banner run-banner info', id: 'resumed-from' }, el('span', {}, 'Resumed from run ',
        el('a', { href: `/executions/${encodeURIComponent(run.resumedFrom)}`, class: 'mono' }, run.resumedFrom))));
    }
    banners.replaceChildren(...items);
  }

  function renderTimeline() {
    if (run.steps.length === 0) {
      timeline.replaceChildren(el('p', { class: 'muted empty-steps' }, run.status === 'queued' ? 'No step yet: the run is queued.' : 'No step yet.'));
      return;
    }
    const shown = currentStep()?.id;
    const rows = run.steps.map((step, index) => {
      const badge = stepBadge(step.status);
      const percent = progress.get(step.id);
      const tr = el('tr', { 'data-step': step.id, 'data-activity': step.activityId, 'data-status': step.status, tabindex: 0,
        'aria-selected': step.id === shown ? 'true' : 'false', class: step.id === shown ? 'selected' : '' },
        el('td', { class: 'muted small' }, String(index + 1)),
        el('td', {}, step.name || step.activityId, el('div', { class: 'mono muted small' }, step.activityId)),
        el('td', { class: 'small' }, step.activity || step.type),
        el('td', {}, el('span', { class: badge.className }, badge.label),
          percent !== undefined && step.status === 'active' ? progressBar(percent, true) : null),
        el('td', { class: 'small', title: when(step.startedAt) }, step.startedAt ? new Date(step.startedAt).toLocaleTimeString() : ''),
        el('td', { class: 'small', title: when(step.endedAt) }, step.endedAt ? new Date(step.endedAt).toLocaleTimeString() : ''),
        el('td', { class: 'small nowrap' }, formatDuration(step.durationMs)));
      const choose = () => selectStep(step.id, true);
      tr.addEventListener('click', choose);
      tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(); } });
      return tr;
    });
    timeline.replaceChildren(el('table', { class: 'grid compact run-steps', id: 'steps', 'aria-label': 'Step timeline' },
      el('thead', {}, el('tr', {}, ...['#', 'Step', 'Type', 'Status', 'Started', 'Ended', 'Duration'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows)));
  }

  /** The selected step; or, when an element was chosen before it ran, its latest step once there is one. */
  function currentStep(): Step | undefined {
    const chosen = run.steps.find((s) => s.id === selectedStep);
    if (chosen || !selectedActivity) return chosen;
    const instances = run.steps.filter((s) => s.activityId === selectedActivity);
    return instances.find((s) => s.status === 'active' || s.status === 'failed') || instances[instances.length - 1];
  }

  function renderStep() {
    const step = currentStep();
    const failedHere = run.incidents.filter((i) => i.activityId === selectedActivity);
    if (!step && selectedActivity && failedHere.length) {
      // An async step whose job failed has no step record yet (its transaction rolled back): show the incident.
      const badge = stepBadge('failed');
      stepPanel.replaceChildren(el('h2', {}, selectedActivity, ' ', el('span', { class: badge.className }, badge.label)),
        el('p', { class: 'muted small' }, 'The step failed before it could start; the engine keeps its job as an incident.'),
        ...failedHere.map((i) => el('p', { class: 'message incident-message' }, i.message || 'failed')));
      return;
    }
    if (!step) {
      stepPanel.replaceChildren(el('h2', {}, 'Step'), el('p', { class: 'muted' }, selectedActivity
        ? `'${selectedActivity}' has not run in this execution.`
        : 'Select a step in the timeline or on the diagram.'));
      return;
    }
    const badge = stepBadge(step.status);
    const incident = run.incidents.find((i) => i.activityId === step.activityId);
    stepPanel.replaceChildren(...[
      el('h2', {}, step.name || step.activityId, ' ', el('span', { class: badge.className }, badge.label)),
      keyValues([['Element', step.activityId], ['Type', step.activity ? `${step.type} · ${step.activity}` : step.type],
        ['Started', when(step.startedAt)], ['Ended', when(step.endedAt)], ['Duration', formatDuration(step.durationMs)]], 'step-facts'),
      incident ? el('p', { class: 'message incident-message' }, incident.message || 'failed') : null,
      step.inputs ? el('div', {}, el('h3', {}, 'Inputs'), keyValues(Object.entries(step.inputs).map(([k, v]) => [k, display(v)]), 'step-inputs')) : null,
      step.outputs ? el('div', {}, el('h3', {}, 'Outputs'), keyValues(Object.entries(step.outputs).map(([k, v]) => [k, display(v)]), 'step-outputs')) : null,
      step.pveTask ? taskView(step) : null].filter((n): n is HTMLElement => !!n));
    const pre = stepPanel.querySelector('pre.task-log') as HTMLElement | null;
    if (pre) pre.scrollTop = pre.scrollHeight;
  }

  function taskView(step: Step): HTMLElement {
    const task = step.pveTask!;
    const running = !task.exitStatus && step.status === 'active';
    const percent = progress.get(step.id);
    const buffer = logs.get(step.id);
    const lines = !running && task.log && task.log.length ? task.log : buffer ? buffer.visible : task.log || [];
    const ok = task.exitStatus === 'OK';
    return el('div', { class: 'task', id: 'pve-task' },
      el('h3', {}, 'Proxmox task'),
      keyValues([['UPID', task.upid], ['Node', task.node || ''],
        ['Exit status', task.exitStatus || (running ? 'running' : '')]], 'task-facts'),
      task.exitStatus ? el('span', { class: `badge ${ok ? 'step-completed' : 'step-failed'}`, id: 'task-exit' }, task.exitStatus) : null,
      running && percent !== undefined ? progressBar(percent, false) : null,
      buffer && buffer.droppedLines > 0 && running ? el('p', { class: 'muted small' }, `${buffer.droppedLines} earlier lines not shown`) : null,
      el('pre', { class: 'task-log', id: 'task-log', tabindex: 0, 'aria-label': 'Task log' },
        lines.length ? lines.join('\n') : running ? 'Waiting for the task log…' : 'No log.'));
  }

  function renderIncidents() {
    if (run.incidents.length === 0) {
      incidentPanel.replaceChildren();
      incidentPanel.hidden = true;
      return;
    }
    incidentPanel.hidden = false;
    const operator = allowedActions(run, currentUser()?.roles || []).retry;
    incidentPanel.replaceChildren(el('h2', {}, `Incidents (${run.incidents.length})`),
      el('ul', { class: 'incidents' }, ...run.incidents.map((i) => el('li', { class: 'incident', 'data-job': i.jobId },
        el('div', {}, el('button', { type: 'button', class: 'link mono', onclick: () => selectActivity(i.activityId) }, i.activityId), ' ',
          el('span', { class: `badge ${i.dead ? 'step-failed' : 'run-waiting'}` }, i.dead ? 'failed' : `retrying (${i.retries} left)`)),
        el('p', { class: 'incident-message small' }, i.message || ''),
        i.dead ? el('button', { type: 'button', class: 'secondary small', disabled: !operator.allowed, title: operator.allowed ? undefined : operator.reason,
          onclick: async () => { try { if (await retryRun(run, i.jobId)) await acted('Retry started'); } catch (e) { toast((e as Error).message, 'error'); } } },
        'Retry this job') : null))));
  }

  function renderVariables() {
    const entries = Object.entries(run.variables || {});
    variablePanel.replaceChildren(el('h2', {}, 'Variables'),
      entries.length ? keyValues(entries.map(([k, v]) => [k, display(v)]), 'variable-list')
        : el('p', { class: 'muted' }, 'No variable.'),
      el('p', { class: 'muted small' }, 'Secrets are masked by the server.'));
  }

  // ---- selection ----------------------------------------------------------------------------------------------
  function selectStep(stepId: string, fromTimeline: boolean) {
    following = false;
    selectedStep = stepId;
    selectedActivity = currentStep()?.activityId ?? null;
    renderTimeline();
    renderStep();
    if (fromTimeline) diagram?.select(selectedActivity);
  }

  /** From the diagram (or an incident): the step of that element, the latest instance (the running one first). */
  function selectActivity(activityId: string | null) {
    following = false;
    selectedActivity = activityId;
    const instances = run.steps.filter((s) => s.activityId === activityId);
    const step = instances.find((s) => s.status === 'active' || s.status === 'failed') || instances[instances.length - 1];
    selectedStep = step?.id ?? null;
    renderTimeline();
    renderStep();
    diagram?.select(activityId);
    timeline.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }

  // ---- live ---------------------------------------------------------------------------------------------------
  function setLive(state: LiveState) {
    const text: Record<LiveState, string> = { connecting: 'connecting…', live: '● live', reconnecting: 'reconnecting…', polling: 'refreshing every 5 s', ended: 'ended' };
    liveChip.textContent = text[state];
    liveChip.className = `chip live-${state}`;
    liveChip.dataset.state = state;
  }

  function applyDetail(next: ExecutionDetail) {
    run = next;
    // A step that finished shows its complete log from the detail: the live buffer is no longer needed.
    for (const step of run.steps) {
      if (step.pveTask?.exitStatus) progress.delete(step.id);
    }
    if (following) {
      // Until the user picks something, follow what matters: a failed step (or the element of an incident), else
      // the step running now.
      const focus = run.steps.find((s) => s.status === 'failed') || [...run.steps].reverse().find((s) => s.status === 'active');
      const incident = run.incidents.find((i) => i.dead) || run.incidents[0];
      if (focus && (!incident || focus.activityId === incident.activityId)) {
        selectedStep = focus.id;
        selectedActivity = focus.activityId;
      } else if (incident) {
        selectedActivity = incident.activityId;
        selectedStep = run.steps.find((s) => s.activityId === incident.activityId && !s.endedAt)?.id ?? null;
      }
      if (selectedActivity) diagram?.select(selectedActivity);
    }
    renderAll();
  }

  function connect() {
    if (disposed || hasEnded(run)) {
      setLive('ended');
      return;
    }
    setLive('connecting');
    const es = new EventSource(executions.eventsUrl(id), { withCredentials: true });
    source = es;
    es.addEventListener('open', () => setLive('live'));
    es.addEventListener('step', (e) => applyDetail(JSON.parse((e as MessageEvent).data)));
    es.addEventListener('log', (e) => {
      const data = JSON.parse((e as MessageEvent).data) as LogEvent;
      let buffer = logs.get(data.stepId);
      if (!buffer) logs.set(data.stepId, (buffer = new LogBuffer()));
      if (buffer.append(data.from, data.lines) > 0 && data.stepId === currentStep()?.id) renderStep();
    });
    es.addEventListener('progress', (e) => {
      const data = JSON.parse((e as MessageEvent).data) as ProgressEvent;
      progress.set(data.stepId, data.percent);
      renderTimeline();
      if (data.stepId === currentStep()?.id) renderStep();
    });
    es.addEventListener('end', () => {
      close();
      setLive('ended');
      // The final detail carries the complete logs and exit statuses of the last steps.
      void executions.get(id).then((d) => { if (!disposed) applyDetail(d); }).catch(() => {});
    });
    es.addEventListener('error', () => {
      if (disposed) return;
      if (es.readyState === EventSource.CLOSED) {
        // Refused (too many live views) or gone: fall back to polling the detail.
        source = null;
        setLive('polling');
        poll();
      } else setLive('reconnecting');
    });
  }

  function poll() {
    window.clearTimeout(pollTimer);
    pollTimer = window.setTimeout(async () => {
      if (disposed) return;
      try {
        if (!document.hidden) applyDetail(await executions.get(id));
      } catch { /* try again next round */ }
      pollTimer = undefined;
      if (hasEnded(run)) setLive('ended');
      else poll();
    }, POLL_MS);
  }

  function close() {
    source?.close();
    source = null;
  }

  async function acted(message: string) {
    toast(message, 'success');
    applyDetail(await executions.get(id));
    if (hasEnded(run)) {
      close();
      window.clearTimeout(pollTimer);
      pollTimer = undefined;
      setLive('ended');
    } else if (!source && pollTimer === undefined) connect();
  }

  applyDetail(run);
  connect();

  // The diagram comes last: bpmn-js is a large module, loaded only now.
  void (async () => {
    try {
      const [{ RunDiagram }, xml] = await Promise.all([import('./diagram'), executions.xml(id)]);
      if (disposed) return;
      canvas.replaceChildren();
      const created = await RunDiagram.create(canvas, xml);
      if (disposed) { created.destroy(); return; }
      diagram = created;
      diagram.onSelect((activityId) => selectActivity(activityId));
      diagram.update(run.diagram);
      if (selectedActivity) diagram.select(selectedActivity);
      canvas.dataset.ready = 'true';
    } catch (e) {
      canvas.replaceChildren(el('p', { class: 'message' }, `Could not show the diagram: ${(e as Error).message}`));
    }
  })();

  return {
    dispose() {
      disposed = true;
      close();
      window.clearTimeout(pollTimer);
      diagram?.destroy();
    },
  };
}

function keyValues(rows: [string, string][], id: string): HTMLElement {
  return el('table', { class: 'grid compact kv', id }, el('tbody', {},
    ...rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', { class: 'mono' }, v)))));
}

function progressBar(percent: number, compact: boolean): HTMLElement {
  const value = Math.max(0, Math.min(100, percent));
  return el('div', { class: `progress${compact ? ' compact' : ''}`, role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
    'aria-valuenow': value, 'aria-label': 'Task progress' },
    el('div', { class: 'progress-fill', style: `width: ${value}%` }),
    compact ? null : el('span', { class: 'progress-label' }, `${value.toFixed(value % 1 ? 1 : 0)} %`));
}
