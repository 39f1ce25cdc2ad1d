// A case list's filter bar (issue #15: a case list filters by every field it shows): the title's text, category,
// grade, status, tier, the place below the page's unit, overdue, 督办, 包案 and the filing dates — the case list's
// filters (CaseListQuery.cs) — and 导出 XLSX / CSV of exactly the list shown. The work lists use it (GET
// /incidents/work applies the filters to every bucket; the export is GET /incidents/work/export), and so do the
// plain case lists (a grid's open cases on the county page, the grid worker's other open cases: GET /incidents and
// /incidents/export with the list's own unit).
import { children } from '../../api/grids';
import type { Catalogue, CaseQuery } from '../../api/incidents';
import { field, h } from '../../dom';
import { named } from '../../i18n';
import { gradeText, statusName, tierName } from '../caseText';
import { exportButton } from '../exports';
import { t } from './text';

/** The statuses a case on a work list can have: open ones, and resolved (to verify). */
const workStatuses = ['assigned', 'accepted', 'reopened', 'resolved'];
/** The statuses of an open case, for a plain case list of open ones. */
export const openStatuses = ['filed', 'assigned', 'accepted', 'resolved', 'reopened', 'verified'];
const tiers = ['courtyard', 'village', 'township', 'county'];
/** The longest title text the API searches for (CaseListQuery.MaxTitleText). */
const maxTitleText = 100;

export interface WorkFilters {
  element: HTMLElement;
  /** The filters chosen, empty ones left out. */
  value(): CaseQuery;
}

export interface FilterOptions {
  /** The unit whose places below (its grids, a township's villages) the list may be narrowed to. */
  placesUnder?: string;
  /** The statuses offered (a work list's by default). */
  statuses?: string[];
  /** What 导出 fetches (the work list's export by default) and what it always sends: the list's own unit, say. */
  exportTo?: { path: string; name: string; scope?: CaseQuery };
  /** Folded under a summary line (a phone's page), open once a filter is set. */
  folded?: string;
}

export async function workFilters(catalogue: Catalogue, changed: () => void, o: FilterOptions = {}): Promise<WorkFilters> {
  const options = (codes: { code: string; text: string }[]) =>
    [h('option', { value: '' }, t('filterAny')), ...codes.map((c) => h('option', { value: c.code }, c.text))];
  const yesNo = (yes: string, no: string) => options([{ code: 'true', text: yes }, { code: 'false', text: no }]);
  const places = o.placesUnder ? await children(o.placesUnder).catch(() => []) : [];
  const controls = {
    q: h('input', { type: 'search', name: 'q', maxlength: maxTitleText, placeholder: t('filterTitleHint') }),
    category: h('select', { name: 'category' }, options(catalogue.categories.map((c) => ({ code: c.code, text: named(c, c.code) })))),
    grade: h('select', { name: 'grade' }, options(catalogue.grades.map((g) => ({ code: g.code, text: gradeText(catalogue, g.code) })))),
    status: h('select', { name: 'status' }, options((o.statuses ?? workStatuses).map((s) => ({ code: s, text: statusName(s) })))),
    tier: h('select', { name: 'tier' }, options(tiers.map((x) => ({ code: x, text: tierName(x) })))),
    unitCode: h('select', { name: 'unitCode' }, options(places.filter((p) => !p.retired).map((p) => ({ code: p.code, text: p.name })))),
    overdue: h('select', { name: 'overdue' }, yesNo(t('filterOverdueYes'), t('filterOverdueNo'))),
    supervised: h('select', { name: 'supervised' }, yesNo(t('filterYes'), t('filterNo'))),
    inHand: h('select', { name: 'inHand' }, yesNo(t('filterYes'), t('filterNo'))),
    from: h('input', { type: 'date', name: 'from' }),
    to: h('input', { type: 'date', name: 'to' }),
  };
  const value = (): CaseQuery => Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value.trim()]).filter(([, v]) => v !== ''));
  // A change and the Enter that submits the title's text may both come for one edit: the list is read once.
  let last = JSON.stringify(value());
  const notify = (): void => {
    const now = JSON.stringify(value());
    if (now === last) return;
    last = now;
    changed();
  };
  const note = h('p', { class: 'small', 'aria-live': 'polite' });
  const target = o.exportTo ?? { path: '/incidents/work/export', name: 'work' };
  const exportAs = (format: 'xlsx' | 'csv') => exportButton(t('filterExport', { f: format.toUpperCase() }), target.path,
    () => ({ ...target.scope, ...value(), format }), `${target.name}.${format}`, note);
  const bar = [
    h('div', { class: 'filters' },
      field(t('filterTitle'), controls.q),
      field(t('filterCategory'), controls.category), field(t('filterGrade'), controls.grade), field(t('filterStatus'), controls.status),
      field(t('filterTier'), controls.tier), places.length > 0 ? field(t('filterPlace'), controls.unitCode) : null,
      field(t('filterOverdue'), controls.overdue), field(t('filterSupervised'), controls.supervised), field(t('filterInHand'), controls.inHand),
      field(t('filterFrom'), controls.from), field(t('filterTo'), controls.to)),
    h('div', { class: 'actions' }, exportAs('xlsx'), exportAs('csv')),
    note,
  ];
  const element = h('form', { class: 'work-filters', onsubmit: (e: Event) => { e.preventDefault(); notify(); }, onchange: notify },
    o.folded ? h('details', {}, h('summary', {}, o.folded), bar) : bar);
  return { element, value };
}
