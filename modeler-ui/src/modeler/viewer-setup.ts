// The read-only viewer (versions, library, compare) and helpers shared with the modeler. Kept apart from
// setup.ts so that viewing a diagram does not load the properties panel, lint and modeling.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import './modeler.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { BpmnModdle } from 'bpmn-moddle';
import type { ActivityDescriptor } from './catalog';
import { moddleExtensions } from './moddle';
import { PveViewingModule } from './pve';

export function createViewer(container: HTMLElement, activities: ActivityDescriptor[]): any {
  return new NavigatedViewer({
    container,
    additionalModules: [PveViewingModule],
    pveCatalog: { activities, cluster: null },
    moddleExtensions,
  });
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
