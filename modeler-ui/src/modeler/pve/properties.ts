// Properties panel groups: one per PVE activity (typed inputs, each a literal or an expression, pickers from
// the live cluster, written as flowable:field) and Flowable's own attributes for the other BPMN elements.
import { CheckboxEntry, Group, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { api } from '../../api';
import { activityIdOf, isExpression, literalProblem, readField, withField, type FieldSpec } from '../catalog';
import type { PveCatalog } from './catalog-service';

interface Choice { value: string | number; label: string }
const pickerCache = new Map<string, { until: number; choices: Promise<Choice[]> }>();

function pick(cluster: string, source: string, query: string): Promise<Choice[]> {
  const key = `${cluster}/${source}?${query}`;
  const hit = pickerCache.get(key);
  if (hit && hit.until > Date.now()) return hit.choices;
  const choices = api<Choice[]>(`/api/clusters/${encodeURIComponent(cluster)}/pickers/${source}${query ? `?${query}` : ''}`);
  pickerCache.set(key, { until: Date.now() + 10_000, choices });
  choices.catch(() => pickerCache.delete(key));
  return choices;
}

/** Runs the field update as one undoable command (creating extensionElements when needed). */
export function setFieldValue(injector: any, element: any, name: string, value: string | null): void {
  updateExtensionValues(injector, element, value === null || value === '', (ext, create) =>
    withField(create, ext.get('values') || [], name, value));
}

/**
 * Replaces the values of an element's extensionElements as one undoable command, creating extensionElements first
 * unless `nothingToAdd`. `change` gets them and a factory for new children (parented to them) and returns the new
 * values, or null to leave everything as it is.
 */
function updateExtensionValues(injector: any, element: any, nothingToAdd: boolean,
                               change: (ext: any, create: (type: string, attrs?: Record<string, unknown>) => any) => any[] | null): void {
  const bpmnFactory = injector.get('bpmnFactory');
  const bo = element.businessObject;
  const commands: any[] = [];
  let ext = bo.get('extensionElements');
  if (!ext) {
    if (nothingToAdd) return;
    ext = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    ext.$parent = bo;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements: ext } } });
  }
  const create = (type: string, attrs?: Record<string, unknown>) => {
    const created = bpmnFactory.create(type, attrs);
    created.$parent = ext;
    return created;
  };
  const values = change(ext, create);
  if (values === null) return;
  commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: ext, properties: { values } } });
  injector.get('commandStack').execute('properties-panel.multi-command-executor', commands);
}

const h = jsx;

