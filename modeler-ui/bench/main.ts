// The modeler exactly as the editor builds it (PVE renderer, properties panel, lint, minimap), exposed to the
// benchmark driver: open a diagram, answer how long importXML and the first frame took.
import { createModeler } from '../src/modeler/setup';
import { setLintCatalog } from '../src/modeler/lint/catalog-ref';
import { catalogOf, type ActivityDescriptor } from '../src/modeler/catalog';

const activities: ActivityDescriptor[] = [
  { id: 'pveSnapshotCreate', label: 'Create snapshot', group: 'Snapshots', icon: 'snapshot', waits: true,
    fields: [{ name: 'vmid', label: 'Guest', type: 'INTEGER', required: true }, { name: 'snapname', label: 'Name', type: 'STRING', required: true }] },
  { id: 'pveGetGuests', label: 'Get guests', group: 'Guest inventory', icon: 'list', waits: false, fields: [] },
];
setLintCatalog(catalogOf(activities));

let modeler: any = null;

(window as any).openDiagram = async (xml: string) => {
  modeler?.destroy();
  modeler = createModeler(document.getElementById('canvas')!, document.getElementById('properties')!, activities, null);
  const linted = new Promise<number>((resolve) => modeler.get('eventBus').once('linting.completed', () => resolve(performance.now())));
  const t0 = performance.now();
  await modeler.importXML(xml);
  modeler.get('canvas').zoom('fit-viewport');
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const rendered = performance.now();
  const lintDone = await Promise.race([linted, new Promise<number>((r) => setTimeout(() => r(NaN), 10000))]);
  return { importAndRenderMs: rendered - t0, lintMs: lintDone - t0, elements: modeler.get('elementRegistry').getAll().length };
};
(window as any).benchReady = true;
