import { describe, expect, it } from 'vitest';
import { definitions, moddle } from './fixtures';

const FULL = definitions(`
  <bpmn:extensionElements>
    <pveflow:concurrency group="vm:\${vmid}" limit="1" whenFull="queue"/>
    <pveflow:input name="vmid" label="Guest" type="number" required="true" default="100" help="The guest"/>
    <pveflow:separationOfDuties/>
    <flowable:executionListener event="end" delegateExpression="\${auditListener}"/>
  </bpmn:extensionElements>
  <bpmn:startEvent id="start" flowable:initiator="starter" flowable:formKey="startForm">
    <bpmn:extensionElements>
      <flowable:formProperty id="note" name="Note" type="string" required="true" default="x"/>
    </bpmn:extensionElements>
  </bpmn:startEvent>
  <bpmn:serviceTask id="snap" name="Snapshot" flowable:delegateExpression="\${pveSnapshotCreate}" flowable:triggerable="true"
      flowable:async="true" flowable:exclusive="false" flowable:resultVariable="res">
    <bpmn:extensionElements>
      <flowable:field name="vmid"><flowable:expression>\${vmid}</flowable:expression></flowable:field>
      <flowable:field name="snapname"><flowable:string>before-change</flowable:string></flowable:field>
      <flowable:field name="node" stringValue="pve1"/>
      <flowable:failedJobRetryTimeCycle>R3/PT5M</flowable:failedJobRetryTimeCycle>
    </bpmn:extensionElements>
  </bpmn:serviceTask>
  <bpmn:serviceTask id="cls" flowable:class="org.example.Foo" flowable:expression="\${x.y()}"/>
  <bpmn:userTask id="approve" flowable:assignee="alice" flowable:candidateGroups="ops" flowable:candidateUsers="bob,carol"
      flowable:formKey="approveForm" flowable:dueDate="PT1H" flowable:priority="60"/>
  <bpmn:scriptTask id="script" scriptFormat="javascript" flowable:resultVariable="sum"><bpmn:script>1+1</bpmn:script></bpmn:scriptTask>
  <bpmn:boundaryEvent id="err" attachedToRef="snap"><bpmn:errorEventDefinition flowable:errorVariableName="e"/></bpmn:boundaryEvent>
`);

describe('moddle round trip', () => {
  it('keeps every Flowable and pveflow attribute and element through import and export', async () => {
    const m = moddle();
    const { rootElement, warnings } = await m.fromXML(FULL);
    expect(warnings).toEqual([]);
    const { xml } = await m.toXML(rootElement, { format: true });
    for (const expected of [
      'isExecutable="true"',
      '<pveflow:concurrency group="vm:${vmid}" limit="1" whenFull="queue" />',
      '<pveflow:input name="vmid" label="Guest" type="number" required="true" default="100" help="The guest" />',
      '<pveflow:separationOfDuties />',
      '<flowable:executionListener event="end" delegateExpression="${auditListener}" />',
      'flowable:initiator="starter"', 'flowable:formKey="startForm"',
      '<flowable:formProperty id="note" name="Note" type="string" required="true" default="x" />',
      'flowable:delegateExpression="${pveSnapshotCreate}"', 'flowable:triggerable="true"',
      'flowable:async="true"', 'flowable:exclusive="false"', 'flowable:resultVariable="res"',
      '<flowable:expression>${vmid}</flowable:expression>',
      '<flowable:string>before-change</flowable:string>',
      '<flowable:field name="node" stringValue="pve1" />',
      '<flowable:failedJobRetryTimeCycle>R3/PT5M</flowable:failedJobRetryTimeCycle>',
      'flowable:class="org.example.Foo"', 'flowable:expression="${x.y()}"',
      'flowable:assignee="alice"', 'flowable:candidateGroups="ops"', 'flowable:candidateUsers="bob,carol"',
      'flowable:formKey="approveForm"', 'flowable:dueDate="PT1H"', 'flowable:priority="60"',
      'flowable:resultVariable="sum"', 'flowable:errorVariableName="e"',
    ]) {
      expect(xml).toContain(expected);
    }
  });

  it('reads typed values: booleans are booleans, fields are flowable:Field elements', async () => {
    const { rootElement, elementsById } = await moddle().fromXML(FULL);
    expect(rootElement.$type).toBe('bpmn:Definitions');
    const snap = elementsById.snap;
    expect(snap.get('flowable:triggerable')).toBe(true);
    expect(snap.get('flowable:exclusive')).toBe(false);
    const fields = snap.extensionElements.values.filter((v: any) => v.$type === 'flowable:Field');
    expect(fields.map((f: any) => f.name)).toEqual(['vmid', 'snapname', 'node']);
    expect(fields[0].expression).toBe('${vmid}');
    expect(fields[1].string).toBe('before-change');
  });
});