function PveFieldEntry(props: { element: any; id: string; spec: FieldSpec; activityId: string }) {
  const { element, id, spec } = props;
  const injector = useService('injector');
  const catalog: PveCatalog = useService('pveCatalog');
  const current = readField(element.businessObject, spec.name);
  const value = current?.value ?? '';
  const [mode, setMode] = useState(current?.mode ?? (isExpression(value) ? 'expression' : 'literal'));
  const [choices, setChoices] = useState(null as Choice[] | null);
  const [pickError, setPickError] = useState(null as string | null);
  useEffect(() => { if (current) setMode(current.mode); }, [value]);

  // Pickers: values from the live cluster; snapshots depend on the chosen guest.
  const dependsOn = spec.dependsOn ? readField(element.businessObject, spec.dependsOn) : null;
  const dependsValue = dependsOn && dependsOn.mode === 'literal' ? dependsOn.value : '';
  const pickerReady = !!spec.picker && !!catalog.cluster && (!spec.dependsOn || dependsValue !== '');
  useEffect(() => {
    if (!pickerReady || mode !== 'literal') return;
    let live = true;
    const query = spec.dependsOn ? `${spec.dependsOn}=${encodeURIComponent(dependsValue)}` : '';
    pick(catalog.cluster!, spec.picker!, query)
      .then((c) => { if (live) { setChoices(c); setPickError(null); } })
      .catch((e: Error) => { if (live) { setChoices(null); setPickError(e.message); } });
    return () => { live = false; };
  }, [pickerReady, dependsValue, mode]);

  const save = (v: string) => setFieldValue(injector, element, spec.name, v === '' ? null : v);
  const problem = mode === 'literal' ? literalProblem(spec, value) : (value && !isExpression(value) ? 'write ${...} or js{...}' : null);
  const inputId = `pve-input-${spec.name}`;
  const common = { id: inputId, name: spec.name, 'data-field': spec.name, class: 'bio-properties-panel-input' };

  let control: any;
  if (mode === 'expression') {
    control = h('input', { ...common, class: `${common.class} mono`, type: 'text', value, placeholder: '${variable} or js{ ... }', spellcheck: false,
      onChange: (e: any) => save(e.target.value.trim()) });
  } else if (spec.picker && choices) {
    const options = [...choices];
    if (value && !options.some((c) => String(c.value) === value)) options.unshift({ value, label: `${value} (not in the cluster now)` });
    control = h('select', { ...common, value, onChange: (e: any) => save(e.target.value),
      children: [h('option', { value: '', children: spec.defaultValue ? `(default: ${spec.defaultValue})` : '— choose —' }),
        ...options.map((c) => h('option', { value: String(c.value), children: c.label }))] });
  } else if (spec.type === 'ENUM' || spec.type === 'BOOLEAN') {
    const values = spec.type === 'BOOLEAN' ? ['true', 'false'] : spec.values || [];
    control = h('select', { ...common, value, onChange: (e: any) => save(e.target.value),
      children: [h('option', { value: '', children: spec.defaultValue ? `(default: ${spec.defaultValue})` : '—' }),
        ...values.map((v) => h('option', { value: v, children: v }))] });
  } else {
    const type = spec.type === 'INTEGER' ? 'number' : 'text';
    control = h('input', { ...common, type, value, step: spec.type === 'INTEGER' ? 1 : undefined,
      placeholder: spec.type === 'DURATION' ? (spec.defaultValue || 'PT10M') : (spec.defaultValue || ''),
      list: spec.type === 'DURATION' ? 'pve-durations' : undefined, spellcheck: false,
      onChange: (e: any) => save(e.target.value.trim()) });
  }
  const toggle = h('button', {
    type: 'button', class: `pve-mode ${mode === 'expression' ? 'active' : ''}`, 'data-mode-toggle': spec.name,
    title: mode === 'expression' ? 'Switch to a fixed value' : 'Switch to an expression (${...} or js{...})',
    onClick: () => setMode(mode === 'expression' ? 'literal' : 'expression'),
    children: mode === 'expression' ? 'ƒx' : 'abc',
  });
  return h('div', { class: 'bio-properties-panel-entry pve-field', 'data-entry-id': id, children: [
    h('div', { class: 'pve-field-head', children: [
      h('label', { for: inputId, class: 'bio-properties-panel-label', children: `${spec.label}${spec.required && spec.defaultValue == null ? ' *' : ''}` }),
      toggle] }),
    control,
    spec.picker && mode === 'literal' && !catalog.cluster ? h('div', { class: 'pve-hint', children: 'Choose a cluster to pick from it' }) : null,
    spec.picker && spec.dependsOn && !dependsValue && mode === 'literal'
      ? h('div', { class: 'pve-hint', children: `Choose ${spec.dependsOn} first (or write an expression)` }) : null,
    pickError ? h('div', { class: 'pve-hint error', children: `Picker: ${pickError}` }) : null,
    problem ? h('div', { class: 'bio-properties-panel-error', children: problem }) : null,
    spec.help ? h('div', { class: 'bio-properties-panel-description', children: spec.help }) : null,
  ] });
}

function AttrText(props: { element: any; id: string; attr: string; label: string; description?: string; moddle?: () => any }) {
  const { element, id, attr, label, description } = props;
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  const target = props.moddle ? props.moddle() : element.businessObject;
  return h(TextFieldEntry, { element, id, label, description, debounce,
    getValue: () => target?.get(attr) ?? '',
    setValue: (v: string) => modeling.updateModdleProperties(element, target, { [attr]: v === '' ? undefined : v }) });
}

