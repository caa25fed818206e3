import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '../src/modeler/diff';
import { definitions, moddle } from './fixtures';

const V1 = definitions(`
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/>
  <bpmn:userTask id="review" name="Review" flowable:assignee="alice"/><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"/>
  <bpmn:serviceTask id="snap" flowable:delegateExpression="\${pveSnapshotCreate}">
    <bpmn:extensionElements><flowable:field name="vmid"><flowable:string>100</flowable:string></flowable:field></bpmn:extensionElements>
  </bpmn:serviceTask>
  <bpmn:endEvent id="e"/>`);
const V2 = definitions(`
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/>
  <bpmn:serviceTask id="snap" flowable:delegateExpression="\${pveSnapshotCreate}">
    <bpmn:extensionElements><flowable:field name="vmid"><flowable:string>101</flowable:string></flowable:field></bpmn:extensionElements>
  </bpmn:serviceTask>
  <bpmn:task id="added" name="New"/>
  <bpmn:endEvent id="e" name="Done"/>`);

describe('version diff', () => {
  it('finds added, removed and changed elements, with what changed', async () => {
    const m = moddle();
    const a = (await m.fromXML(V1)).rootElement;
    const b = (await m.fromXML(V2)).rootElement;
    const diff = diffDefinitions(a, b);
    expect(diff.added).toEqual(['added']);
    expect(diff.removed.sort()).toEqual(['f2', 'review']);
    expect(diff.changed).toEqual({ f1: ['targetRef'], snap: ['fields/extensions'], e: ['name'] });
  });

  it('sees no difference between a document and itself', async () => {
    const m = moddle();
    const a = (await m.fromXML(V1)).rootElement;
    const b = (await m.fromXML(V1)).rootElement;
    expect(diffDefinitions(a, b)).toEqual({ added: [], removed: [], changed: {} });
  });
});
