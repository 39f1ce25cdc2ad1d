// A case as a card in a work list: what and where, its status and deadline, the flags (超期预警,
// 督办), the details button and exactly the actions the caller may take.
import { unitName } from '../../api/grids';
import type { Incident } from '../../api/incidents';
import { countdownText, formatTime, h } from '../../dom';
import { categoryName, gradeName, statusName, tierName } from '../caseText';
import { actionButtons, type ButtonOptions } from './actions';
import { caseDetails } from './caseDetails';
import type { ActionContext } from './context';
import { t } from './text';

export interface CardOptions extends ButtonOptions {
  /** A line under the case's facts (a department's own deadline, say). */
  extra?: HTMLElement | null;
}

export async function caseCard(ctx: ActionContext, i: Incident, options: CardOptions = {}): Promise<HTMLElement> {
  const late = Boolean(i.flaggedOverdueAt || i.overdue);
  const showDue = i.dueAt && ['assigned', 'accepted', 'reopened'].includes(i.status);
  return h('article', { class: `task ${late ? 'red' : ''}`, 'data-incident': i.id },
    h('h3', {}, i.title,
      i.flaggedOverdueAt ? h('span', { class: 'tag late' }, t('flagged')) : null,
      i.supervisedAt ? h('span', { class: 'tag' }, t('supervised')) : null,
      i.inHand ? h('span', { class: 'tag', title: t('inHandBy', { who: i.inHand.leader }) }, t('inHandTag')) : null),
    h('p', { class: 'meta' }, `${categoryName(ctx.catalogue, i.category)} · ${gradeName(ctx.catalogue, i.grade, i.grade)} · ${await unitName(i.unitCode)}`),
    h('p', { class: 'meta' },
      h('span', { class: `status s-${i.status}` }, statusName(i.status)),
      i.tier ? ` · ${t('handledBy', { tier: tierName(i.tier) })}` : '',
      showDue ? h('span', { class: 'countdown', 'data-due': i.dueAt! }, countdownText(i.dueAt!)) : null),
    options.extra ?? null,
    h('p', { class: 'muted small' }, t('filedAt', { t: formatTime(i.filedAt) })),
    h('div', { class: 'actions' },
      h('button', { type: 'button', 'aria-label': `${t('details')}：${i.title}`, onclick: () => void caseDetails(ctx.catalogue, i) }, t('details')),
      actionButtons(ctx, i, options)));
}
