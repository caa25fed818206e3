// Builds the bpmn-js modeler and viewers PVEFlow uses, and the XML of a new diagram.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './modeler.css';
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import minimapModule from 'diagram-js-minimap';
import { BpmnModdle } from 'bpmn-moddle';
import type { ActivityDescriptor } from './catalog';
import { lintConfig } from './lint/config';
import { moddleExtensions } from './moddle';
import { PveModelingModule, PveViewingModule } from './pve';
import { PvePropertiesModule } from './pve/properties-module';

export function createModeler(container: HTMLElement, propertiesParent: HTMLElement,
                              activities: ActivityDescriptor[], cluster: string | null): any {
  return new Modeler({
    container,
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, PvePropertiesModule,
      PveModelingModule, lintModule, minimapModule],
    // The PVE step's inputs are what one edits most: open by default.
    propertiesPanel: { parent: propertiesParent, layout: { groups: { pve: { open: true }, general: { open: false } } } },
    linting: { bpmnlint: lintConfig, active: true },
    pveCatalog: { activities, cluster },
    moddleExtensions,
  });
}

export function createViewer(container: HTMLElement, activities: ActivityDescriptor[]): any {
  return new NavigatedViewer({
    container,
    additionalModules: [PveViewingModule],
    pveCatalog: { activities, cluster: null },
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

/** Lays out diagrams that come without diagram interchange (like the shipped library) so they can be shown. */
export async function ensureLayout(xml: string): Promise<string> {
  if (/<(\w+:)?BPMNShape\b/.test(xml)) return xml;
  const { layoutProcess } = await import('bpmn-auto-layout');
  // The layouter walks <incoming>/<outgoing>, which hand-written files (the library) leave out: derive them
  // from the sequence flows first.
  const moddle = new BpmnModdle(moddleExtensions as any);
  const { rootElement } = await moddle.fromXML(xml);
  const link = (container: any) => {
    for (const e of container.flowElements || []) {
      if (e.$type === 'bpmn:SequenceFlow' && e.sourceRef && e.targetRef) {
        const out = e.sourceRef.get('outgoing');
        if (!out.includes(e)) out.push(e);
        const inc = e.targetRef.get('incoming');
        if (!inc.includes(e)) inc.push(e);
      }
      if (e.flowElements) link(e);
    }
  };
  for (const root of rootElement.rootElements || []) if (root.$type === 'bpmn:Process') link(root);
  const { xml: linked } = await moddle.toXML(rootElement);
  return layoutProcess(linked);
}
