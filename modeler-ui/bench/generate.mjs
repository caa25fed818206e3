// A process of `count` flow elements: rows of PVE service tasks (half of them waiting steps), joined by
// sequence flows, with exclusive gateways every tenth step, and full diagram interchange.
export function generateDiagram(count = 300) {
  const nodes = [];
  const flows = [];
  const shapes = [];
  const edges = [];
  const perRow = 12;
  const pos = (i) => ({ x: 150 + (i % perRow) * 160, y: 100 + Math.floor(i / perRow) * 160 });
  nodes.push('<bpmn:startEvent id="n0" name="Start"/>');
  shapes.push({ id: 'n0', w: 36, h: 36, ...pos(0) });
  let i = 1;
  // each node brings one flow: nodes + flows ~= count
  const total = Math.floor(count / 2);
  for (; i < total - 1; i++) {
    if (i % 10 === 0) {
      nodes.push(`<bpmn:exclusiveGateway id="n${i}" name="Check ${i}"/>`);
      shapes.push({ id: `n${i}`, w: 50, h: 50, ...pos(i) });
    } else {
      const activity = i % 2 ? 'pveSnapshotCreate' : 'pveGetGuests';
      const fields = activity === 'pveSnapshotCreate'
        ? `<bpmn:extensionElements><flowable:field name="vmid"><flowable:string>${100 + i}</flowable:string></flowable:field><flowable:field name="snapname"><flowable:string>s${i}</flowable:string></flowable:field></bpmn:extensionElements>`
        : '';
      nodes.push(`<bpmn:serviceTask id="n${i}" name="Step ${i}" flowable:delegateExpression="\${${activity}}"${activity === 'pveSnapshotCreate' ? ' flowable:triggerable="true"' : ''}>${fields}</bpmn:serviceTask>`);
      shapes.push({ id: `n${i}`, w: 100, h: 80, ...pos(i) });
    }
  }
  nodes.push(`<bpmn:endEvent id="n${i}" name="End"/>`);
  shapes.push({ id: `n${i}`, w: 36, h: 36, ...pos(i) });
  for (let k = 0; k < i; k++) {
    flows.push(`<bpmn:sequenceFlow id="f${k}" sourceRef="n${k}" targetRef="n${k + 1}"/>`);
    const a = shapes[k];
    const b = shapes[k + 1];
    edges.push({ id: `f${k}`, from: [a.x + a.w, a.y + a.h / 2], to: [b.x, b.y + b.h / 2] });
  }
  const di = shapes.map((s) => `<bpmndi:BPMNShape id="${s.id}_di" bpmnElement="${s.id}"><dc:Bounds x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}"/></bpmndi:BPMNShape>`)
    .concat(edges.map((e) => `<bpmndi:BPMNEdge id="${e.id}_di" bpmnElement="${e.id}"><di:waypoint x="${e.from[0]}" y="${e.from[1]}"/><di:waypoint x="${e.to[0]}" y="${e.to[1]}"/></bpmndi:BPMNEdge>`));
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:flowable="http://flowable.org/bpmn" id="benchDefinitions" targetNamespace="http://pveflow.io/bench">
  <bpmn:process id="bench" name="Benchmark" isExecutable="true">${nodes.join('')}${flows.join('')}</bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="bench">${di.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
