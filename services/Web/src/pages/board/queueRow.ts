// One row of the board's queue: card, countdown, grade, category, the case (opens it), place, whether
// it was acknowledged, and the lead department.
import type { QueueItem } from '../../api/dispatch';
import { unitName } from '../../api/grids';
import { categoryName, gradeText } from '../../components/caseText';
import { countdownText, h } from '../../dom';
import { common, named } from '../../i18n';
import type { BoardContext } from './context';
import { t } from './text';

export const queueColumns = (): string[] => [t('colWarning'), t('colDue'), t('colGrade'), t('colCategory'), t('colTitle'), t('colPlace'),
  t('colStatus'), t('colDept')];

export async function queueRow(ctx: BoardContext, q: QueueItem, open: (q: QueueItem) => void): Promise<HTMLTableRowElement> {
  const incident = await ctx.detail(q.incidentId);
  const deps = q.leadDepartmentCode ? await ctx.allDepartments() : [];
  const lead = deps.find((d) => d.id === q.leadDepartmentCode || (d as { code?: string }).code === q.leadDepartmentCode);
  const isFresh = (ctx.fresh.get(q.incidentId) ?? 0) > Date.now();
  const title = h('button', { type: 'button', class: 'link', onclick: () => open(q) }, incident?.title ?? q.incidentId.slice(0, 8));
  return h('tr', { class: `${q.warning ?? ''} ${isFresh ? 'fresh' : ''}`, 'data-incident': q.incidentId },
    h('td', {}, q.warning ? h('span', { class: `card-mark ${q.warning}` }, common(q.warning)) : '',
      q.supervisedAt ? h('span', { class: 'tag' }, t('supervised')) : null, isFresh ? h('span', { class: 'tag new' }, t('fresh')) : null),
    h('td', {}, h('span', { class: 'countdown', 'data-due': q.dueAt }, countdownText(q.dueAt))),
    h('td', {}, gradeText(ctx.catalogue, q.grade)),
    h('td', {}, categoryName(ctx.catalogue, q.category)),
    h('td', {}, title),
    h('td', {}, await unitName(q.placeCode)),
    h('td', {}, q.acceptedAt ? t('acceptedAt') : t('notAccepted')),
    h('td', {}, lead ? named(lead) : q.leadDepartmentCode ?? h('span', { class: 'muted' }, t('unassigned'))));
}
