// 吹哨报到: a lead department and co-handlers, each with its deadline. The departments for the
// case's category come first.
import { assignDepartments } from '../../api/dispatch';
import type { Department } from '../../api/grids';
import type { Incident } from '../../api/incidents';
import { announce, errorText, field, h, select } from '../../dom';
import { named } from '../../i18n';
import { t } from './text';

export function departmentsForm(i: Incident, currentLead: string | null, departments: Department[], done: () => Promise<void>): HTMLFormElement {
  const sorted = [...departments].sort((a, b) => Number(b.categories.includes(i.category)) - Number(a.categories.includes(i.category)));
  const lead = select('lead', sorted.map((d) => ({ value: d.id, label: named(d) })), currentLead ?? sorted[0]?.id);
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
        announce(t('assigned', { dept: named(departments.find((d) => d.id === lead.value)) }));
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