function AttrCheck(props: { element: any; id: string; attr: string; label: string; description?: string }) {
  const { element, id, attr, label, description } = props;
  const modeling = useService('modeling');
  return h(CheckboxEntry, { element, id, label, description,
    getValue: () => !!element.businessObject.get(attr),
    setValue: (v: boolean) => modeling.updateProperties(element, { [attr]: v }) });
}

const text = (element: any, attr: string, label: string, description?: string) =>
  ({ id: `fl-${attr.replace(':', '-')}`, element, attr, label, description, component: AttrText });
const check = (element: any, attr: string, label: string, description?: string) =>
  ({ id: `fl-${attr.replace(':', '-')}`, element, attr, label, description, component: AttrCheck });

/** Extension element of the process (pveflow:concurrency, pveflow:separationOfDuties), created on first edit. */
function extensionOf(element: any, type: string) {
  const ext = element.businessObject.get('extensionElements');
  return ext ? (ext.get('values') || []).find((v: any) => v.$type === type) : undefined;
}

function ConcurrencyEntry(props: { element: any; id: string; attr: string; label: string; description?: string }) {
  const { element, id, attr, label, description } = props;
  const injector = useService('injector');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, { element, id, label, description, debounce,
    getValue: () => extensionOf(element, 'pveflow:Concurrency')?.get(attr) ?? '',
    setValue: (v: string) => updateExtension(injector, element, 'pveflow:Concurrency', (c) => c.set(attr, v || undefined)) });
}

function SeparationEntry(props: { element: any; id: string }) {
  const { element, id } = props;
  const injector = useService('injector');
  return h(CheckboxEntry, { element, id, label: 'Separation of duties',
    description: 'Whoever starts a run may not complete its user tasks',
    getValue: () => !!extensionOf(element, 'pveflow:SeparationOfDuties'),
    setValue: (v: boolean) => updateExtension(injector, element, 'pveflow:SeparationOfDuties', () => {}, !v) });
}

function WhenFullEntry(props: { element: any; id: string }) {
  const { element, id } = props;
  const injector = useService('injector');
  return h(SelectEntry, { element, id, label: 'When the group is full',
    getOptions: () => [{ value: '', label: '(default: queue)' }, { value: 'queue', label: 'Queue the run' }, { value: 'refuse', label: 'Refuse the run' }],
    getValue: () => extensionOf(element, 'pveflow:Concurrency')?.get('whenFull') ?? '',
    setValue: (v: string) => updateExtension(injector, element, 'pveflow:Concurrency', (c) => c.set('whenFull', v || undefined)) });
}

function RetryEntry(props: { element: any; id: string }) {
  const { element, id } = props;
  const injector = useService('injector');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, { element, id, label: 'Retry cycle', debounce,
    description: 'Failed job retries, e.g. R3/PT5M (three retries five minutes apart)',
    getValue: () => extensionOf(element, 'flowable:FailedJobRetryTimeCycle')?.get('body') ?? '',
    setValue: (v: string) => updateExtension(injector, element, 'flowable:FailedJobRetryTimeCycle', (c) => c.set('body', v), !v) });
}

/** Edits (a copy of) one extension element of a type, as one undoable command; remove drops it. */
function updateExtension(injector: any, element: any, type: string, edit: (copy: any) => void, remove = false): void {
  updateExtensionValues(injector, element, remove, (ext, create) => {
    const values = [...(ext.get('values') || [])];
    const index = values.findIndex((v: any) => v.$type === type);
    if (remove) {
      if (index < 0) return null;
      values.splice(index, 1);
    } else {
      const copy = create(type, index >= 0 ? { ...values[index].$attrs, ...plain(values[index]) } : {});
      edit(copy);
      if (index >= 0) values[index] = copy;
      else values.push(copy);
    }
    return values;
  });
}

