// A task form in the inbox: the form-js viewer on the schema the server sent (a deployed form, or the built-in
// approval form), with the server's field errors shown next to their fields. The browser's own validation is
// only a convenience: the server checks every value again.
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Form } from '@bpmn-io/form-js-viewer';
import { fieldErrors } from './errors';

export interface TaskForm {
  /** The values to send, or null when the browser already found errors (shown in the form). */
  values(): Record<string, unknown> | null;
  /** Shows the server's errors (by field key) next to the fields; answers the errors no field shows. */
  showServerErrors(errors: Record<string, string>): Record<string, string>;
  destroy(): void;
}

export async function renderTaskForm(container: HTMLElement, schema: any, data: Record<string, unknown> = {}): Promise<TaskForm> {
  const form: any = new Form({ container });
  // The schema is ours to render: strip buttons (the page has its own Complete) so a stray submit cannot post.
  await form.importSchema(withoutButtons(schema), data);
  const fieldsByKey = (): Map<string, string> => {
    const map = new Map<string, string>();
    for (const field of form.get('formFieldRegistry').getAll()) if (field.key) map.set(field.key, field.id);
    return map;
  };
  return {
    values() {
      const { data: submitted, errors } = form.submit();
      return Object.keys(errors).length ? null : submitted;
    },
    showServerErrors(errors) {
      const { shown, unplaced } = fieldErrors(errors, fieldsByKey());
      form._setState({ errors: shown });
      return unplaced;
    },
    destroy() {
      form.destroy();
    },
  };
}

function withoutButtons(schema: any): any {
  const strip = (components: any[] = []): any[] => components
    .filter((c) => c.type !== 'button')
    .map((c) => (Array.isArray(c.components) ? { ...c, components: strip(c.components) } : c));
  return { ...schema, components: strip(schema.components) };
}
