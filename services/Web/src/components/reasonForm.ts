// A form that asks for a reason (退回, 升级, 提级, 督办 …): empty is refused before anything is sent.
import { announce, errorText, field, h } from '../dom';

export interface ReasonFormOptions {
  /** The field's label. */
  label: string;
  /** The submit button's text. */
  submit: string;
  /** The textarea's name (distinct when several forms share a dialog). */
  name?: string;
  rows?: number;
  /** Said when the reason is empty. */
  required?: string;
  class?: string;
  /** Extra controls before the submit button (a cancel button). */
  before?: HTMLElement[];
  /** Sends the reason; throws to say why not. */
  send(reason: string): Promise<void>;
}

export function reasonForm(o: ReasonFormOptions): HTMLFormElement {
  const reason = h('textarea', { name: o.name ?? 'reason', required: true, rows: o.rows ?? 2, maxlength: 1000 });
  const submit = h('button', { type: 'submit', class: o.before ? 'primary' : null }, o.submit);
  return h('form', {
    class: o.class,
    onsubmit: async (e: Event) => {
      e.preventDefault();
      const text = reason.value.trim();
      if (!text) {
        reason.setAttribute('aria-invalid', 'true');
        if (o.required) announce(o.required, 'error');
        reason.focus();
        return;
      }
      try {
        await o.send(text);
      } catch (err) {
        announce(errorText(err), 'error');
      }
    },
  }, field(o.label, reason), o.before ? h('div', { class: 'actions' }, o.before, submit) : submit);
}