function plain(m: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of m.$descriptor.properties) if (m.get(d.name) !== undefined) out[d.name] = m.get(d.name);
  return out;
}

const INPUT_TYPES = ['string', 'number', 'boolean', 'enum', 'duration', 'date'];

/** The process's start inputs (<pveflow:input>): what the start form asks when someone starts a run. */
function StartInputsEntry(props: { element: any; id: string }) {
  const { element, id } = props;
  const injector = useService('injector');
  const ext = element.businessObject.get('extensionElements');
  const inputs: any[] = ext ? (ext.get('values') || []).filter((v: any) => v.$type === 'pveflow:Input') : [];
  const write = (next: Record<string, string>[]) => {
    const bpmnFactory = injector.get('bpmnFactory');
    const commandStack = injector.get('commandStack');
    const bo = element.businessObject;
    const commands: any[] = [];
    let extension = bo.get('extensionElements');
    if (!extension) {
      extension = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extension.$parent = bo;
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements: extension } } });
    }
    const others = (extension.get('values') || []).filter((v: any) => v.$type !== 'pveflow:Input');
    const created = next.map((attrs) => {
      const clean = Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== '' && v !== undefined));
      const input = bpmnFactory.create('pveflow:Input', clean);
      input.$parent = extension;
      return input;
    });
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: extension, properties: { values: [...others, ...created] } } });
    commandStack.execute('properties-panel.multi-command-executor', commands);
  };
  const rows = inputs.map((i) => ({ name: i.get('name') || '', label: i.get('label') || '', type: i.get('type') || 'string',
    required: i.get('required') || '', default: i.get('default') || '', options: i.get('options') || '', help: i.get('help') || '' }));
  const change = (index: number, key: string, value: string) => write(rows.map((r, i) => (i === index ? { ...r, [key]: value } : r)));
  const text = (index: number, key: string, placeholder: string, value: string, mono = false) => h('input', {
    class: `bio-properties-panel-input${mono ? ' mono' : ''}`, value, placeholder, 'data-input-field': key, spellcheck: false,
    onChange: (e: any) => change(index, key, e.target.value.trim()) });
  return h('div', { class: 'bio-properties-panel-entry pve-inputs', 'data-entry-id': id, children: [
    rows.length === 0 ? h('div', { class: 'bio-properties-panel-description', children: 'No start input: runs start without a form.' }) : null,
    ...rows.map((r, index) => h('div', { class: 'pve-input-row', 'data-input': r.name, children: [
      h('div', { class: 'pve-input-line', children: [
        text(index, 'name', 'variable', r.name, true),
        h('select', { class: 'bio-properties-panel-input', value: r.type, 'aria-label': 'Type',
          onChange: (e: any) => change(index, 'type', e.target.value),
          children: INPUT_TYPES.map((t) => h('option', { value: t, children: t })) }),
        h('label', { class: 'pve-input-required', title: 'Required', children: [
          h('input', { type: 'checkbox', checked: r.required === 'true', onChange: (e: any) => change(index, 'required', e.target.checked ? 'true' : '') }), 'req.'] }),
        h('button', { type: 'button', class: 'pve-mode', title: 'Remove this input', onClick: () => write(rows.filter((_, i) => i !== index)), children: '✕' }),
      ] }),
      h('div', { class: 'pve-input-line', children: [text(index, 'label', 'Label', r.label), text(index, 'default', 'Default', r.default)] }),
      r.type === 'enum' ? text(index, 'options', 'Options, comma-separated', r.options) : null,
    ] })),
    h('button', { type: 'button', class: 'pve-mode pve-add-input', onClick: () => write([...rows, { name: `input${rows.length + 1}`, label: '', type: 'string', required: '', default: '', options: '', help: '' }]),
      children: '+ Add input' }),
  ] });
}

export class PveProperties {
  static $inject = ['propertiesPanel', 'pveCatalog'];

