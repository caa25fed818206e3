// The form-js editor in a full-window dialog (loaded only when "Edit form" is used): edits one form of the draft
// and saves it through the draft forms API. The server checks the form on save and answers what is wrong.
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import { FormEditor } from '@bpmn-io/form-js-editor';
import { ApiError } from '../api';
import { el } from '../dom';
import { draftForms } from './api';

export interface EditFormOptions {
  cluster: string;
  key: string;
  formId: string;
  schema: any;
  /** Makes sure the draft exists on the server (a process shown at revision 0 has none yet). */
  ensureDraft: () => Promise<void>;
}

/** Resolves with the saved form's id, or null when closed without saving. */
export function editForm(options: EditFormOptions): Promise<string | null> {
  return new Promise((resolve) => {
    const host = el('div', { class: 'form-editor-host', id: 'form-editor' });
    const error = el('p', { class: 'message', role: 'alert', id: 'form-editor-error', hidden: true });
    const save = el('button', { type: 'button', id: 'form-editor-save' }, 'Save form');
    const cancel = el('button', { type: 'button', class: 'secondary' }, 'Close');
    const dlg = el('dialog', { class: 'dialog form-editor-dialog' },
      el('div', { class: 'form-editor-toolbar' }, el('h2', {}, 'Form ', el('span', { class: 'mono' }, options.formId)),
        el('span', { class: 'spacer' }), error, cancel, save),
      host) as HTMLDialogElement;
    document.body.append(dlg);
    dlg.showModal();
    const editor: any = new FormEditor({ container: host });
    const close = (value: string | null) => {
      editor.destroy();
      dlg.close();
      dlg.remove();
      resolve(value);
    };
    cancel.addEventListener('click', () => close(null));
    dlg.addEventListener('cancel', (e) => { e.preventDefault(); close(null); });
    editor.importSchema({ ...options.schema, id: options.formId }).catch((e: Error) => {
      error.textContent = `Could not open the form: ${e.message}`;
      error.hidden = false;
    });
    save.addEventListener('click', async () => {
      save.disabled = true;
      error.hidden = true;
      const schema = { ...editor.saveSchema(), id: options.formId };
      try {
        try {
          await draftForms.save(options.cluster, options.key, options.formId, schema);
        } catch (e) {
          if (!(e instanceof ApiError && e.status === 409)) throw e;
          await options.ensureDraft(); // no draft yet: save the diagram first, then the form
          await draftForms.save(options.cluster, options.key, options.formId, schema);
        }
        close(options.formId);
      } catch (e) {
        const errors = e instanceof ApiError ? e.body?.errors : null;
        error.textContent = errors ? Object.values(errors).join('; ') : (e as Error).message;
        error.hidden = false;
        save.disabled = false;
      }
    });
  });
}
