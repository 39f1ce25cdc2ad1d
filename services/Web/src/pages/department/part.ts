// One line on a case card: the department's own deadline, and whether it has checked in or finished.
import type { DepartmentPart } from '../../api/dispatch';
import { countdownText, formatTime, h } from '../../dom';
import { common, dictionary } from '../../i18n';

const t = dictionary({
  lead: ['牵头', 'Lead'],
  coHandler: ['协办', 'Co-handler'],
  ownDeadline: ['本部门时限 {t}', 'Our deadline {t}'],
  checkedIn: ['已报到 {t}', 'Checked in {t}'],
  notCheckedIn: ['未报到', 'Not checked in'],
  feedbacks: ['已反馈 {n} 次', '{n} feedback notes'],
});

export function partLine(part: DepartmentPart | undefined): HTMLElement | null {
  if (!part) return null;
  return h('p', { class: 'meta department-part' },
    h('span', { class: 'tag' }, part.role === 'lead' ? t('lead') : t('coHandler')),
    part.warning ? h('span', { class: `card-mark ${part.warning}` }, common(part.warning)) : null,
    h('span', {}, t('ownDeadline', { t: formatTime(part.dueAt) }), ' ',
      h('span', { class: 'countdown', 'data-due': part.dueAt }, countdownText(part.dueAt))),
    h('span', { class: part.checkedInAt ? '' : 'late' }, part.checkedInAt ? t('checkedIn', { t: formatTime(part.checkedInAt) }) : t('notCheckedIn')),
    part.feedbackCount ? h('span', {}, t('feedbacks', { n: part.feedbackCount })) : null);
}
