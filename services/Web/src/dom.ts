// Tiny DOM helpers: the pages are plain TypeScript, no framework.
import { common, currentLang } from './i18n';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** h('button', {class: 'x', onclick: fn}, 'text') */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

let idCounter = 0;
export function uid(prefix: string): string {
  return `${prefix}-${++idCounter}`;
}

/** A labelled form field: every input has a visible label. The control may be a wrapper (filePicker):
 * the label then names the form control inside it. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const target = control.matches('input, select, textarea, button')
    ? control : control.querySelector<HTMLElement>('input, select, textarea') ?? control;
  const id = target.id || uid('f');
  target.id = id;
  const hintEl = hint ? h('small', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) target.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

/**
 * A file input in the page's language. The browser draws the input's own button and its "no file
 * chosen" in the browser's language, not the page's. Here the input stays in the page, so its label,
 * the keyboard (Tab, then Enter or Space) and screen readers reach it as before, but it is drawn as
 * the button beside it (its focus ring too) and a line saying what is chosen. Setting the input's
 * value from code does not fire "change": dispatch one so the line follows.
 */
export function filePicker(input: HTMLInputElement): HTMLElement {
  input.classList.add('file-input');
  const chosen = h('span', { class: 'file-chosen' });
  const show = (): void => {
    const files = input.files ?? [];
    chosen.textContent = files.length === 0 ? common('noFileChosen')
      : files.length === 1 ? files[0].name : common('filesChosen', { n: files.length });
  };
  input.addEventListener('change', show);
  show();
  // Presentation only (hidden from screen readers): the input is the control.
  const button = h('span', { class: 'file-button', 'aria-hidden': 'true', onclick: () => input.click() }, common('chooseFiles'));
  return h('span', { class: 'file-picker' }, input, button, chosen);
}

/** A table too wide for a phone, in a box that scrolls sideways. The box takes the keyboard's focus and is named like
 * the table, so it scrolls without a mouse when its rows hold nothing focusable (axe's scrollable-region-focusable). */
export function scrollBox(table: HTMLTableElement, label: string, className = 'table-scroll'): HTMLElement {
  return h('div', { class: className, tabindex: '0', role: 'region', 'aria-label': label }, table);
}

export function select(name: string, options: { value: string; label: string }[], value?: string, attrs: Attrs = {}): HTMLSelectElement {
  const el = h('select', { name, ...attrs });
  for (const o of options) el.append(h('option', { value: o.value, selected: o.value === value }, o.label));
  return el;
}

// ---- Announcements for screen readers and a visible toast ----

let region: HTMLElement | null = null;
export function announce(text: string, kind: 'ok' | 'error' = 'ok'): void {
  region ??= document.body.appendChild(h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' }));
  region.textContent = text;
  region.dataset.kind = kind;
  region.classList.add('show');
  window.setTimeout(() => region?.classList.remove('show'), 5000);
}

export function errorText(e: unknown): string {
  // fetch's own failure ("Failed to fetch", "Load failed", "NetworkError …"): no answer came at all.
  if (e instanceof TypeError && /fetch|network|load failed/i.test(e.message)) return common('noNetwork');
  return e instanceof Error ? e.message : String(e);
}

// ---- Dialogs: native <dialog>, so Escape closes and focus stays inside ----

export function openDialog(title: string, body: HTMLElement, onClose?: () => void): HTMLDialogElement {
  const titleId = uid('dlg');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
    h('div', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'icon', 'aria-label': common('close'), onclick: () => dialog.close() }, '×')),
    body);
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

// ---- Time: shown in China time (the county's), whatever the browser's zone ----

const zone = 'Asia/Shanghai';

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(currentLang(), {
    timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
}

/** A datetime-local input's value ("2026-12-07T10:00") read as the county's time, not the browser's: a mediation set
 * for 10:00 is at 10:00 in the county wherever the phone's clock is set (issue #17). */
export function fromCountyTime(local: string): string {
  const asUtc = Date.parse(`${local}Z`);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(asUtc)).map((p) => [p.type, Number(p.value)]));
  const offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - asUtc;
  return new Date(asUtc - offset).toISOString();
}

export function formatDate(d: Date): string {
  // yyyy-MM-dd in China time: the dashboard's days.
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return parts;
}

/** "2天3小时" / "2d 3h": the two largest units of a span. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(s / 86400), hr = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const parts: string[] = [];
  if (d) parts.push(common('days', { n: d }));
  if (hr || d) parts.push(common('hours', { n: hr }));
  if (!d) parts.push(common('minutes', { n: m }));
  if (!d && !hr) parts.push(common('seconds', { n: sec }));
  return parts.slice(0, 2).join(currentLang() === 'en' ? ' ' : '');
}

export function countdownText(dueAt: string, now = Date.now()): string {
  const left = new Date(dueAt).getTime() - now;
  return left >= 0 ? common('dueIn', { t: formatSpan(left) }) : common('overdueBy', { t: formatSpan(-left) });
}

/** Updates every [data-due] element's countdown once a second; returns a stop function. */
export function startCountdowns(root: Element): () => void {
  const tick = () => {
    const now = Date.now();
    root.querySelectorAll<HTMLElement>('[data-due]').forEach((el) => {
      const due = el.dataset.due!;
      el.textContent = countdownText(due, now);
      el.classList.toggle('late', new Date(due).getTime() < now);
    });
  };
  tick();
  const timer = window.setInterval(tick, 1000);
  return () => window.clearInterval(timer);
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Masks a phone number for display (PIPL): 139****7853. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
