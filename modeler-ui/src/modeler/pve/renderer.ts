// Draws PVE steps as tasks with the activity's icon and an accent stripe instead of the service-task gear.
import BaseRenderer from 'diagram-js/lib/draw/BaseRenderer';
import { append as svgAppend, attr as svgAttr, create as svgCreate } from 'tiny-svg';
import { activityIdOf } from '../catalog';
import type { PveCatalog } from './catalog-service';
import { iconPath as iconD } from './icons';

const PRIORITY = 1500;

export default class PveRenderer extends BaseRenderer {
  static $inject = ['eventBus', 'bpmnRenderer', 'pveCatalog'];
  private readonly bpmnRenderer: any;
  private readonly catalog: PveCatalog;

  constructor(eventBus: any, bpmnRenderer: any, pveCatalog: PveCatalog) {
    super(eventBus, PRIORITY);
    this.bpmnRenderer = bpmnRenderer;
    this.catalog = pveCatalog;
  }

  canRender(element: any): boolean {
    return !element.labelTarget && !!this.catalog.get(activityIdOf(element.businessObject));
  }

  drawShape(parentNode: SVGElement, element: any): SVGElement {
    const activity = this.catalog.get(activityIdOf(element.businessObject))!;
    // The plain task handler: rounded box and label, no gear.
    const shape = this.bpmnRenderer.handlers['bpmn:Task'](parentNode, element);
    const stripe = svgCreate('rect', { x: 0, y: 0, width: 5, height: element.height, rx: 2, class: 'pve-stripe' });
    svgAttr(stripe, { fill: '#e57000', stroke: 'none' });
    svgAppend(parentNode, stripe);
    const icon = svgCreate('path', { d: iconD(activity.icon), transform: 'translate(10 7)', class: 'pve-task-icon' });
    svgAttr(icon, { fill: 'none', stroke: '#e57000', 'stroke-width': 1.4, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' });
    svgAppend(parentNode, icon);
    if (activity.waits) {
      const clock = svgCreate('path', { d: 'M5 0.5a4.5 4.5 0 1 0 0.01 0z M5 2.5v2.5l1.8 1', transform: `translate(${element.width - 16} 6)` });
      svgAttr(clock, { fill: 'none', stroke: 'currentColor', 'stroke-width': 1, opacity: 0.6 });
      const title = svgCreate('title');
      title.textContent = 'Waits for the Proxmox task';
      svgAppend(clock, title);
      svgAppend(parentNode, clock);
    }
    return shape;
  }

  getShapePath(shape: any): string {
    return this.bpmnRenderer.getShapePath(shape);
  }
}
