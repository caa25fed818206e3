// Builds the bpmn-js modeler and viewers PVEFlow uses, and the XML of a new diagram.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './modeler.css';
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import minimapModule from 'diagram-js-minimap';
import type { ActivityDescriptor } from './catalog';
import { lintConfig } from './lint/config';
import { moddleExtensions } from './moddle';
import { PveModelingModule } from './pve';
import { PvePropertiesModule } from './pve/properties-module';
// approvals and task forms (src/forms/): the Approval palette entry, the Form and Approval property groups
import { FormsModelingModule, FormsPropertiesModule, type DraftConfig } from '../forms/modeler-module';

export function createModeler(container: HTMLElement, propertiesParent: HTMLElement,
                              activities: ActivityDescriptor[], cluster: string | null, draft: DraftConfig | null = null): any {
  return new Modeler({
    container,
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, PvePropertiesModule,
      PveModelingModule, lintModule, minimapModule, FormsModelingModule, FormsPropertiesModule],
    // The PVE step's inputs are what one edits most: open by default.
    propertiesPanel: { parent: propertiesParent, layout: { groups: { pve: { open: true }, general: { open: false },
      'pveflow-form': { open: true }, 'pveflow-approval': { open: true } } } },
    linting: { bpmnlint: lintConfig, active: true },
    pveCatalog: { activities, cluster },
    pveDraft: draft,
    moddleExtensions,
  });
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }[c]!));
}

/** An executable process with one start event, the way new diagrams begin. */
export function newDiagramXml(key: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:flowable="http://flowable.org/bpmn" xmlns:pveflow="http://pveflow.io/schema/bpmn" id="Definitions_${escapeXml(key)}" targetNamespace="http://pveflow.io/processes">
  <bpmn:process id="${escapeXml(key)}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:startEvent id="start" name="Start" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${escapeXml(key)}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

export { ensureLayout } from './viewer-setup';
