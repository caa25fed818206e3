// Compares two BPMN documents element by element (by id): added, removed, changed (business attributes,
// Flowable attributes, fields and other extension elements, not the layout).

export interface DiffResult {
  added: string[];
  removed: string[];
  changed: Record<string, string[]>; // element id -> what changed
}

const SKIP = new Set(['$parent', 'di', 'incoming', 'outgoing', 'flowElements', 'artifacts', 'laneSets', 'lanes',
  'rootElements', 'diagrams', 'participants', 'messageFlows']);

function normalize(value: any, depth = 0): any {
  if (value === null || value === undefined) return value;
  if (depth > 8) return '…';
  if (Array.isArray(value)) return value.map((v) => normalize(v, depth + 1));
  if (typeof value !== 'object') return value;
  const out: Record<string, any> = {};
  if (!value.$descriptor) {
    for (const k of Object.keys(value).sort()) out[k] = normalize(value[k], depth + 1);
    return out;
  }
  out.$type = value.$type;
  const attrs = value.$attrs || {};
  if (Object.keys(attrs).length) out.$attrs = { ...attrs };
  // Moddle keeps references (sourceRef, attachedToRef, default...) as non-enumerable: walk the descriptor.
  for (const d of value.$descriptor.properties) {
    const name = d.name.replace(/^bpmn:/, '');
    if (SKIP.has(name)) continue;
    const v = value.get(d.name);
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    if (d.isReference) out[name] = Array.isArray(v) ? v.map((r: any) => `#${r?.id}`) : `#${v?.id}`;
    else out[name] = normalize(v, depth + 1);
  }
  return out;
}

/** All flow elements (recursively), participants and the processes themselves, by id. */
export function elementsById(definitions: any): Map<string, any> {
  const map = new Map<string, any>();
  const visit = (e: any) => {
    if (!e || !e.id) return;
    map.set(e.id, e);
    for (const child of e.flowElements || []) visit(child);
    for (const child of e.artifacts || []) visit(child);
  };
  for (const root of definitions.rootElements || []) {
    if (root.$type === 'bpmn:Process') visit(root);
    if (root.$type === 'bpmn:Collaboration') {
      for (const p of root.participants || []) visit(p);
      for (const f of root.messageFlows || []) visit(f);
    }
  }
  return map;
}

function describe(a: any, b: any): string[] {
  const na = normalize(a);
  const nb = normalize(b);
  const keys = new Set([...Object.keys(na), ...Object.keys(nb)]);
  const changes: string[] = [];
  for (const k of [...keys].sort()) {
    if (JSON.stringify(na[k]) !== JSON.stringify(nb[k])) changes.push(k === 'extensionElements' ? 'fields/extensions' : k.replace(/^\$attrs$/, 'attributes'));
  }
  return changes;
}

export function diffDefinitions(a: any, b: any): DiffResult {
  const left = elementsById(a);
  const right = elementsById(b);
  const result: DiffResult = { added: [], removed: [], changed: {} };
  for (const [id, element] of right) {
    const before = left.get(id);
    if (!before) result.added.push(id);
    else {
      const changes = describe(before, element);
      if (changes.length) result.changed[id] = changes;
    }
  }
  for (const id of left.keys()) if (!right.has(id)) result.removed.push(id);
  return result;
}
