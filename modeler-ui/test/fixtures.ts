import { BpmnModdle } from 'bpmn-moddle';
import { moddleExtensions } from '../src/modeler/moddle';
import type { ActivityDescriptor } from '../src/modeler/catalog';

export function moddle() {
  return new BpmnModdle(moddleExtensions as any);
}

export const snapshotCreate: ActivityDescriptor = {
  id: 'pveSnapshotCreate', label: 'Create snapshot', group: 'Snapshots', icon: 'snapshot', waits: true,
  resultVariable: 'upid',
  fields: [
    { name: 'vmid', label: 'Guest', type: 'INTEGER', required: true, picker: 'guests' },
    { name: 'node', label: 'Node', type: 'STRING', required: false, picker: 'nodes' },
    { name: 'snapname', label: 'Snapshot name', type: 'STRING', required: true, pattern: '[a-zA-Z][a-zA-Z0-9_\\-]{1,39}' },
    { name: 'vmstate', label: 'Include RAM', type: 'BOOLEAN', required: false },
    { name: 'mode', label: 'Mode', type: 'ENUM', required: false, values: ['snapshot', 'stop'] },
    { name: 'resultVariable', label: 'Result variable', type: 'STRING', required: false, defaultValue: 'upid' },
    { name: 'wait', label: 'Wait for the task', type: 'BOOLEAN', required: false, defaultValue: 'true' },
    { name: 'timeout', label: 'Timeout', type: 'DURATION', required: false, defaultValue: 'PT30M' },
  ],
};

export const getGuests: ActivityDescriptor = {
  id: 'pveGetGuests', label: 'Get guests', group: 'Guest inventory', waits: false,
  fields: [{ name: 'tags', label: 'Tags', type: 'STRING', required: false }],
};

/** A process with the given inner XML, wrapped in definitions with both namespaces. */
export function definitions(inner: string, processAttrs = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
  xmlns:pveflow="http://pveflow.io/schema/bpmn" id="defs" targetNamespace="http://pveflow.io/test">
  <bpmn:process id="p" isExecutable="true" ${processAttrs}>${inner}</bpmn:process>
</bpmn:definitions>`;
}
