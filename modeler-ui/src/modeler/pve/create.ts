// Creating PVE steps: the shape for a catalogue entry, the searchable entries of bpmn-js' create and append
// popup menus ("..." in the palette, the append action of the context pad), and the HTML activity panel.
import { createField, newTaskAttrs, type ActivityDescriptor } from '../catalog';
import type { PveCatalog } from './catalog-service';
import { iconDataUrl } from './icons';

/** A new service-task shape for an activity, with its delegate expression, triggerable flag and default fields. */
export function createPveShape(injector: any, activity: ActivityDescriptor): any {
  const bpmnFactory = injector.get('bpmnFactory');
  const elementFactory = injector.get('elementFactory');
  const { attrs, fields } = newTaskAttrs(activity);
  const bo = bpmnFactory.create('bpmn:ServiceTask', { name: attrs.name });
  bo.set('flowable:delegateExpression', attrs['flowable:delegateExpression']);
  if (attrs['flowable:triggerable']) bo.set('flowable:triggerable', true);
  const factory = (type: string, a?: Record<string, unknown>) => bpmnFactory.create(type, a);
  const values = Object.entries(fields).map(([n, v]) => createField(factory, n, v));
  if (values.length) {
    const ext = bpmnFactory.create('bpmn:ExtensionElements', { values });
    values.forEach((v: any) => (v.$parent = ext));
    ext.$parent = bo;
    bo.set('extensionElements', ext);
  }
  return elementFactory.createShape({ type: 'bpmn:ServiceTask', businessObject: bo });
}

/** Searchable popup menus: "pve-create" (from the palette) and "pve-append" (from a shape's context pad). */
export class PvePopupProvider {
  static $inject = ['popupMenu', 'injector', 'pveCatalog', 'create', 'autoPlace'];

  constructor(popupMenu: any, private injector: any, private catalog: PveCatalog, private create: any, private autoPlace: any) {
    popupMenu.registerProvider('pve-create', { getPopupMenuEntries: () => this.entries(null) });
    popupMenu.registerProvider('pve-append', { getPopupMenuEntries: (element: any) => this.entries(element) });
  }

  private entries(appendTo: any): Record<string, any> {
    const entries: Record<string, any> = {};
    for (const a of this.catalog.activities) {
      entries[`pve-${a.id}`] = {
        label: a.label,
        imageUrl: iconDataUrl(a.icon),
        group: { id: `pve-${a.group}`, name: a.group },
        description: a.description,
        search: `${a.group} ${a.id} proxmox pve`,
        action: appendTo
          ? () => this.autoPlace.append(appendTo, createPveShape(this.injector, a))
          : (event: Event) => this.create.start(event, createPveShape(this.injector, a)),
      };
    }
    return entries;
  }
}

/** The palette's PVE group and the context pad's "append PVE step": both open the searchable menus. */
export class PveEntries {
  static $inject = ['palette', 'contextPad', 'popupMenu', 'canvas', 'pveCatalog'];

  constructor(palette: any, contextPad: any, private popupMenu: any, private canvas: any, private catalog: PveCatalog) {
    palette.registerProvider(this);
    contextPad.registerProvider(this);
  }

  getPaletteEntries(): Record<string, any> {
    if (!this.catalog.activities.length) return {};
    const open = (event: MouseEvent) => {
      const rect = (event.target as HTMLElement).getBoundingClientRect();
      this.popupMenu.open(this.canvas.getRootElement(), 'pve-create', { x: rect.right + 8, y: rect.top },
        { title: 'Create PVE step', width: 320, search: true });
    };
    return {
      'pve-create': {
        group: 'pve',
        className: 'pve-palette-entry',
        title: 'Create a Proxmox VE step (search the catalogue)',
        action: { click: open, dragstart: open },
      },
    };
  }

  getContextPadEntries(element: any): Record<string, any> {
    const bo = element.businessObject;
    if (!bo || !bo.$instanceOf?.('bpmn:FlowNode') || bo.$instanceOf('bpmn:EndEvent') || element.type === 'label') return {};
    if (!this.catalog.activities.length) return {};
    return {
      'append.pve-step': {
        group: 'model',
        className: 'pve-context-entry',
        title: 'Append a Proxmox VE step',
        action: {
          click: (event: MouseEvent) => {
            const pad = (event.target as HTMLElement).getBoundingClientRect();
            this.popupMenu.open(element, 'pve-append', { x: pad.left, y: pad.bottom + 4 },
              { title: 'Append PVE step', width: 320, search: true });
          },
        },
      },
    };
  }
}
