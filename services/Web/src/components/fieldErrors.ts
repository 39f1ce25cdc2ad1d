// A problem's field errors (RFC 7807, `errors` keyed by the JSON field name) put next to the control that
// holds that field. Controls carry `data-field` with the name the API uses ("rules[2].deadline"); a name
// with no control of its own goes to its nearest named parent ("rules[2]", "rules"), else to the form's
// own line. Messages are text, never markup.
import { ApiError } from '../api/http';
import { clear, errorText, h } from '../dom';

export function clearFieldErrors(root: HTMLElement): void {
  root.querySelectorAll('.field-error').forEach((e) => e.remove());
  root.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/** Shows `err` in `root`: each named field's messages after its control; the rest in `general`.
 * `prefix` is dropped from the names first (a draft sent as `policy` comes back as `policy.rules[0]…`). */
export function showFieldErrors(root: HTMLElement, err: unknown, general: HTMLElement, prefix = ''): void {
  clearFieldErrors(root);
  clear(general);
  const fields = err instanceof ApiError ? Object.entries(err.fields) : [];
  const unplaced: string[] = [];
  let first: HTMLElement | null = null;
  for (const [name, messages] of fields) {
    const control = controlFor(root, name.startsWith(prefix) ? name.slice(prefix.length) : name);
    if (!control) { unplaced.push(...messages); continue; }
    control.setAttribute('aria-invalid', 'true');
    const note = h('small', { class: 'field-error', role: 'alert', 'data-error-for': name }, messages.join(' '));
    control.insertAdjacentElement('afterend', note);
    first ??= control;
  }
  if (fields.length === 0) unplaced.push(errorText(err));
  if (unplaced.length > 0) clear(general, h('p', { class: 'error', role: 'alert' }, unplaced.join(' ')));
  first?.focus();
}

function controlFor(root: HTMLElement, name: string): HTMLElement | null {
  for (let key = name; key; key = key.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const found = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`);
    if (found) return found;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(key)) break;
  }
  return null;
}
