// Small shared UI pieces: toasts, modal dialogs, a confirmation.
import { el } from './dom';

export function toast(message: string, kind: 'info' | 'error' | 'success' = 'info'): void {
  let host = document.getElementById('toasts');
  if (!host) {
    host = el('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(host);
  }
  const item = el('div', { class: `toast ${kind}` }, message);
  host.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** A modal dialog; resolves with the value `submit` returns, or null when cancelled. */
export function dialog<T>(title: string, body: HTMLElement, submitLabel: string,
                          submit: (form: HTMLFormElement) => Promise<T> | T): Promise<T | null> {
  return new Promise((resolve) => {
    const error = el('p', { class: 'message', role: 'alert', hidden: true });
    const cancel = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const ok = el('button', { type: 'submit' }, submitLabel);
    const form = el('form', { class: 'dialog-body', method: 'dialog' }, el('h2', {}, title), error, body,
      el('div', { class: 'dialog-actions' }, cancel, ok));
    const dlg = el('dialog', { class: 'dialog' }, form) as HTMLDialogElement;
    const close = (value: T | null) => { dlg.close(); dlg.remove(); resolve(value); };
    cancel.addEventListener('click', () => close(null));
    dlg.addEventListener('cancel', (e) => { e.preventDefault(); close(null); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      ok.disabled = true;
      try {
        close(await submit(form));
      } catch (err) {
        error.textContent = (err as Error).message;
        error.hidden = false;
        ok.disabled = false;
      }
    });
    document.body.append(dlg);
    dlg.showModal();
    (form.querySelector('input, select, textarea') as HTMLElement | null)?.focus();
  });
}

export async function confirmAction(title: string, text: string, label: string): Promise<boolean> {
  return (await dialog(title, el('p', {}, text), label, () => true)) === true;
}

export function field(label: string, input: HTMLElement, help?: string): HTMLElement {
  return el('label', { class: 'field' }, el('span', { class: 'field-label' }, label), input,
    help ? el('small', { class: 'muted' }, help) : null);
}
