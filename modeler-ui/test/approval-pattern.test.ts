import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  approvalPattern, approvalProblems, approvalTaskId, businessObjectOf, flowBusinessObjectOf,
  type ApprovalOptions, type ApprovalPattern,
} from '../src/forms/approval-pattern';
import { moddle } from './fixtures';

const FULL: ApprovalOptions = {
  name: 'Approve', candidateGroups: 'approvers', timeout: 'PT24H', policy: 'auto_reject',
  reminder: 'R3/PT4H', escalationAfter: 'PT12H', escalationGroup: 'approvers-leads',
};

/** The pattern as a process of its own, serialised and parsed back, the way the server will read it. */
async function asProcess(pattern: ApprovalPattern): Promise<any> {
  const m = moddle();
  const create = (type: string, attrs?: Record<string, unknown>) => m.create(type, attrs);
  const byId = new Map<string, any>();
  const flowElements: any[] = [create('bpmn:StartEvent', { id: 'start' })];
  for (const node of pattern.nodes) {
    const bo = businessObjectOf(create, node);
    byId.set(node.id, bo);
    flowElements.push(bo);
  }
  for (const node of pattern.nodes) if (node.attachedTo) byId.get(node.id).attachedToRef = byId.get(node.attachedTo);
  const gateway = byId.get(pattern.gatewayId);
  for (const flow of pattern.flows) {
    const bo = flowBusinessObjectOf(create, flow);
    bo.sourceRef = byId.get(flow.source);
    bo.targetRef = byId.get(flow.target);
    if (flow.isDefault) gateway.default = bo;
    flowElements.push(bo);
  }
  const process = create('bpmn:Process', { id: 'p', isExecutable: true, flowElements });
  const definitions = create('bpmn:Definitions', { targetNamespace: 'http://pveflow.io/test', rootElements: [process] });
  const { xml } = await m.toXML(definitions, { format: true });
  const { rootElement, warnings } = await moddle().fromXML(xml);
  expect(warnings).toEqual([]);
  return { xml, process: rootElement.rootElements[0] };
}

const fieldsOf = (bo: any) => Object.fromEntries((bo.extensionElements?.values || [])
  .filter((v: any) => v.$type === 'flowable:Field').map((f: any) => [f.name, f.string ?? f.stringValue]));

/** What makes an element what it is, ids aside (the user task's id is written as TASK). */
function signature(bo: any, taskId: string): string {
  const timer = bo.eventDefinitions?.[0];
  const fields = Object.entries(fieldsOf(bo)).map(([k, v]) => `${k}=${v === taskId ? 'TASK' : v}`).sort().join(',');
  return [bo.$type, bo.delegateExpression ?? '', bo.formKey ?? '', bo.candidateGroups ?? '', fields,
    bo.$type === 'bpmn:BoundaryEvent' ? `cancel=${bo.cancelActivity !== false}` : '',
    timer ? `timer=${timer.timeDuration?.body ?? timer.timeCycle?.body}` : '',
    bo.attachedToRef ? `on=${bo.attachedToRef.id === taskId ? 'TASK' : bo.attachedToRef.id}` : ''].join('|');
}

function flowSignature(flow: any, taskId: string, process: any): string {
  const name = (bo: any) => (bo.id === taskId ? 'TASK' : bo.$type);
  const condition = flow.conditionExpression?.body?.replaceAll(`${taskId}_`, 'TASK_') ?? '';
  const isDefault = flow.sourceRef.default === flow;
  return `${name(flow.sourceRef)}->${name(flow.targetRef)}|${condition}|${isDefault ? 'default' : ''}|${process.id ? '' : ''}`;
}

