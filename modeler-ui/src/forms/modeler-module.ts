// What approvals and task forms add to the modeler: the "Approval" palette entry (the pattern of
import './forms.css';
// approval-pattern.ts inserted as one undoable command), a "Form" properties group for user tasks (pick a form of
// the draft or the built-in approval form, "Edit form" opens the form-js editor) and an "Approval" group for
// approval tasks (timeout, policy, reminder, escalation). The editor page passes the draft as config.pveDraft.
import { Group, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { jsx as h } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { el } from '../dom';
import { dialog, field, toast } from '../ui';
import { setFieldValue } from '../modeler/pve/properties';
import {
  APPROVAL_FORM, POLICIES, approvalPattern, approvalProblems, approvalTaskId, businessObjectOf, flowBusinessObjectOf,
  type ApprovalOptions, type TimeoutPolicy,
} from './approval-pattern';
import { draftForms, formIdFor, starterSchema, type FormInfo } from './api';

export interface DraftConfig {
  cluster: string;
  key: string;
  ensureSaved: () => Promise<void>;
}

/** Inserts an approval: every shape and flow in one command, so one undo removes it. */
class InsertApprovalHandler {
  static $inject = ['modeling', 'bpmnFactory', 'elementFactory', 'canvas'];
  constructor(private modeling: any, private bpmnFactory: any, private elementFactory: any, private canvas: any) {}

  preExecute(context: { options: ApprovalOptions; taskId: string; origin: { x: number; y: number }; after?: any; created?: any }) {
    const { options, taskId, origin, after } = context;
    const pattern = approvalPattern(options, taskId);
    const create = (type: string, attrs?: Record<string, unknown>) => this.bpmnFactory.create(type, attrs);
    const root = after?.parent ?? this.canvas.getRootElement();
    const shapes = new Map<string, any>();
    const center = (n: { x: number; y: number; width: number; height: number }) =>
      ({ x: origin.x + n.x + n.width / 2, y: origin.y + n.y + n.height / 2 });
    for (const node of pattern.nodes.filter((n) => !n.attachedTo)) {
      const shape = this.elementFactory.createShape({ type: node.type, businessObject: businessObjectOf(create, node), width: node.width, height: node.height });
      shapes.set(node.id, this.modeling.createShape(shape, center(node), root));
    }
    for (const node of pattern.nodes.filter((n) => n.attachedTo)) {
      const shape = this.elementFactory.createShape({ type: node.type, businessObject: businessObjectOf(create, node), width: node.width, height: node.height });
      shapes.set(node.id, this.modeling.createShape(shape, center(node), shapes.get(node.attachedTo!), { attach: true }));
    }
    for (const flow of pattern.flows) {
      const connection = this.modeling.connect(shapes.get(flow.source), shapes.get(flow.target),
        { type: 'bpmn:SequenceFlow', businessObject: flowBusinessObjectOf(create, flow) });
      if (flow.isDefault) this.modeling.updateProperties(shapes.get(pattern.gatewayId), { default: connection.businessObject });
    }
    if (after) this.modeling.connect(after, shapes.get(taskId), { type: 'bpmn:SequenceFlow' });
    context.created = shapes.get(taskId);
  }

  execute() { return []; }
  revert() { return []; }
}

class ApprovalPalette {
  static $inject = ['palette', 'commandStack', 'elementRegistry', 'selection', 'canvas'];
  constructor(palette: any, private commandStack: any, private elementRegistry: any, private selection: any, private canvas: any) {
    palette.registerProvider(this);
    commandStack.registerHandler('pveflow.approval.insert', InsertApprovalHandler);
  }

  getPaletteEntries(): Record<string, any> {
    return {
      'pveflow-approval': {
        group: 'pve',
        className: 'bpmn-icon-user-task pveflow-approval-entry',
        title: 'Approval: a user task with approve/reject, timeout policy, reminders and escalation',
        action: { click: () => void this.insert() },
      },
    };
  }

  async insert(): Promise<void> {
    const options = await askApprovalOptions();
    if (!options) return;
    const selected = this.selection.get()[0];
    const after = selected && selected.businessObject?.$instanceOf?.('bpmn:FlowNode') && !selected.businessObject.$instanceOf('bpmn:EndEvent')
      && !selected.businessObject.$instanceOf('bpmn:BoundaryEvent') && !selected.labelTarget ? selected : undefined;
    let origin: { x: number; y: number };
    if (after) {
      origin = { x: after.x + after.width + 80, y: after.y + after.height / 2 - 40 };
    } else {
      // right of everything on the canvas, at the height of the first shape (or the visible area)
      const shapes = this.elementRegistry.filter((e: any) => !e.waypoints && e.type !== 'label' && e.parent);
      const maxX = shapes.reduce((m: number, s: any) => Math.max(m, s.x + s.width), 0);
      const box = this.canvas.viewbox();
      origin = shapes.length ? { x: maxX + 100, y: shapes[0].y + shapes[0].height / 2 - 40 } : { x: box.x + 200, y: box.y + 200 };
    }
    const taskId = approvalTaskId((id) => !!this.elementRegistry.get(id));
    const context: any = { options, taskId, origin, after };
    this.commandStack.execute('pveflow.approval.insert', context);
    if (context.created) this.selection.select(context.created);
  }
}

/** The dialog of the palette entry: who approves, the timeout and its policy, reminders and escalation. */
export async function askApprovalOptions(): Promise<ApprovalOptions | null> {
  const input = (name: string, value: string, placeholder = '') => el('input', { name, value, placeholder, autocomplete: 'off' });
  const name = input('name', 'Approve');
  const groups = input('candidateGroups', 'approvers', 'group, group');
  const timeout = input('timeout', 'PT24H', 'PT24H');
  const policy = el('select', { name: 'policy' }, ...POLICIES.map((p) => el('option', { value: p.value }, p.label)));
  const reminder = input('reminder', '', 'R3/PT4H (empty: none)');
  const escalationAfter = input('escalationAfter', '', 'PT12H (empty: none)');
  const escalationGroup = input('escalationGroup', '', 'approvers-leads');
  const body = el('div', { class: 'approval-options' },
    field('Name', name), field('Candidate groups', groups, 'Who may decide'),
    field('Timeout', timeout, 'ISO-8601 duration without a decision'), field('On timeout', policy),
    field('Reminders', reminder, 'A repeating interval while the task waits'),
    field('Escalate after', escalationAfter), field('Escalate to group', escalationGroup, 'Added to the task\'s candidates'));
  return dialog('Insert an approval', body, 'Insert', () => {
    const options: ApprovalOptions = {
      name: name.value.trim(), candidateGroups: groups.value, timeout: timeout.value.trim(), policy: policy.value as TimeoutPolicy,
      reminder: reminder.value.trim(), escalationAfter: escalationAfter.value.trim(), escalationGroup: escalationGroup.value.trim(),
    };
    const problems = approvalProblems(options);
    if (Object.keys(problems).length) throw new Error(Object.entries(problems).map(([k, v]) => `${k}: ${v}`).join('; '));
    return options;
  });
}

// ---- properties

interface Part { boundary: any; step: any }

/** The approval's timers on the canvas, found by the beans the steps after them call. */
export function approvalParts(task: any): { timeout?: Part; reminder?: Part; escalation?: Part } {
  const parts: { timeout?: Part; reminder?: Part; escalation?: Part } = {};
  for (const boundary of task.attachers || []) {
    const step = boundary.outgoing?.[0]?.target;
    const bo = step?.businessObject;
    const delegate = bo?.get?.('flowable:delegateExpression');
    const kind = (bo?.extensionElements?.values || []).find((v: any) => v.$type === 'flowable:Field' && v.name === 'kind');
    const kindValue = kind?.string ?? kind?.stringValue;
    if (delegate === '${approvalTimeout}') parts.timeout = { boundary, step };
    else if (delegate === '${approvalEscalation}' && kindValue === 'reminder') parts.reminder = { boundary, step };
    else if (delegate === '${approvalEscalation}') parts.escalation = { boundary, step };
  }
  return parts;
}

function timerExpression(boundary: any): any {
  const timer = boundary.businessObject.eventDefinitions?.[0];
  return timer?.timeDuration ?? timer?.timeCycle ?? timer?.timeDate;
}

function fieldOf(step: any, name: string): string {
  const f = (step.businessObject.extensionElements?.values || []).find((v: any) => v.$type === 'flowable:Field' && v.name === name);
  return f?.string ?? f?.stringValue ?? '';
}

function TimerEntry(props: { element: any; id: string; part?: Part; label: string; description: string }) {
  const { element, id, part, label, description } = props;
  const commandStack = useService('commandStack');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, { element, id, label, description, debounce,
    getValue: () => (part ? timerExpression(part.boundary)?.body ?? '' : ''),
    setValue: (v: string) => {
      const expression = part && timerExpression(part.boundary);
      if (expression) commandStack.execute('element.updateModdleProperties', { element: part!.boundary, moddleElement: expression, properties: { body: v } });
    },
    validate: (v: string) => (v ? null : 'Required'),
  });
}

