// 单位与人员: a unit, the units below it and its staff, walked down from the caller's own unit. What may be
// changed follows the permission model (docs/permissions.md): the unit tree and boundaries are the county
// administrator's (change-units); staff are his, and a township dispatcher's below his township (change-staff).
// Everything else is shown read-only. Names are shown as text.
import { staff as staffApi, units as unitsApi, type StaffRecord } from '../../api/directory';
import { unit as readUnit, type Level, type Unit } from '../../api/grids';
import { announce, clear, errorText, field, filePicker, h, openDialog, select } from '../../dom';
import { common } from '../../i18n';
import { roleName } from '../../roles';
import { clearFieldErrors, showFieldErrors } from '../fieldErrors';
import { t } from './text';
import './directory.css';

export interface DirectoryRights {
  /** The top the caller walks down from (his own unit). */
  root: string;
  changeUnits: boolean;
  /** Whether he may register and change staff at this unit. */
  changeStaffAt(unit: Unit): boolean;
  /** The roles he may give (the first is the default). */
  roles: string[];
}

const nextLevel: Partial<Record<Level, Level>> = { county: 'township', township: 'village', village: 'grid', grid: 'courtyard' };
const levelName = (l: Level): string => t(`level_${l}` as 'level_county');

export function unitsAndStaff(rights: DirectoryRights): { element: HTMLElement; load(): Promise<void> } {
  const element = h('section', { class: 'settings-section', 'data-settings': 'directory', 'aria-labelledby': 'directory-h' });
  let shown = rights.root;

  async function load(code = shown): Promise<void> {
    shown = code;
    clear(element, h('p', { class: 'muted' }, common('loading')));
    try {
      const here = await readUnit(code);
      if (!here) throw new Error(code);
      const [below, people] = await Promise.all([unitsApi.below(code), staffApi.at(code)]);
      const staffEditable = rights.changeStaffAt(here);
      clear(element, h('h3', { id: 'directory-h' }, t('tab')),
        h('p', { 'data-directory-unit': here.code }, `${t('current')}：`, h('strong', {}, here.name), ` · ${levelName(here.level)} · ${here.code}`, ' ',
          code !== rights.root && here.parentCode ? h('button', { type: 'button', class: 'link', onclick: () => void load(here.parentCode!) }, t('up')) : null),
        rights.changeUnits ? renameForm(here) : null,
        h('h4', {}, t('below')), belowTable(below),
        rights.changeUnits && nextLevel[here.level] ? addUnitForm(here, nextLevel[here.level]!) : null,
        h('h4', {}, t('staff')), staffTable(people, staffEditable),
        staffEditable ? staffForm(null, here) : null,
        !rights.changeUnits && !staffEditable ? h('p', { class: 'muted small' }, t('readOnly')) : null,
        rights.changeUnits && code === rights.root ? boundaryForm() : null);
    } catch (e) {
      clear(element, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  function belowTable(below: Unit[]): HTMLElement {
    if (below.length === 0) return h('p', {}, t('noneBelow'));
    return h('div', { class: 'table-wrap' }, h('table', { class: 'units-below' },
      h('thead', {}, h('tr', {}, [t('unitName'), t('unitCode'), t('level'), ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, below.map((u) => h('tr', { 'data-unit': u.code }, h('td', {}, u.name), h('td', {}, u.code), h('td', {}, levelName(u.level)),
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => void load(u.code) }, t('open'))))))));
  }

  function staffTable(people: StaffRecord[], editable: boolean): HTMLElement {
    const active = people.filter((p) => !p.leftAt);
    if (active.length === 0) return h('p', {}, t('noStaff'));
    return h('div', { class: 'table-wrap' }, h('table', { class: 'staff' },
      h('thead', {}, h('tr', {}, [t('staffName'), t('staffId'), t('staffRole'), t('staffPhone'), editable ? t('actions') : null]
        .filter((c) => c !== null).map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, active.map((p) => h('tr', { 'data-person': p.id }, h('td', {}, p.name), h('td', {}, p.id), h('td', {}, roleName(p.role)),
        h('td', {}, p.phone ?? ''),
        editable ? h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => openStaffDialog(p) }, t('edit'))) : null)))));
  }

  /** A small form whose problems land next to its fields; `done` runs after the change was accepted. */
  function form(name: string, fields: HTMLElement[], submitLabel: string, send: () => Promise<unknown>, done: () => void): HTMLFormElement {
    const general = h('div');
    const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
    const f: HTMLFormElement = h('form', {
      class: 'inline-form', 'data-form': name,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        clearFieldErrors(f);
        submit.disabled = true;
        try {
          await send();
          done();
        } catch (err) {
          showFieldErrors(f, err, general);
        } finally {
          submit.disabled = false;
        }
      },
    }, fields, submit, general);
    return f;
  }

  const input = (name: string, value = '', attrs: Record<string, string> = {}): HTMLInputElement =>
    h('input', { type: 'text', name, 'data-field': name, value, ...attrs });

  function renameForm(here: Unit): HTMLFormElement {
    const name = input('name', here.name, { required: 'true' });
    return form('rename-unit', [field(t('unitName'), name)], t('rename'), () => unitsApi.rename(here.code, name.value),
      () => { announce(t('renamed')); void load(); });
  }

  function addUnitForm(here: Unit, level: Level): HTMLFormElement {
    const code = input('code', '', { required: 'true', inputmode: 'numeric' });
    const name = input('name', '', { required: 'true' });
    return form('add-unit', [h('h4', {}, `${t('addUnit')}（${levelName(level)}）`), field(t('unitCode'), code), field(t('unitName'), name)], t('addUnit'),
      () => unitsApi.create({ code: code.value.trim(), name: name.value, level, parentCode: here.code }),
      () => { announce(t('unitAdded')); void load(); });
  }

  function staffForm(person: StaffRecord | null, here: Unit | null, close?: () => void): HTMLFormElement {
    const id = input('id', person?.id ?? '', { autocomplete: 'off' }); // empty: the server makes one
    const name = input('name', person?.name ?? '', { required: 'true' });
    const phone = input('phone', '', { inputmode: 'tel', autocomplete: 'off', placeholder: person?.phone ?? '' });
    const role = select('role', rights.roles.map((r) => ({ value: r, label: roleName(r) })), person?.role ?? rights.roles[0], { 'data-field': 'role' });
    const fields = [person ? null : field(t('staffId'), id), field(t('staffName'), name), field(t('staffRole'), role), field(t('staffPhone'), phone)]
      .filter((f): f is HTMLElement => f !== null);
    return form(person ? 'edit-staff' : 'add-staff', person ? fields : [h('h4', {}, t('addStaff')), ...fields], person ? t('save') : t('addStaff'),
      () => person
        ? staffApi.update(person.id, { name: name.value, role: role.value, ...(phone.value.trim() ? { phone: phone.value.trim() } : {}) })
        : staffApi.register({ id: id.value.trim() || undefined, name: name.value, role: role.value, unitCode: here!.code, phone: phone.value.trim() || null }),
      () => { announce(person ? t('staffSaved') : t('staffAdded')); close?.(); void load(); });
  }

  function openStaffDialog(person: StaffRecord): void {
    const dialog = openDialog(`${t('edit')} · ${person.name}`, h('div', {}, staffForm(person, null, () => dialog.close()), passwordReset(person)));
  }

  /** 重置密码: asked once more (it ends the person's sessions), then the one-time password is shown here once,
   * for the administrator to pass on in person. */
  function passwordReset(person: StaffRecord): HTMLElement {
    const result = h('div', { 'aria-live': 'polite' });
    const confirm = form('reset-password', [h('p', { role: 'status' }, t('resetPasswordConfirm', { name: person.name }))], t('resetPasswordYes'), async () => {
      const { password } = await staffApi.resetPassword(person.id);
      confirm.remove();
      clear(result, h('p', {}, `${t('oneTimePassword')}：`, h('code', { class: 'one-time-password', 'data-one-time-password': person.id }, password)),
        h('p', { class: 'muted small' }, t('oneTimePasswordHint')));
    }, () => announce(t('passwordReset')));
    const ask = h('button', { type: 'button', 'data-action': 'reset-password', onclick: () => { ask.replaceWith(confirm); confirm.querySelector('button')?.focus(); } },
      `${t('resetPassword')}…`);
    return h('section', { class: 'password-reset', 'aria-labelledby': `reset-${person.id}` },
      h('h4', { id: `reset-${person.id}` }, t('resetPassword')), h('p', { class: 'muted small' }, t('resetPasswordHint')), ask, result);
  }

  function boundaryForm(): HTMLFormElement {
    const file = h('input', { type: 'file', name: 'boundaries', 'data-field': 'boundaries', accept: '.geojson,.json,application/geo+json,application/json', required: true });
    const result = h('p', { 'aria-live': 'polite' });
    let imported: Awaited<ReturnType<typeof unitsApi.importBoundaries>> | null = null;
    return form('boundaries', [h('h4', {}, t('boundaries')), h('p', { class: 'muted small' }, t('boundariesHint')), field(t('boundaries'), filePicker(file)), result],
      t('upload'), async () => { imported = await unitsApi.importBoundaries(file.files![0]); },
      () => { if (imported) result.textContent = t('imported', { n: imported.rows, c: imported.created, u: imported.updated, s: imported.unchanged }); });
  }

  return { element, load: () => load() };
}
