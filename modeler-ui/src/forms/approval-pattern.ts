// The Approval element as plain BPMN, equivalent to the server's template
// (server/src/main/resources/approvals/approval-template.bpmn20.xml, server/README.md "Approvals"): a user task
// with the built-in approval form and candidate groups; an interrupting boundary timer -> ${approvalTimeout}
// (fields approval, policy) -> the decision gateway; optional non-interrupting reminder (cycle) and escalation
// (duration) timers -> ${approvalEscalation} (fields approval, kind, group); the gateway: reject -> "Rejected",
// timed-out -> ${approvalFailure} (async, no retry) -> end, default -> "Approved". Pure data (unit tested): the
// modeler turns it into shapes, the tests into XML.

export type TimeoutPolicy = 'fail' | 'auto_approve' | 'auto_reject' | 'skip';
export const POLICIES: { value: TimeoutPolicy; label: string }[] = [
  { value: 'auto_reject', label: 'Reject automatically' },
  { value: 'auto_approve', label: 'Approve automatically' },
  { value: 'skip', label: 'Skip (go on, recorded as skipped)' },
  { value: 'fail', label: 'Fail the run (incident)' },
];
export const APPROVAL_FORM = 'pveflow:approval';

export interface ApprovalOptions {
  name: string;
  candidateGroups: string;
  /** ISO-8601 duration of the timeout (PT24H). */
  timeout: string;
  policy: TimeoutPolicy;
  /** ISO-8601 repeating interval (R3/PT4H) or empty for no reminders. */
  reminder?: string;
  /** Escalation: after this duration, this group is added to the task. Empty for none. */
  escalationAfter?: string;
  escalationGroup?: string;
}

export interface PatternNode {
  id: string;
  type: 'bpmn:UserTask' | 'bpmn:ServiceTask' | 'bpmn:BoundaryEvent' | 'bpmn:ExclusiveGateway' | 'bpmn:EndEvent';
  name: string;
  /** Moddle attributes (flowable:...) of the element. */
  attrs: Record<string, unknown>;
  /** flowable:field name -> literal value (service tasks). */
  fields?: Record<string, string>;
  /** Boundary events: the task they sit on, whether they interrupt it and their timer. */
  attachedTo?: string;
  cancelActivity?: boolean;
  timer?: { kind: 'timeDuration' | 'timeCycle'; value: string };
  /** flowable:failedJobRetryTimeCycle (an extension element). */
  retryCycle?: string;
  /** Top-left corner relative to the user task's, and size. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PatternFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
  condition?: string;
  isDefault?: boolean;
}

export interface ApprovalPattern {
  taskId: string;
  gatewayId: string;
  nodes: PatternNode[];
  flows: PatternFlow[];
}

const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const CYCLE = /^R\d*\/P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const GROUPS = /^\s*[A-Za-z0-9_.@-]+(\s*,\s*[A-Za-z0-9_.@-]+)*\s*$/;

/** Problems with the options, by field (empty when they make a valid approval). */
export function approvalProblems(o: ApprovalOptions): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!GROUPS.test(o.candidateGroups || '')) problems.candidateGroups = 'one or more group names, comma-separated';
  if (!DURATION.test(o.timeout || '')) problems.timeout = 'an ISO-8601 duration such as PT24H or P2D';
  if (!POLICIES.some((p) => p.value === o.policy)) problems.policy = `one of ${POLICIES.map((p) => p.value).join(', ')}`;
  if (o.reminder && !CYCLE.test(o.reminder)) problems.reminder = 'an ISO-8601 repeating interval such as R3/PT4H';
  if (o.escalationAfter && !DURATION.test(o.escalationAfter)) problems.escalationAfter = 'an ISO-8601 duration such as PT12H';
  if (o.escalationAfter && !GROUPS.test(o.escalationGroup || '')) problems.escalationGroup = 'the group(s) to add when escalating';
  return problems;
}

