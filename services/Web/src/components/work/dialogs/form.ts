// The dialog every case action opens: its fields, cancel, and the action's button. The dialog stays
// open (and says why) when the API refuses; it closes and the page reads again when it is done.
import type { Incident } from '../../../api/incidents';
import { announce, errorText, h, openDialog } from '../../../dom';
import { common } from '../../../i18n';
import type { ActionContext } from '../context';
import { t } from '../text';

export interface ActionDialog {
  ctx: ActionContext;
  incident: Incident;
  /** The action's name: the dialog's title (with the case's) and its button. */
  label: string;
  fields: (HTMLElement | null)[];
  /** Does the action; answers what to announce, or null to stay open (a field is missing). */
  send(): Promise<string | null>;
}

export function actionDialog(o: ActionDialog): HTMLDialogElement {
  const submit = h('button', { type: 'submit', class: 'primary' }, o.label);
  const form = h('form', {
    class: 'action-form', novalidate: true,
    onsubmit: async (e: Event) => {
      e.preventDefault();
      submit.disabled = true;
      try {
        const done = await o.send();
        if (done === null) return;
        announce(done);
        dialog.close();
        await o.ctx.changed();
      } catch (err) {
        announce(errorText(err), 'error');
      } finally {
        submit.disabled = false;
      }
    },
  }, o.fields, h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')), submit));
  const dialog = openDialog(`${o.label}：${o.incident.title}`, form);
  return dialog;
}

/** A required text: marks the control and says so (by its label) when it is empty; else its trimmed value. */
export function required(control: HTMLTextAreaElement | HTMLInputElement, label: string): string | null {
  const value = control.value.trim();
  if (value) {
    control.removeAttribute('aria-invalid');
    return value;
  }
  control.setAttribute('aria-invalid', 'true');
  announce(t('fieldRequired', { field: label }), 'error');
  control.focus();
  return null;
}
