// One line on a case card: the department's own deadline, and whether it has checked in or finished.
import type { DepartmentPart } from '../../api/dispatch';
import { countdownText, formatTime, h } from '../../dom';
import { dictionary } from '../../i18n';

const t = dictionary({
  lead: ['牵头', 'Lead'],
  coHandler: ['协办', 'Co-handler'],
  ownDeadline: ['本部门时限 {t}', 'Our deadline {t}'],
  checkedIn: ['已报到 {t}', 'Checked in {t}'],
  notCheckedIn: ['未报到', 'Not checked in'],
  finished: ['本部门已完成', 'Our part is finished'],
});

export function partLine(part: DepartmentPart | undefined): HTMLElement | null {
  if (!part) return null;
  return h('p', { class: 'meta department-part' },
    part.role ? h('span', { class: 'tag' }, part.role === 'lead' ? t('lead') : t('coHandler')) : null,
    part.dueAt && !part.finishedAt ? h('span', {}, t('ownDeadline', { t: formatTime(part.dueAt) }), ' ',
      h('span', { class: 'countdown', 'data-due': part.dueAt }, countdownText(part.dueAt))) : null,
    part.finishedAt ? h('span', {}, t('finished'))
      : h('span', { class: part.checkedInAt ? '' : 'late' }, part.checkedInAt ? t('checkedIn', { t: formatTime(part.checkedInAt) }) : t('notCheckedIn')));
}