describe('the Approval element', () => {
  it('is the user task with the approval form, its timers, policy step and decision gateway', async () => {
    const pattern = approvalPattern(FULL, 'approval');
    const { process, xml } = await asProcess(pattern);
    const find = (id: string) => process.flowElements.find((e: any) => e.id === id);
    const task = find('approval');
    expect(task.$type).toBe('bpmn:UserTask');
    expect(task.formKey).toBe('pveflow:approval');
    expect(task.candidateGroups).toBe('approvers');

    const timeout = find('approvalTimeout');
    expect(timeout.attachedToRef).toBe(task);
    expect(timeout.cancelActivity).not.toBe(false);
    expect(timeout.eventDefinitions[0].timeDuration.body).toBe('PT24H');
    expect(fieldsOf(find('approvalApplyTimeout'))).toEqual({ approval: 'approval', policy: 'auto_reject' });
    expect(find('approvalApplyTimeout').delegateExpression).toBe('${approvalTimeout}');

    const reminder = find('approvalReminder');
    expect(reminder.cancelActivity).toBe(false);
    expect(reminder.eventDefinitions[0].timeCycle.body).toBe('R3/PT4H');
    expect(fieldsOf(find('approvalRemind'))).toEqual({ approval: 'approval', kind: 'reminder' });
    expect(find('approvalEscalation').eventDefinitions[0].timeDuration.body).toBe('PT12H');
    expect(fieldsOf(find('approvalEscalate'))).toEqual({ approval: 'approval', kind: 'escalation', group: 'approvers-leads' });

    const gateway = find('approvalDecision');
    expect(gateway.default.id).toBe('approvalApprovedFlow');
    expect(find('approvalRejectedFlow').conditionExpression.body).toBe("${approval_decision == 'reject'}");
    expect(find('approvalTimedOutFlow').conditionExpression.body).toBe("${approval_decision == 'timed-out'}");
    expect(find('approvalFail').delegateExpression).toBe('${approvalFailure}');
    expect(find('approvalFail').async).toBe(true);
    expect(xml).toContain('<flowable:failedJobRetryTimeCycle>R1/PT0S</flowable:failedJobRetryTimeCycle>');
  });

  it('matches the server template element for element', async () => {
    const template = readFileSync(new URL('../../server/src/main/resources/approvals/approval-template.bpmn20.xml', import.meta.url), 'utf8');
    const { rootElement } = await moddle().fromXML(template);
    const theirs = rootElement.rootElements.find((r: any) => r.$type === 'bpmn:Process');
    const ours = (await asProcess(approvalPattern(FULL, 'approval'))).process;
    const nodes = (p: any, taskId: string) => p.flowElements
      .filter((e: any) => e.$type !== 'bpmn:SequenceFlow' && e.$type !== 'bpmn:StartEvent')
      .map((e: any) => signature(e, taskId)).sort();
    const flows = (p: any, taskId: string) => p.flowElements
      .filter((e: any) => e.$type === 'bpmn:SequenceFlow' && e.sourceRef.$type !== 'bpmn:StartEvent')
      .map((e: any) => flowSignature(e, taskId, p)).sort();
    expect(nodes(ours, 'approval')).toEqual(nodes(theirs, 'approval'));
    expect(flows(ours, 'approval')).toEqual(flows(theirs, 'approval'));
  });

  it('leaves reminder and escalation out unless asked, and keeps ids of a second approval apart', async () => {
    const taken = new Set(approvalPattern(FULL, 'approval').nodes.map((n) => n.id));
    const id = approvalTaskId((i) => taken.has(i));
    expect(id).toBe('approval2');
    const pattern = approvalPattern({ ...FULL, reminder: '', escalationAfter: '', policy: 'fail' }, id);
    const { process } = await asProcess(pattern);
    const types = process.flowElements.map((e: any) => e.$type);
    expect(types.filter((t: string) => t === 'bpmn:BoundaryEvent')).toHaveLength(1);
    expect(pattern.nodes.every((n) => n.id.startsWith('approval2'))).toBe(true);
    expect(fieldsOf(process.flowElements.find((e: any) => e.id === 'approval2ApplyTimeout'))).toEqual({ approval: 'approval2', policy: 'fail' });
    expect(process.flowElements.find((e: any) => e.id === 'approval2RejectedFlow').conditionExpression.body)
      .toBe("${approval2_decision == 'reject'}");
  });

  it('says what is wrong with the options', () => {
    expect(approvalProblems(FULL)).toEqual({});
    expect(approvalProblems({ ...FULL, candidateGroups: ' ', timeout: '24h', policy: 'maybe' as any, reminder: 'PT4H',
      escalationAfter: 'PT1H', escalationGroup: '' })).toEqual({
      candidateGroups: expect.any(String), timeout: expect.stringContaining('ISO-8601'), policy: expect.stringContaining('auto_approve'),
      reminder: expect.stringContaining('R3/PT4H'), escalationGroup: expect.any(String),
    });
    expect(approvalProblems({ ...FULL, candidateGroups: 'ops, approvers', timeout: 'P2D' })).toEqual({});
  });
});