function PolicyEntry(props: { element: any; id: string; part: Part }) {
  const { element, id, part } = props;
  const injector = useService('injector');
  return h(SelectEntry, { element, id, label: 'On timeout',
    getValue: () => fieldOf(part.step, 'policy'),
    setValue: (v: string) => setFieldValue(injector, part.step, 'policy', v),
    getOptions: () => POLICIES.map((p) => ({ value: p.value, label: p.label })) });
}

function EscalationGroupEntry(props: { element: any; id: string; part: Part }) {
  const { element, id, part } = props;
  const injector = useService('injector');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, { element, id, label: 'Escalate to group', debounce, description: 'Added to the task\'s candidate groups',
    getValue: () => fieldOf(part.step, 'group'),
    setValue: (v: string) => setFieldValue(injector, part.step, 'group', v) });
}

const BUILT_IN = { value: APPROVAL_FORM, label: 'Built-in approval (approve/reject + comment)' };

function FormPickerEntry(props: { element: any; id: string; draft: DraftConfig }) {
  const { element, id, draft } = props;
  const modeling = useService('modeling');
  const [forms, setForms] = useState(null as FormInfo[] | null);
  const current = element.businessObject.get('flowable:formKey') || '';
  useEffect(() => {
    let live = true;
    draftForms.list(draft.cluster, draft.key).then((f: FormInfo[]) => live && setForms(f)).catch(() => live && setForms([]));
    return () => { live = false; };
  }, [current]);
  const options = [{ value: '', label: '(no form)' }, BUILT_IN, ...((forms || []) as FormInfo[]).map((f: FormInfo) => ({ value: f.id, label: f.id }))];
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: `${current} (not in the draft)` });
  return h(SelectEntry, { element, id, label: 'Form',
    description: 'The form the task shows in the inbox (flowable:formKey)',
    getValue: () => current,
    setValue: (v: string) => modeling.updateProperties(element, { 'flowable:formKey': v || undefined }),
    getOptions: () => options });
}