/** A free id for the user task: approval, approval2, ... (its id prefixes the run variables it writes). */
export function approvalTaskId(taken: (id: string) => boolean): string {
  let n = 1;
  const candidate = () => (n === 1 ? 'approval' : `approval${n}`);
  const parts = ['', 'Timeout', 'ApplyTimeout', 'Reminder', 'Remind', 'Reminded', 'Escalation', 'Escalate', 'Escalated',
    'Decision', 'Approved', 'Rejected', 'Fail', 'TimedOut', 'ToDecision', 'ToTimeout', 'TimeoutToDecision', 'ToRemind',
    'RemindToEnd', 'ToEscalate', 'EscalateToEnd', 'ApprovedFlow', 'RejectedFlow', 'TimedOutFlow', 'FailToEnd'];
  while (parts.some((p) => taken(candidate() + p))) n++;
  return candidate();
}

export function approvalPattern(o: ApprovalOptions, taskId: string): ApprovalPattern {
  const id = (suffix: string) => `${taskId}${suffix}`;
  const decisionVar = `${taskId}_decision`;
  const nodes: PatternNode[] = [];
  const flows: PatternFlow[] = [];
  nodes.push({
    id: taskId, type: 'bpmn:UserTask', name: o.name || 'Approve',
    attrs: { 'flowable:formKey': APPROVAL_FORM, 'flowable:candidateGroups': normalizeGroups(o.candidateGroups) },
    x: 0, y: 0, width: 100, height: 80,
  });
  nodes.push({
    id: id('Timeout'), type: 'bpmn:BoundaryEvent', name: 'Timeout', attrs: {}, attachedTo: taskId, cancelActivity: true,
    timer: { kind: 'timeDuration', value: o.timeout }, x: 32, y: 62, width: 36, height: 36,
  });
  nodes.push({
    id: id('ApplyTimeout'), type: 'bpmn:ServiceTask', name: 'Apply timeout policy',
    attrs: { 'flowable:delegateExpression': '${approvalTimeout}' }, fields: { approval: taskId, policy: o.policy },
    x: 0, y: 150, width: 100, height: 80,
  });
  flows.push({ id: id('ToTimeout'), source: id('Timeout'), target: id('ApplyTimeout') });
  if (o.reminder) {
    nodes.push({
      id: id('Reminder'), type: 'bpmn:BoundaryEvent', name: 'Reminder', attrs: {}, attachedTo: taskId, cancelActivity: false,
      timer: { kind: 'timeCycle', value: o.reminder }, x: 2, y: -18, width: 36, height: 36,
    });
    nodes.push({
      id: id('Remind'), type: 'bpmn:ServiceTask', name: 'Remind approvers',
      attrs: { 'flowable:delegateExpression': '${approvalEscalation}' }, fields: { approval: taskId, kind: 'reminder' },
      x: -80, y: -150, width: 100, height: 80,
    });
    nodes.push({ id: id('Reminded'), type: 'bpmn:EndEvent', name: 'Reminded', attrs: {}, x: -48, y: -230, width: 36, height: 36 });
    flows.push({ id: id('ToRemind'), source: id('Reminder'), target: id('Remind') });
    flows.push({ id: id('RemindToEnd'), source: id('Remind'), target: id('Reminded') });
  }
  if (o.escalationAfter) {
    nodes.push({
      id: id('Escalation'), type: 'bpmn:BoundaryEvent', name: 'Escalate', attrs: {}, attachedTo: taskId, cancelActivity: false,
      timer: { kind: 'timeDuration', value: o.escalationAfter }, x: 62, y: -18, width: 36, height: 36,
    });
    nodes.push({
      id: id('Escalate'), type: 'bpmn:ServiceTask', name: 'Escalate',
      attrs: { 'flowable:delegateExpression': '${approvalEscalation}' },
      fields: { approval: taskId, kind: 'escalation', group: normalizeGroups(o.escalationGroup || '') },
      x: 80, y: -150, width: 100, height: 80,
    });
    nodes.push({ id: id('Escalated'), type: 'bpmn:EndEvent', name: 'Escalated', attrs: {}, x: 112, y: -230, width: 36, height: 36 });
    flows.push({ id: id('ToEscalate'), source: id('Escalation'), target: id('Escalate') });
    flows.push({ id: id('EscalateToEnd'), source: id('Escalate'), target: id('Escalated') });
  }
  nodes.push({ id: id('Decision'), type: 'bpmn:ExclusiveGateway', name: 'Approved?', attrs: {}, x: 175, y: 15, width: 50, height: 50 });
  flows.push({ id: id('ToDecision'), source: taskId, target: id('Decision') });
  flows.push({ id: id('TimeoutToDecision'), source: id('ApplyTimeout'), target: id('Decision') });
  nodes.push({ id: id('Approved'), type: 'bpmn:EndEvent', name: 'Approved', attrs: {}, x: 300, y: 22, width: 36, height: 36 });
  nodes.push({ id: id('Rejected'), type: 'bpmn:EndEvent', name: 'Rejected', attrs: {}, x: 300, y: 112, width: 36, height: 36 });
  // The timed-out branch is always there (as in the template): only policy "fail" takes it, and the policy can
  // change in the properties panel without redrawing.
  nodes.push({
    id: id('Fail'), type: 'bpmn:ServiceTask', name: 'Fail: approval timed out',
    attrs: { 'flowable:delegateExpression': '${approvalFailure}', 'flowable:async': true },
    retryCycle: 'R1/PT0S', fields: { approval: taskId }, x: 268, y: 180, width: 100, height: 80,
  });
  nodes.push({ id: id('TimedOut'), type: 'bpmn:EndEvent', name: 'Approval timed out', attrs: {}, x: 420, y: 202, width: 36, height: 36 });
  flows.push({ id: id('ApprovedFlow'), source: id('Decision'), target: id('Approved'), name: 'approved', isDefault: true });
  flows.push({ id: id('RejectedFlow'), source: id('Decision'), target: id('Rejected'), name: 'rejected', condition: `\${${decisionVar} == 'reject'}` });
  flows.push({ id: id('TimedOutFlow'), source: id('Decision'), target: id('Fail'), name: 'timed out', condition: `\${${decisionVar} == 'timed-out'}` });
  flows.push({ id: id('FailToEnd'), source: id('Fail'), target: id('TimedOut') });
  return { taskId, gatewayId: id('Decision'), nodes, flows };
}

