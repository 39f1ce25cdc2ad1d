// The work list's filter bar (issue #15: a case list filters by every field it shows): category, grade,
// status, the place below the page's unit, overdue and the filing dates — the case list's filters, which
// GET /incidents/work applies to every bucket — and 导出 XLSX / CSV of exactly the list shown
// (GET /incidents/work/export with the same filters).
import { children } from '../../api/grids';
import type { Catalogue, CaseQuery } from '../../api/incidents';
import { field, h } from '../../dom';
import { named } from '../../i18n';
import { gradeText, statusName } from '../caseText';
import { exportButton } from '../exports';
import { t } from './text';

/** The statuses a case on a work list can have: open ones, and resolved (to verify). */
const statuses = ['assigned', 'accepted', 'reopened', 'resolved'];

export interface WorkFilters {
  element: HTMLElement;
  /** The filters chosen, empty ones left out. */
  value(): CaseQuery;
}

/** @param placesUnder the unit whose places below (its grids, a township's villages) the list may be narrowed to. */
export async function workFilters(catalogue: Catalogue, changed: () => void, placesUnder?: string): Promise<WorkFilters> {
  const options = (codes: { code: string; text: string }[]) =>
    [h('option', { value: '' }, t('filterAny')), ...codes.map((c) => h('option', { value: c.code }, c.text))];
  const places = placesUnder ? await children(placesUnder).catch(() => []) : [];
  const controls = {
    category: h('select', { name: 'category' }, options(catalogue.categories.map((c) => ({ code: c.code, text: named(c, c.code) })))),
    grade: h('select', { name: 'grade' }, options(catalogue.grades.map((g) => ({ code: g.code, text: gradeText(catalogue, g.code) })))),
    status: h('select', { name: 'status' }, options(statuses.map((s) => ({ code: s, text: statusName(s) })))),
    unitCode: h('select', { name: 'unitCode' }, options(places.filter((p) => !p.retired).map((p) => ({ code: p.code, text: p.name })))),
    overdue: h('select', { name: 'overdue' }, options([{ code: 'true', text: t('filterOverdueYes') }, { code: 'false', text: t('filterOverdueNo') }])),
    from: h('input', { type: 'date', name: 'from' }),
    to: h('input', { type: 'date', name: 'to' }),
  };
  const value = (): CaseQuery => Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value]).filter(([, v]) => v !== ''));
  const note = h('p', { class: 'small', 'aria-live': 'polite' });
  const exportTo = (format: 'xlsx' | 'csv') =>
    exportButton(t('filterExport', { f: format.toUpperCase() }), '/incidents/work/export', () => ({ ...value(), format }), `work.${format}`, note);
  const element = h('form', { class: 'work-filters', onsubmit: (e: Event) => e.preventDefault(), onchange: () => changed() },
    h('div', { class: 'filters' },
      field(t('filterCategory'), controls.category), field(t('filterGrade'), controls.grade), field(t('filterStatus'), controls.status),
      places.length > 0 ? field(t('filterPlace'), controls.unitCode) : null,
      field(t('filterOverdue'), controls.overdue), field(t('filterFrom'), controls.from), field(t('filterTo'), controls.to)),
    h('div', { class: 'actions' }, exportTo('xlsx'), exportTo('csv')),
    note);
  return { element, value };
}
