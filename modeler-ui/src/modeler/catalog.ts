// The activity catalogue (GET /api/catalog) and how a catalogue entry maps onto BPMN: a service task with
// flowable:delegateExpression="${id}", flowable:triggerable when it waits for a Proxmox task, and one
// flowable:field per given input: literals as <flowable:string>, ${...} as <flowable:expression>. js{...} is
// kept as a string: the activity evaluates it itself (the server's deploy check treats it the same way).

export type FieldType = 'STRING' | 'INTEGER' | 'BOOLEAN' | 'ENUM' | 'DURATION' | 'LIST' | 'SIZE' | 'OBJECT';

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  values?: string[];
  pattern?: string;
  defaultValue?: string;
  help?: string;
  picker?: string;
  dependsOn?: string;
}

export interface ActivityDescriptor {
  id: string;
  label: string;
  group: string;
  icon?: string;
  description?: string;
  fields: FieldSpec[];
  resultVariable?: string;
  result?: string;
  waits: boolean;
}

export type Catalog = Map<string, ActivityDescriptor>;

export function catalogOf(list: ActivityDescriptor[]): Catalog {
  return new Map(list.map((a) => [a.id, a]));
}

/** A value as the modeler edits it: a literal, or an expression evaluated when the step runs. */
export interface FieldValue {
  mode: 'literal' | 'expression';
  value: string;
}

/** Minimal view of a moddle element, so these functions work with bpmn-js and plain bpmn-moddle alike. */
export interface ModdleLike {
  $type: string;
  $parent?: ModdleLike;
  get(name: string): any;
  set(name: string, value: unknown): void;
  [key: string]: any;
}

export type Factory = (type: string, attrs?: Record<string, unknown>) => ModdleLike;

const BEAN = /^\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$/;

/** The catalogue id of a service task (its delegate expression names a single bean), or null. */
export function activityIdOf(bo: ModdleLike | undefined | null): string | null {
  if (!bo || bo.$type !== 'bpmn:ServiceTask') return null;
  const expr = bo.get('flowable:delegateExpression');
  const match = typeof expr === 'string' ? BEAN.exec(expr.trim()) : null;
  return match ? match[1] : null;
}

export function isExpression(value: string): boolean {
  const v = value.trim();
  return (v.startsWith('${') || v.startsWith('#{') || v.startsWith('js{')) && v.endsWith('}');
}

/** How a value is stored: ${...}/#{...} in flowable:expression, anything else (literals, js{...}) in flowable:string. */
export function storageOf(value: string): 'string' | 'expression' {
  const v = value.trim();
  return (v.startsWith('${') || v.startsWith('#{')) && v.endsWith('}') ? 'expression' : 'string';
}

export function fieldElements(bo: ModdleLike): ModdleLike[] {
  const ext = bo.get('extensionElements');
  if (!ext) return [];
  return (ext.get('values') as ModdleLike[]).filter((v) => v.$type === 'flowable:Field');
}

/** Reads one flowable:field: attribute or child form, string or expression. */
export function readField(bo: ModdleLike, name: string): FieldValue | null {
  const field = fieldElements(bo).find((f) => f.get('name') === name);
  if (!field) return null;
  const expression = field.get('expression');
  if (typeof expression === 'string') return { mode: 'expression', value: expression };
  const text = field.get('string') ?? field.get('stringValue') ?? '';
  return { mode: isExpression(text) ? 'expression' : 'literal', value: text };
}

export function readFields(bo: ModdleLike): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fieldElements(bo)) {
    const v = readField(bo, f.get('name'));
    if (v) out[f.get('name')] = v.value;
  }
  return out;
}

/** One flowable:field element holding a value in the form the engine and the deploy check expect. */
export function createField(factory: Factory, name: string, value: string): ModdleLike {
  return storageOf(value) === 'expression'
    ? factory('flowable:Field', { name, expression: value.trim() })
    : factory('flowable:Field', { name, string: value });
}

/**
 * The extension element values after setting (or, with null/empty, removing) one field; other extension
 * elements and other fields keep their order.
 */
export function withField(factory: Factory, current: ModdleLike[], name: string, value: string | null): ModdleLike[] {
  const index = current.findIndex((v) => v.$type === 'flowable:Field' && v.get('name') === name);
  const next = [...current];
  if (value === null || value === '') {
    if (index >= 0) next.splice(index, 1);
    return next;
  }
  const field = createField(factory, name, value);
  if (index >= 0) next[index] = field;
  else next.push(field);
  return next;
}

/** Attributes and fields of a new service task for a catalogue entry: required fields with defaults are prefilled. */
export function newTaskAttrs(activity: ActivityDescriptor): { attrs: Record<string, unknown>; fields: Record<string, string> } {
  const attrs: Record<string, unknown> = {
    name: activity.label,
    'flowable:delegateExpression': '${' + activity.id + '}',
  };
  if (activity.waits) attrs['flowable:triggerable'] = true;
  const fields: Record<string, string> = {};
  for (const f of activity.fields) {
    if (f.name === 'resultVariable' && f.defaultValue) fields[f.name] = f.defaultValue;
  }
  return { attrs, fields };
}

/** Builds the business object of a new PVE step with plain moddle (the canvas path goes through bpmn-js' factory). */
export function createTaskBusinessObject(factory: Factory, activity: ActivityDescriptor, id: string,
                                        values: Record<string, string> = {}): ModdleLike {
  const { attrs, fields } = newTaskAttrs(activity);
  const all = { ...fields, ...values };
  const bo = factory('bpmn:ServiceTask', { id, ...attrs });
  const fieldEls = Object.entries(all).filter(([, v]) => v !== '').map(([n, v]) => createField(factory, n, v));
  if (fieldEls.length) {
    const ext = factory('bpmn:ExtensionElements', { values: fieldEls });
    bo.set('extensionElements', ext);
  }
  return bo;
}

/** Problem with a literal value against its catalogue spec, mirroring the server's deploy check. */
export function literalProblem(spec: FieldSpec, raw: string): string | null {
  const value = raw.trim();
  if (value === '') return spec.required && spec.defaultValue == null ? 'is required' : null;
  if (isExpression(value) || value.includes('${')) return null;
  switch (spec.type) {
    case 'INTEGER':
      if (!/^-?\d+$/.test(value)) return `'${value}' is not a whole number`;
      break;
    case 'BOOLEAN':
      if (!/^(true|false|1|0|yes|no|on|off)$/i.test(value)) return `'${value}' is not true or false`;
      break;
    case 'DURATION':
      if (!/^-?P(?!$)(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/i.test(value)) {
        return `'${value}' is not an ISO-8601 duration (e.g. PT10M)`;
      }
      break;
    default:
  }
  if (spec.values && !spec.values.includes(value)) return `'${value}' is not one of ${spec.values.join(', ')}`;
  if (spec.pattern && !new RegExp(`^(?:${spec.pattern})$`).test(value)) return `'${value}' does not match ${spec.pattern}`;
  return null;
}
