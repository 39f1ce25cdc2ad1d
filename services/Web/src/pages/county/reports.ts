// 统计报表 and the dashboard's additions (issue #15): 比学赶超 (the units below and the lead departments ranked),
// repeat places, and the files a county takes away (exports). The times to accept and resolve are durations.ts.
import { type Catalogue, type Period, type Rankings, type RepeatPlaces } from '../../api/incidents';
import type { Unit } from '../../api/grids';
import { categoryName } from '../../components/caseText';
import { caseListUnit, exportButton } from '../../components/exports';
import { clear, formatTime, h, percent, scrollBox } from '../../dom';
import { dictionary } from '../../i18n';

export const t = dictionary({
  rankings: ['比学赶超', 'Rankings'],
  departments: ['牵头部门', 'Lead departments'],
  colName: ['单位', 'Unit'],
  colOnTime: ['按期办结率（名次）', 'On time (rank)'],
  colOverdue: ['当前超期（名次）', 'Overdue now (rank)'],
  colSatisfaction: ['群众满意率（名次）', 'Satisfaction (rank)'],
  noRanking: ['暂无可排名的单位。', 'Nothing to rank yet.'],
  repeat: ['重复发生点位', 'Repeat places'],
  repeatHint: ['近90天同一地点同类事件 ≥ {n} 件', '{n} or more cases of one category at one place in 90 days'],
  noRepeat: ['没有重复发生点位。', 'No repeat places.'],
  exports: ['导出', 'Exports'],
  report: ['统计报表（{m}）', 'Monthly report ({m})'],
  problems: ['问题清单', 'Problem list'],
  cases: ['案件清单', 'Case list'],
});

const ranked = (value: string, rank: number | null): string => rank === null ? value : `${value}（${rank}）`;

export function renderRankings(slot: HTMLElement, r: Rankings): void {
  const table = (rows: Rankings['units'], first: string, label: string) => rows.length === 0 ? h('p', { class: 'muted' }, t('noRanking')) :
    scrollBox(h('table', { class: 'rankings' },
      h('thead', {}, h('tr', {}, [first, t('colOnTime'), t('colOverdue'), t('colSatisfaction')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((u) => h('tr', { 'data-rank': u.code },
        h('th', { scope: 'row' }, u.name ?? u.code),
        h('td', {}, ranked(percent(u.onTimeRate), u.onTimeRank)),
        h('td', { class: u.overdueNow ? 'late' : '' }, ranked(String(u.overdueNow), u.overdueRank)),
        h('td', {}, ranked(percent(u.residentSatisfactionRate), u.satisfactionRank)))))), label, 'table-wrap');
  clear(slot, h('h2', {}, t('rankings')), table(r.units, t('colName'), t('rankings')), h('h3', {}, t('departments')),
    table(r.departments, t('departments'), t('departments')));
}

export function renderRepeatPlaces(slot: HTMLElement, r: RepeatPlaces, catalogue: Catalogue): void {
  clear(slot, h('h2', {}, t('repeat')), h('p', { class: 'muted small' }, t('repeatHint', { n: r.threshold })),
    r.places.length === 0 ? h('p', { class: 'muted' }, t('noRepeat')) :
      h('ul', { class: 'repeat-places' }, r.places.map((p) => h('li', { 'data-place': p.unitCode },
        `${p.name ?? p.unitCode} · ${categoryName(catalogue, p.category)} · ${p.cases} · ${formatTime(p.lastFiledAt)}`))));
}

/** Buttons that fetch a file with the caller's identity and hand it to the browser to save. */
export function renderExports(slot: HTMLElement, period: Period, here: Unit): void {
  const month = period.to.slice(0, 7);
  const status = h('p', { class: 'small', 'aria-live': 'polite' });
  const button = (label: string, path: string, params: Record<string, string>, name: string) => exportButton(label, path, params, name, status);
  const unit = { unitCode: period.unitCode };
  const cases = { unitCode: caseListUnit(here, period.unitCode), from: period.from, to: period.to };
  // Each file in both formats, XLSX first (what an office opens), CSV beside it (what a system imports).
  const both = (label: string, path: string, params: Record<string, string>, name: string) => (['xlsx', 'csv'] as const).map((format) =>
    button(`${label} ${format.toUpperCase()}`, path, { ...params, format }, `${name}.${format}`));
  clear(slot, h('h2', {}, t('exports')), h('div', { class: 'actions' },
    both(t('report', { m: month }), '/incidents/reports/monthly/export', { ...unit, month }, `report-${month}`),
    both(t('problems'), '/incidents/problems/export', { unitCode: cases.unitCode }, 'problems'),
    both(t('cases'), '/incidents/export', cases, 'cases')),
    status);
}