function normalizeGroups(groups: string): string {
  return groups.split(',').map((g) => g.trim()).filter(Boolean).join(',');
}

/**
 * The parts of an approval already on the canvas, found from its user task: its boundary timers and the service
 * tasks they lead to, by the beans those call (so an approval edited by hand is still recognised).
 */
export interface ApprovalParts<E> {
  timeout?: { boundary: E; step: E };
  reminder?: { boundary: E; step: E };
  escalation?: { boundary: E; step: E };
}

export function isApprovalTask(bo: any): boolean {
  return !!bo && bo.$type === 'bpmn:UserTask' && bo.get?.('flowable:formKey') === APPROVAL_FORM;
}

type Factory = (type: string, attrs?: Record<string, unknown>) => any;

/**
 * The moddle element of a node (bpmnFactory.create in the modeler, moddle.create in tests). Boundary events get
 * their attachedToRef from the caller, which knows the host element.
 */
export function businessObjectOf(create: Factory, node: PatternNode): any {
  const attrs: Record<string, unknown> = { id: node.id, name: node.name };
  if (node.type === 'bpmn:BoundaryEvent') attrs.cancelActivity = node.cancelActivity !== false;
  const bo = create(node.type, attrs);
  for (const [k, v] of Object.entries(node.attrs)) bo.set(k, v);
  const values: any[] = [];
  for (const [name, value] of Object.entries(node.fields || {})) values.push(create('flowable:Field', { name, string: value }));
  if (node.retryCycle) values.push(create('flowable:FailedJobRetryTimeCycle', { body: node.retryCycle }));
  if (values.length) {
    const ext = create('bpmn:ExtensionElements', { values });
    values.forEach((v) => (v.$parent = ext));
    ext.$parent = bo;
    bo.set('extensionElements', ext);
  }
  if (node.timer) {
    const expression = create('bpmn:FormalExpression', { body: node.timer.value });
    const timer = create('bpmn:TimerEventDefinition', { [node.timer.kind]: expression });
    expression.$parent = timer;
    timer.$parent = bo;
    bo.set('eventDefinitions', [timer]);
  }
  return bo;
}

/** The moddle element of a flow, with its condition; the caller sets sourceRef/targetRef and the default. */
export function flowBusinessObjectOf(create: Factory, flow: PatternFlow): any {
  const bo = create('bpmn:SequenceFlow', { id: flow.id, ...(flow.name ? { name: flow.name } : {}) });
  if (flow.condition) {
    const condition = create('bpmn:FormalExpression', { body: flow.condition });
    condition.$parent = bo;
    bo.set('conditionExpression', condition);
  }
  return bo;
}
