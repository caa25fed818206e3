// "Start a run": a typed form from the current version's start inputs, then POST /api/executions and on to the run.
import { ApiError } from '../api';
import { el } from '../dom';
import { navigate } from '../router';
import { dialog, field } from '../ui';
import { processes, startExecution, type StartInput } from './api';

function inputFor(input: StartInput): HTMLElement {
  const name = `in-${input.name}`;
  const common = { name, id: name, required: input.required && input.type !== 'boolean' };
  const value = input.default ?? '';
  switch (input.type) {
    case 'number':
      return el('input', { ...common, type: 'number', step: 'any', value });
    case 'boolean':
      return el('input', { ...common, type: 'checkbox', checked: value === 'true' });
    case 'enum':
      return el('select', common, ...(input.required ? [] : [el('option', { value: '' }, '—')]),
        ...(input.options || []).map((o) => el('option', { value: o.value, selected: o.value === value }, o.label || o.value)));
    case 'date':
      return el('input', { ...common, type: 'datetime-local', value });
    case 'duration':
      return el('input', { ...common, type: 'text', value, placeholder: 'PT10M', pattern: 'P.*', title: 'ISO-8601 duration, e.g. PT10M' });
    default:
      return el('input', { ...common, type: 'text', value });
  }
}

function readValue(input: StartInput, form: HTMLFormElement): unknown {
  const control = form.elements.namedItem(`in-${input.name}`) as HTMLInputElement | HTMLSelectElement;
  if (input.type === 'boolean') return (control as HTMLInputElement).checked;
  const raw = control.value.trim();
  if (raw === '') return undefined;
  if (input.type === 'number') {
    const n = Number(raw);
    if (Number.isNaN(n)) throw new Error(`${input.label || input.name} is not a number`);
    return n;
  }
  if (input.type === 'date') return new Date(raw).toISOString();
  return raw;
}

export async function startRun(cluster: string, key: string, name?: string): Promise<void> {
  let inputs: StartInput[] = [];
  try {
    inputs = (await processes.startForm(cluster, key)).inputs;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
  const businessKey = el('input', { name: 'businessKey', type: 'text', placeholder: 'optional, e.g. a ticket number' });
  const body = el('div', { class: 'form-grid' },
    ...(inputs.length === 0 ? [el('p', { class: 'muted' }, 'This process declares no start inputs.')] : []),
    ...inputs.map((i) => field(`${i.label || i.name}${i.required ? ' *' : ''}`, inputFor(i), i.help || undefined)),
    field('Business key', businessKey));
  const started = await dialog(`Start "${name || key}"`, body, 'Start run', async (form) => {
    const variables: Record<string, unknown> = {};
    for (const input of inputs) {
      const value = readValue(input, form);
      if (value !== undefined) variables[input.name] = value;
    }
    try {
      return await startExecution(cluster, key, variables, businessKey.value.trim() || undefined);
    } catch (e) {
      if (e instanceof ApiError && e.body?.blockingExecutionId) {
        throw new Error(`${e.message} (blocked by run ${e.body.blockingExecutionId})`);
      }
      throw e;
    }
  });
  if (started) navigate(`/executions/${encodeURIComponent(started.id)}`);
}
