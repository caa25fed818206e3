import { describe, expect, it, beforeAll } from 'vitest';
import { Linter } from 'bpmnlint';
import { catalogOf } from '../src/modeler/catalog';
import { setLintCatalog } from '../src/modeler/lint/catalog-ref';
import { resolver } from '../src/modeler/lint/config';
import { definitions, getGuests, moddle, snapshotCreate } from './fixtures';

async function lint(rule: string, inner: string) {
  const { rootElement } = await moddle().fromXML(definitions(inner));
  const linter = new Linter({ config: { rules: { [`pveflow/${rule}`]: 'error' } }, resolver });
  const reports = await linter.lint(rootElement);
  return (reports[`pveflow/${rule}`] || []).map((r: any) => `${r.id}: ${r.message}`);
}

const snap = (id: string, fields: string, attrs = 'flowable:triggerable="true"') =>
  `<bpmn:serviceTask id="${id}" flowable:delegateExpression="\${pveSnapshotCreate}" ${attrs}>
     <bpmn:extensionElements>${fields}</bpmn:extensionElements></bpmn:serviceTask>`;
const field = (name: string, value: string) => `<flowable:field name="${name}"><flowable:string>${value}</flowable:string></flowable:field>`;
const expr = (name: string, value: string) => `<flowable:field name="${name}"><flowable:expression>${value}</flowable:expression></flowable:field>`;

beforeAll(() => setLintCatalog(catalogOf([snapshotCreate, getGuests])));

describe('pveflow/required-fields', () => {
  it('reports missing required fields, bad literals, unknown fields and a waiting step that is not triggerable', async () => {
    expect(await lint('required-fields', snap('a', field('vmid', '100') + field('snapname', 'nightly')))).toEqual([]);
    expect(await lint('required-fields', snap('b', field('vmid', '100')))).toEqual(['b: Snapshot name is required']);
    expect(await lint('required-fields', snap('c', field('vmid', 'x') + field('snapname', 'ok1') + field('color', 'red'))))
      .toEqual(["c: Guest: 'x' is not a whole number", "c: Create snapshot has no field 'color'"]);
    expect(await lint('required-fields', snap('d', expr('vmid', '${vmid}') + field('snapname', 'n1'), '')))
      .toEqual(['d: Create snapshot waits for a Proxmox task and must be triggerable']);
    expect(await lint('required-fields', snap('e', expr('vmid', '${vmid}') + field('snapname', 'n1') + field('wait', 'false'), '')))
      .toEqual([]);
  });
});

describe('pveflow/unknown-activity', () => {
  it('reports delegate expressions that name no catalogue activity', async () => {
    expect(await lint('unknown-activity', snap('a', ''))).toEqual([]);
    expect(await lint('unknown-activity', '<bpmn:serviceTask id="x" flowable:delegateExpression="${pveTeleport}"/>'))
      .toEqual(["x: Unknown PVE activity 'pveTeleport'"]);
    expect(await lint('unknown-activity', '<bpmn:serviceTask id="y" flowable:delegateExpression="${mailer}"/>'))
      .toEqual(["y: 'mailer' is not an activity of the catalogue"]);
  });
});

describe('pveflow/unreachable', () => {
  it('reports nodes no path from a start reaches, following boundary events', async () => {
    const inner = `
      <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
      <bpmn:task id="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
      <bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="e2"/><bpmn:endEvent id="e2"/>
      <bpmn:task id="dead"/><bpmn:sequenceFlow id="f4" sourceRef="dead" targetRef="deadEnd"/><bpmn:endEvent id="deadEnd"/>`;
    expect(await lint('unreachable', inner)).toEqual([
      'dead: Unreachable: no path from a start event leads here',
      'deadEnd: Unreachable: no path from a start event leads here',
    ]);
  });
});

describe('pveflow/error-boundary', () => {
  it('warns about PVE steps whose failure nothing catches', async () => {
    expect(await lint('error-boundary', snap('a', ''))).toEqual([
      'a: PVE step without an error boundary: a Proxmox failure ends the run as an incident']);
    expect(await lint('error-boundary', snap('a', '')
      + '<bpmn:boundaryEvent id="b" attachedToRef="a"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>')).toEqual([]);
    expect(await lint('error-boundary', `<bpmn:subProcess id="sub">${snap('a', '')}</bpmn:subProcess>
      <bpmn:boundaryEvent id="b" attachedToRef="sub"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>`)).toEqual([]);
    expect(await lint('error-boundary', '<bpmn:serviceTask id="x" flowable:delegateExpression="${other}"/>')).toEqual([]);
  });
});
