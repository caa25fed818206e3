import { describe, expect, it } from 'vitest';
import { activityIdOf, createTaskBusinessObject, literalProblem, readField, storageOf, withField } from '../src/modeler/catalog';
import { moddle, snapshotCreate } from './fixtures';

function factoryOf(m: any) {
  return (type: string, attrs?: Record<string, unknown>) => m.create(type, attrs);
}

async function exportTask(values: Record<string, string>) {
  const m = moddle();
  const f = factoryOf(m);
  const task = createTaskBusinessObject(f, snapshotCreate, 'snap', values);
  const process = m.create('bpmn:Process', { id: 'p', isExecutable: true, flowElements: [task] });
  const defs = m.create('bpmn:Definitions', { id: 'd', targetNamespace: 'http://x', rootElements: [process] });
  return { task, xml: (await m.toXML(defs)).xml as string };
}

describe('catalogue entry to BPMN', () => {
  it('writes the delegate expression, triggerable for waiting activities and the default result variable', async () => {
    const { xml, task } = await exportTask({});
    expect(xml).toContain('flowable:delegateExpression="${pveSnapshotCreate}"');
    expect(xml).toContain('flowable:triggerable="true"');
    expect(xml).toContain('<flowable:field name="resultVariable"><flowable:string>upid</flowable:string></flowable:field>');
    expect(activityIdOf(task)).toBe('pveSnapshotCreate');
  });

  it('writes literals as flowable:string, ${...} as flowable:expression and js{...} as a string', async () => {
    const { xml } = await exportTask({ vmid: '${vmid}', snapname: 'nightly', timeout: 'js{vars.t}' });
    expect(xml).toContain('<flowable:field name="vmid"><flowable:expression>${vmid}</flowable:expression></flowable:field>');
    expect(xml).toContain('<flowable:field name="snapname"><flowable:string>nightly</flowable:string></flowable:field>');
    expect(xml).toContain('<flowable:field name="timeout"><flowable:string>js{vars.t}</flowable:string></flowable:field>');
    expect(storageOf('#{a}')).toBe('expression');
  });

  it('replaces, adds and removes one field, keeping the others in order', async () => {
    const m = moddle();
    const f = factoryOf(m);
    const task = createTaskBusinessObject(f, snapshotCreate, 's', { vmid: '100', snapname: 'a' });
    let values = task.extensionElements.values;
    values = withField(f, values, 'vmid', '${guest.vmid}');
    values = withField(f, values, 'node', 'pve2');
    values = withField(f, values, 'snapname', null);
    task.extensionElements.set('values', values);
    expect(values.map((v: any) => v.name)).toEqual(['resultVariable', 'vmid', 'node']);
    expect(readField(task, 'vmid')).toEqual({ mode: 'expression', value: '${guest.vmid}' });
    expect(readField(task, 'node')).toEqual({ mode: 'literal', value: 'pve2' });
    expect(readField(task, 'snapname')).toBeNull();
  });

  it('checks literals like the server does and leaves expressions to run time', () => {
    const [vmid, , snapname, vmstate, mode, , , timeout] = snapshotCreate.fields;
    expect(literalProblem(vmid, 'abc')).toMatch(/whole number/);
    expect(literalProblem(vmid, '${x}')).toBeNull();
    expect(literalProblem(vmid, '')).toMatch(/required/);
    expect(literalProblem(snapname, '1bad')).toMatch(/does not match/);
    expect(literalProblem(vmstate, 'maybe')).toMatch(/true or false/);
    expect(literalProblem(mode, 'suspend')).toMatch(/not one of snapshot, stop/);
    expect(literalProblem(timeout, '10 minutes')).toMatch(/ISO-8601/);
    expect(literalProblem(timeout, 'PT10M')).toBeNull();
    expect(literalProblem(timeout, 'P1DT2H')).toBeNull();
  });
});
