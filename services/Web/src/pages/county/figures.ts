// The dashboard's tables and headline figures: containment, on-time and satisfaction rates; open and
// overdue cases by tier; the units below with their own figures (each drills down).
import type { Unit } from '../../api/grids';
import type { ChildFigures, InHandFigures, Summary } from '../../api/incidents';
import { tierName } from '../../components/caseText';
import { clear, h, percent } from '../../dom';
import { t } from './text';

export function renderHeadline(slot: HTMLElement, s: Summary): void {
  const card = (label: string, rate: number | null, key: string, note?: string) => h('div', { class: 'figure', 'data-figure': key },
    h('div', { class: 'value' }, percent(rate)), h('div', { class: 'label' }, label), note ? h('div', { class: 'muted small' }, note) : null);
  clear(slot,
    card(t('village'), s.villageContainmentRate, 'village'),
    card(t('township'), s.townshipContainmentRate, 'township'),
    card(t('onTime'), s.onTimeRate, 'on-time'),
    // The residents' own answers are the satisfaction figure (DOMAIN.md); what staff recorded stands beside it.
    card(t('satisfaction'), s.residentSatisfactionRate, 'satisfaction', t('satisfactionAnswers', { n: s.residentAnswers })),
    card(t('staffSatisfaction'), s.satisfactionRate, 'staff-satisfaction', t('staffSatisfactionAnswers', { n: s.staffSatisfactionAnswers })),
    h('div', { class: 'figure counts' },
      h('div', { class: 'value' }, h('span', { 'data-figure': 'filed' }, String(s.filed)), ' / ', h('span', { 'data-figure': 'closed' }, String(s.closed))),
      h('div', { class: 'label' }, `${t('filed')} / ${t('closed')}`)));
}

export function renderTiers(slot: HTMLElement, s: Summary): void {
  const tiers = ['courtyard', 'village', 'township', 'county'] as const;
  clear(slot, h('h2', {}, t('openTier')),
    h('table', { class: 'tiers' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('colTier')), h('th', { scope: 'col' }, t('colOpen')), h('th', { scope: 'col' }, t('colOverdue')))),
      h('tbody', {}, tiers.map((tier) => h('tr', { 'data-tier': tier },
        h('th', { scope: 'row' }, tierName(tier)),
        h('td', { 'data-open': tier }, String(s.open[tier])),
        h('td', { class: s.overdue[tier] ? 'late' : '' }, String(s.overdue[tier])))))));
}

export function renderChildren(slot: HTMLElement, units: Unit[], kids: ChildFigures[], drill: (code: string) => void): void {
  const byCode = new Map(kids.map((k) => [k.unitCode, k]));
  clear(slot, h('h2', {}, t('childrenTitle')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'children' },
      h('thead', {}, h('tr', {}, [t('colName'), t('filed'), t('closed'), t('colVillageRate'), t('colTownshipRate'), t('colOpen'), t('colOverdue')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, units.map((u) => {
        const k = byCode.get(u.code);
        return h('tr', {},
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', 'data-drill': u.code, onclick: () => drill(u.code) }, u.name)),
          h('td', {}, String(k?.filed ?? 0)), h('td', {}, String(k?.closed ?? 0)),
          h('td', {}, percent(k?.villageContainmentRate)), h('td', {}, percent(k?.townshipContainmentRate)),
          h('td', {}, String(k?.open ?? 0)), h('td', { class: k?.overdue ? 'late' : '' }, String(k?.overdue ?? 0)));
      })))));
}

/** 包案 under the unit: taken in the period, in hand now, and how they ended. */
export function renderInHand(slot: HTMLElement, f: InHandFigures): void {
  clear(slot, h('h2', {}, t('inHandFigures')),
    h('ul', { class: 'plain' },
      h('li', { 'data-figure': 'in-hand-taken' }, t('inHandTaken', { n: f.taken })),
      h('li', { 'data-figure': 'in-hand-working' }, t('inHandWorking', { n: f.working })),
      h('li', { 'data-figure': 'in-hand-awaiting' }, t('inHandAwaiting', { n: f.awaitingSignOff })),
      h('li', { 'data-figure': 'in-hand-signed-off' }, t('inHandSignedOff', { n: f.signedOff, s: f.signedOffSatisfied })),
      h('li', { 'data-figure': 'in-hand-merged' }, t('inHandMerged', { n: f.merged }))));
}
