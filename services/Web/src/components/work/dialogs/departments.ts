// 吹哨报到: the holder calls in a lead department and co-handlers (each with its deadline); a
// department called in checks in (报到) and feeds back on its part.
import { assignDepartments, departmentFeedback } from '../../../api/dispatch';
import { callableDepartments, type Department } from '../../../api/grids';
import type { Incident } from '../../../api/incidents';
import { announce, errorText, field, h, openDialog, select } from '../../../dom';
import { named } from '../../../i18n';
import type { ActionContext } from '../context';
import { actionLabel, t } from '../text';
import { actionDialog, required } from './form';

/** The form itself: inline on the township board, in a dialog elsewhere. Departments for the case's
 * category come first; among them the township's teams before the county's bureaus (the order given). */
export function departmentsForm(i: Incident, departments: Department[], done: () => Promise<void>): HTMLFormElement {
  const sorted = [...departments].sort((a, b) => Number(b.categories.includes(i.category)) - Number(a.categories.includes(i.category)));
  const lead = select('lead', sorted.map((d) => ({ value: d.id, label: named(d) })), i.leadDepartmentCode ?? sorted[0]?.id);
  const deadlineOptions = [{ value: '', label: t('notCalled') }, { value: '8h', label: t('d8h') }, { value: '1d', label: t('d1d') },
    { value: '2d', label: t('d2d') }, { value: '3d', label: t('d3d') }];
  const coSelects = sorted.map((d) => ({ d, control: select(`co-${d.id}`, deadlineOptions, '') }));
  return h('form', {
    class: 'assign',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      const coHandlers = coSelects.filter((c) => c.control.value && c.d.id !== lead.value)
        .map((c) => ({ department: c.d.id, deadline: c.control.value }));
      try {
        await assignDepartments(i.id, lead.value, coHandlers);
        announce(t('done_call_in_departments', { dept: named(departments.find((d) => d.id === lead.value)) }));
        await done();
      } catch (err) {
        announce(errorText(err), 'error');
      }
    },
  },
  field(t('lead'), lead),
  h('fieldset', {}, h('legend', {}, t('coHandlers')),
    h('div', { class: 'co' }, coSelects.map((c) => field(named(c.d), c.control)))),
  h('button', { type: 'submit', class: 'primary' }, t('assignButton')));
}

/** The form in a dialog, with the departments that may be called in at the case's place. */
export async function departmentsDialog(ctx: ActionContext, incident: Incident): Promise<void> {
  const departments = await callableDepartments(incident.unitCode);
  const body = h('div', {});
  const dialog = openDialog(`${actionLabel('call-in-departments')}：${incident.title}`, body);
  body.append(departmentsForm(incident, departments, async () => {
    dialog.close();
    await ctx.changed();
  }));
}

/** The department's feedback on its part, against its own deadline. */
export function feedbackDialog(ctx: ActionContext, incident: Incident, departmentId: string): void {
  const note = h('textarea', { name: 'feedback', required: true, rows: 3, maxlength: 4000 });
  const finished = h('input', { type: 'checkbox', name: 'finished', id: `finished-${incident.id}`, checked: false });
  actionDialog({
    ctx, incident, label: t('action_department_feedback'),
    fields: [field(t('feedbackNote'), note), h('div', { class: 'check' }, finished, h('label', { for: finished.id }, t('finished')))],
    send: async () => {
      const text = required(note, t('feedbackNote'));
      if (text === null) return null;
      await departmentFeedback(incident.id, departmentId, text, finished.checked);
      return t('done_department_feedback');
    },
  });
}
