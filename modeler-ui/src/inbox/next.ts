// "What happens next" in words, from the server's description of the elements after a task. Pure (unit tested).
import type { NextStep } from './api';

const TYPES: Record<string, string> = {
  userTask: 'task', serviceTask: 'step', exclusiveGateway: 'decision', parallelGateway: 'parallel split',
  inclusiveGateway: 'decision', endEvent: 'end', boundaryEvent: 'event', callActivity: 'sub-process',
  subProcess: 'sub-process', scriptTask: 'script', intermediateCatchEvent: 'wait',
};

export function describeNext(step: NextStep): string {
  const what = `${step.name || step.id} (${TYPES[step.type] ?? step.type})`;
  if (step.type === 'boundaryEvent') {
    const timer = step.timer ? `after ${step.timer}` : '';
    return step.interrupting === false
      ? `${what}: ${timer ? `${timer}, ` : ''}while the task stays open`
      : `${what}: ${timer ? `${timer}, ` : ''}instead of the task`;
  }
  const how = step.flow ? `when ${step.flow}` : step.default ? 'otherwise' : step.condition ? `if ${step.condition}` : '';
  return how ? `${how}: ${what}` : what;
}
