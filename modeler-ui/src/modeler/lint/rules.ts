// PVEFlow's own bpmnlint rules. Each is a factory returning { check(node, reporter) }, as bpmnlint expects.
import { activityIdOf, fieldElements, literalProblem, readField, type ModdleLike } from '../catalog';
import { lintCatalog } from './catalog-ref';

type Reporter = { report(id: string, message: string, path?: unknown): void };
type Rule = { check(node: ModdleLike, reporter: Reporter): void };

const looksLikeActivity = (id: string) => /^pve[A-Z]/.test(id);

/** Required catalogue fields present and literal values valid (type, enumeration, pattern), unknown fields. */
export function requiredFields(): Rule {
  return {
    check(node, reporter) {
      const id = activityIdOf(node);
      const activity = id ? lintCatalog().get(id) : undefined;
      if (!activity) return;
      for (const spec of activity.fields) {
        const value = readField(node, spec.name);
        if (!value || value.value.trim() === '') {
          if (spec.required && spec.defaultValue == null) reporter.report(node.id, `${spec.label} is required`);
          continue;
        }
        if (value.mode === 'literal') {
          const problem = literalProblem(spec, value.value);
          if (problem) reporter.report(node.id, `${spec.label}: ${problem}`);
        }
      }
      for (const f of fieldElements(node)) {
        if (!activity.fields.some((s) => s.name === f.get('name'))) {
          reporter.report(node.id, `${activity.label} has no field '${f.get('name')}'`);
        }
      }
      if (activity.waits && node.get('flowable:triggerable') !== true) {
        const wait = readField(node, 'wait');
        if (!(wait && wait.mode === 'literal' && wait.value.trim().toLowerCase() === 'false')) {
          reporter.report(node.id, `${activity.label} waits for a Proxmox task and must be triggerable`);
        }
      }
    },
  };
}

/** A delegate expression naming a bean that is not a catalogue activity. */
export function unknownActivity(): Rule {
  return {
    check(node, reporter) {
      const id = activityIdOf(node);
      const catalog = lintCatalog();
      if (id && catalog.size > 0 && !catalog.has(id)) {
        reporter.report(node.id, looksLikeActivity(id)
          ? `Unknown PVE activity '${id}'` : `'${id}' is not an activity of the catalogue`);
      }
    },
  };
}

function isA(node: ModdleLike, type: string): boolean {
  return typeof node.$instanceOf === 'function' ? node.$instanceOf(type) : node.$type === type;
}

/** Flow nodes that no path from a start event (or an event sub-process' start) reaches. */
export function unreachable(): Rule {
  return {
    check(node, reporter) {
      if (!(isA(node, 'bpmn:Process') || isA(node, 'bpmn:SubProcess'))) return;
      if (isA(node, 'bpmn:SubProcess') && node.triggeredByEvent) return; // checked with its own start
      const elements: ModdleLike[] = node.flowElements || [];
      const flowNodes = elements.filter((e) => isA(e, 'bpmn:FlowNode'));
      const starts = flowNodes.filter((e) => isA(e, 'bpmn:StartEvent')
        || (isA(e, 'bpmn:SubProcess') && e.triggeredByEvent));
      if (starts.length === 0) return; // start-event-required says so
      // From the sequence flows themselves: foreign files often carry no <incoming>/<outgoing>.
      const next = new Map<ModdleLike, ModdleLike[]>();
      for (const flow of elements.filter((e) => isA(e, 'bpmn:SequenceFlow'))) {
        if (!flow.sourceRef || !flow.targetRef) continue;
        next.set(flow.sourceRef, [...(next.get(flow.sourceRef) || []), flow.targetRef]);
      }
      const reached = new Set<ModdleLike>();
      const queue = [...starts];
      while (queue.length) {
        const current = queue.shift()!;
        if (reached.has(current)) continue;
        reached.add(current);
        queue.push(...(next.get(current) || []));
        for (const b of flowNodes) if (isA(b, 'bpmn:BoundaryEvent') && b.attachedToRef === current) queue.push(b);
      }
      for (const e of flowNodes) {
        if (!reached.has(e) && !(isA(e, 'bpmn:SubProcess') && e.triggeredByEvent)) {
          // A node with no connection at all is no-disconnected's; report the ones wired into a dead branch.
          reporter.report(e.id, 'Unreachable: no path from a start event leads here');
        }
      }
    },
  };
}

/** A PVE step whose failure nothing catches: no error boundary on it or on an enclosing sub-process. */
export function errorBoundary(): Rule {
  return {
    check(node, reporter) {
      const id = activityIdOf(node);
      if (!id || !lintCatalog().has(id)) return;
      for (let scope: ModdleLike | undefined = node; scope; scope = scope.$parent) {
        const container = scope.$parent;
        const siblings: ModdleLike[] = container?.flowElements || [];
        if (siblings.some((s) => isA(s, 'bpmn:BoundaryEvent') && s.attachedToRef === scope
          && (s.eventDefinitions || []).some((d: ModdleLike) => isA(d, 'bpmn:ErrorEventDefinition')))) {
          return;
        }
        if (container && isA(container, 'bpmn:SubProcess') && container.triggeredByEvent) return;
        const eventSubs = siblings.filter((s) => isA(s, 'bpmn:SubProcess') && s.triggeredByEvent
          && (s.flowElements || []).some((st: ModdleLike) => isA(st, 'bpmn:StartEvent')
            && (st.eventDefinitions || []).some((d: ModdleLike) => isA(d, 'bpmn:ErrorEventDefinition'))));
        if (eventSubs.length) return;
      }
      reporter.report(node.id, 'PVE step without an error boundary: a Proxmox failure ends the run as an incident');
    },
  };
}