  constructor(propertiesPanel: any, private catalog: PveCatalog) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: any) {
    return (groups: any[]) => {
      const bo = element.businessObject;
      const is = (t: string) => bo?.$instanceOf?.(t);
      const added: any[] = [];
      const activity = this.catalog.get(activityIdOf(bo));
      if (activity) {
        added.push({
          id: 'pve', label: `PVE · ${activity.label}`, component: Group,
          entries: activity.fields.map((spec) => ({ id: `pve-${spec.name}`, element, spec, activityId: activity.id, component: PveFieldEntry })),
        });
      } else if (is('bpmn:ServiceTask')) {
        added.push({ id: 'flowable-implementation', label: 'Implementation (Flowable)', component: Group, entries: [
          text(element, 'flowable:delegateExpression', 'Delegate expression', 'e.g. ${pveSnapshotCreate}'),
          text(element, 'flowable:expression', 'Expression'),
          text(element, 'flowable:class', 'Java class', 'Refused by the server\'s locked-down engine'),
          text(element, 'flowable:resultVariable', 'Result variable'),
          check(element, 'flowable:triggerable', 'Triggerable', 'Waits to be triggered (PVE tasks)'),
        ] });
      }
      if (is('bpmn:UserTask')) {
        added.push({ id: 'flowable-assignment', label: 'Assignment', component: Group, entries: [
          text(element, 'flowable:assignee', 'Assignee'),
          text(element, 'flowable:candidateUsers', 'Candidate users', 'Comma-separated user names'),
          text(element, 'flowable:candidateGroups', 'Candidate groups', 'Comma-separated groups'),
          text(element, 'flowable:formKey', 'Form key'),
          text(element, 'flowable:dueDate', 'Due date', 'ISO-8601 duration or date, or an expression'),
          text(element, 'flowable:priority', 'Priority'),
        ] });
      }
      if (is('bpmn:StartEvent') && !is('bpmn:BoundaryEvent')) {
        added.push({ id: 'flowable-start', label: 'Start', component: Group, entries: [
          text(element, 'flowable:initiator', 'Initiator variable', 'Receives the user who started the run'),
          text(element, 'flowable:formKey', 'Form key'),
        ] });
      }
      if (is('bpmn:ScriptTask')) {
        added.push({ id: 'flowable-script', label: 'Script result', component: Group, entries: [
          text(element, 'flowable:resultVariable', 'Result variable'),
        ] });
      }
      if (is('bpmn:Activity') || is('bpmn:Gateway') || (is('bpmn:Event') && !is('bpmn:StartEvent'))) {
        added.push({ id: 'flowable-async', label: 'Execution', component: Group, entries: [
          check(element, 'flowable:async', 'Asynchronous', 'Run in a job: a transaction boundary before this element'),
          check(element, 'flowable:exclusive', 'Exclusive', 'Never run at the same time as other jobs of the run'),
          { id: 'fl-retry', element, component: RetryEntry },
        ] });
      }
      if (is('bpmn:Process')) {
        added.push({ id: 'pveflow-process', label: 'Runs', component: Group, entries: [
          { id: 'pf-group', element, attr: 'group', label: 'Concurrency group', description: 'e.g. vm:${vmid}: runs of one group wait for each other', component: ConcurrencyEntry },
          { id: 'pf-limit', element, attr: 'limit', label: 'Concurrency limit', description: 'Runs of the group at a time (default 1)', component: ConcurrencyEntry },
          { id: 'pf-when-full', element, component: WhenFullEntry },
          { id: 'pf-sod', element, component: SeparationEntry },
        ] });
        added.push({ id: 'pveflow-inputs', label: 'Start inputs', component: Group, entries: [
          { id: 'pf-inputs', element, component: StartInputsEntry },
        ] });
      }
      // PVE and Flowable groups right after "General".
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general >= 0 ? general + 1 : 0, 0, ...added);
      return groups;
    };
  }
}