function EditFormEntry(props: { element: any; id: string; draft: DraftConfig }) {
  const { element, draft } = props;
  const modeling = useService('modeling');
  const bo = element.businessObject;
  const current: string = bo.get('flowable:formKey') || '';
  const open = async () => {
    try {
      const formId = current && current !== APPROVAL_FORM ? current : formIdFor(bo.name, bo.id);
      const existing = await draftForms.get(draft.cluster, draft.key, formId);
      const { editForm } = await import('./form-editor');
      const saved = await editForm({ cluster: draft.cluster, key: draft.key, formId,
        schema: existing ?? starterSchema(formId, bo.name || bo.id), ensureDraft: draft.ensureSaved });
      if (saved) {
        if (current !== saved) modeling.updateProperties(element, { 'flowable:formKey': saved });
        toast(`Form ${saved} saved with the draft`, 'success');
      }
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  };
  // jsx(): children go in props (the third argument would be a key)
  return h('div', { class: 'bio-properties-panel-entry pveflow-edit-form', children:
    h('button', { type: 'button', class: 'secondary', id: 'edit-form', onClick: open,
      children: current && current !== APPROVAL_FORM ? `Edit form ${current}` : 'Create a form for this task' }) });
}

class FormsProperties {
  static $inject = ['propertiesPanel', 'config.pveDraft'];
  constructor(propertiesPanel: any, private draft: DraftConfig | null) {
    propertiesPanel.registerProvider(450, this);
  }

  getGroups(element: any) {
    return (groups: any[]) => {
      const bo = element.businessObject;
      if (!bo?.$instanceOf?.('bpmn:UserTask')) return groups;
      const added: any[] = [];
      if (this.draft) {
        added.push({ id: 'pveflow-form', label: 'Form', component: Group, entries: [
          { id: 'pveflow-form-key', element, draft: this.draft, component: FormPickerEntry },
          { id: 'pveflow-edit-form', element, draft: this.draft, component: EditFormEntry },
        ] });
      }
      if (bo.get('flowable:formKey') === APPROVAL_FORM) {
        const parts = approvalParts(element);
        const entries: any[] = [];
        if (parts.timeout) {
          entries.push({ id: 'approval-timeout', element, part: parts.timeout, label: 'Timeout', description: 'ISO-8601 duration, e.g. PT24H', component: TimerEntry });
          entries.push({ id: 'approval-policy', element, part: parts.timeout, component: PolicyEntry });
        }
        if (parts.reminder) entries.push({ id: 'approval-reminder', element, part: parts.reminder, label: 'Reminders', description: 'Repeating interval, e.g. R3/PT4H', component: TimerEntry });
        if (parts.escalation) {
          entries.push({ id: 'approval-escalation', element, part: parts.escalation, label: 'Escalate after', description: 'ISO-8601 duration', component: TimerEntry });
          entries.push({ id: 'approval-escalation-group', element, part: parts.escalation, component: EscalationGroupEntry });
        }
        if (entries.length) added.push({ id: 'pveflow-approval', label: 'Approval', component: Group, entries });
      }
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general >= 0 ? general + 1 : 0, 0, ...added);
      return groups;
    };
  }
}

export const FormsModelingModule = {
  __init__: ['approvalPalette'],
  approvalPalette: ['type', ApprovalPalette],
};

export const FormsPropertiesModule = {
  __init__: ['formsProperties'],
  formsProperties: ['type', FormsProperties],
};
