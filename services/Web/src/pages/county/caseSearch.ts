// 案件查询 (issue #15): the cases under the unit shown, filtered by every field the list shows — the title's text,
// status, category, grade, tier, the place (a unit below the one shown, with its subtree), overdue, the filing days
// and the deadline's days — a page at a time, each opening to its case; 导出 XLSX / CSV export exactly the query
// shown (GET /incidents/export).
import { children, unit, unitName, type Unit } from '../../api/grids';
import { searchIncidents, type CaseQuery, type Incident } from '../../api/incidents';
import { categoryName, gradeText, statusName, tierName } from '../../components/caseText';
import { caseListUnit, exportButton } from '../../components/exports';
import { followOn, moreButton } from '../../components/moreButton';
import { clear, errorText, field, formatTime, h } from '../../dom';
import { common, named } from '../../i18n';
import { caseDialog } from './cases';
import type { CountyContext } from './context';
import { t } from './text';

const pageSize = 50;
const statuses = ['triage', 'filed', 'assigned', 'accepted', 'resolved', 'reopened', 'verified', 'closed', 'merged'];
const tiers = ['courtyard', 'village', 'township', 'county'];
/** The longest title text the API searches for (CaseListQuery.MaxTitleText). */
const maxTitleText = 100;

export interface CaseSearch { element: HTMLElement; search(): Promise<void> }

export function caseSearch(ctx: CountyContext): CaseSearch {
  const options = (codes: { code: string; text: string }[]) =>
    [h('option', { value: '' }, t('searchAny')), ...codes.map((c) => h('option', { value: c.code }, c.text))];
  const status = h('select', { name: 'status' }, options(statuses.map((s) => ({ code: s, text: statusName(s) }))));
  const category = h('select', { name: 'category' }, options(ctx.catalogue.categories.map((c) => ({ code: c.code, text: named(c, c.code) }))));
  const grade = h('select', { name: 'grade' }, options(ctx.catalogue.grades.map((g) => ({ code: g.code, text: gradeText(ctx.catalogue, g.code) }))));
  const tier = h('select', { name: 'tier' }, options(tiers.map((x) => ({ code: x, text: tierName(x) }))));
  const overdue = h('select', { name: 'overdue' }, options([{ code: 'true', text: t('searchOverdueYes') }, { code: 'false', text: t('searchOverdueNo') }]));
  const open = h('input', { type: 'checkbox', name: 'open' });
  const title = h('input', { type: 'search', name: 'q', maxlength: maxTitleText, placeholder: t('searchTitleHint') });
  // The units right below the one shown; filled when a search runs, since the dashboard's unit may have changed.
  const place = h('select', { name: 'unitCode' }, options([]));
  let placesOf = '';
  const from = h('input', { type: 'date', name: 'from', value: ctx.state.from });
  const to = h('input', { type: 'date', name: 'to', value: ctx.state.to });
  // 期限: a command centre asks "what falls due by Friday" (with 未超期: due soon, still in time), not only "what is late".
  const dueFrom = h('input', { type: 'date', name: 'dueFrom' });
  const dueTo = h('input', { type: 'date', name: 'dueTo' });
  const scope = h('p', { class: 'muted small', 'data-scope': '' });
  const results = h('div', { class: 'case-search-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'case-search', onsubmit: (e: Event) => { e.preventDefault(); void search(); } },
    h('div', { class: 'filters' },
      field(t('searchTitleText'), title), field(t('searchStatus'), status), field(t('searchCategory'), category),
      field(t('searchGrade'), grade), field(t('colTier'), tier), field(t('place'), place), field(t('colOverdue'), overdue),
      field(t('from'), from), field(t('to'), to), field(t('searchDueFrom'), dueFrom), field(t('searchDueTo'), dueTo),
      h('label', { class: 'check' }, open, ' ', t('searchOpen'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('searchRun'))));

  let runs = 0;
  async function search(): Promise<void> {
    // A search started later wins: an earlier answer arriving after it is dropped.
    const run = ++runs;
    // The unit is the one the dashboard shows (its drill-down): its whole subtree.
    const here = await unit(ctx.state.unitCode);
    if (placesOf !== ctx.state.unitCode) {
      placesOf = ctx.state.unitCode;
      await placesBelow(place, placesOf, options);
    }
    const filter: CaseQuery = Object.fromEntries(Object.entries({
      q: title.value.trim(), unitCode: place.value || caseListUnit(here, ctx.state.unitCode), status: status.value, category: category.value,
      grade: grade.value, tier: tier.value, overdue: overdue.value, open: open.checked ? 'true' : '', from: from.value, to: to.value,
      dueFrom: dueFrom.value, dueTo: dueTo.value,
    }).filter(([, v]) => v !== ''));
    clear(scope, t('searchScope', { unit: here?.name ?? await unitName(ctx.state.unitCode) }));
    clear(results, h('p', { class: 'muted' }, common('loading')));
    let shown: Incident[] = [];
    const draw = async (): Promise<void> => {
      const page = await searchIncidents(filter, pageSize, shown.length);
      shown = followOn(shown, page, (i) => i.id);
      const rows = await Promise.all(shown.map((i) => row(ctx, i)));
      if (run !== runs) return;
      const note = h('p', { class: 'small', 'aria-live': 'polite' });
      clear(results,
        h('div', { class: 'actions' },
          exportButton(t('searchExport', { f: 'XLSX' }), '/incidents/export', { ...filter, format: 'xlsx' }, 'cases.xlsx', note),
          exportButton(t('searchExport', { f: 'CSV' }), '/incidents/export', { ...filter, format: 'csv' }, 'cases.csv', note)),
        note,
        rows.length === 0 ? h('p', { class: 'muted' }, t('searchNone')) : h('div', { class: 'table-wrap' }, h('table', { class: 'case-search-table' },
          h('thead', {}, h('tr', {}, [t('colCase'), t('searchStatus'), t('searchCategory'), t('searchGrade'), t('colTier'), t('place'), t('filed'), t('colDue')]
            .map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, rows))),
        moreButton(page.length === pageSize ? 'some' : 0, draw));
    };
    try {
      await draw();
    } catch (e) {
      if (run === runs) clear(results, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  return { element: h('section', { class: 'card', 'data-section': 'case-search' }, h('h2', {}, t('searchTitle')), scope, form, results), search };
}

/** The place select's options: the units right below `code` (a township's villages), the choice kept if it is still one. */
async function placesBelow(select: HTMLSelectElement, code: string, options: (codes: { code: string; text: string }[]) => HTMLOptionElement[]): Promise<void> {
  const chosen = select.value;
  const units: Unit[] = await children(code).catch(() => []);
  select.replaceChildren(...options(units.filter((u) => !u.retired).map((u) => ({ code: u.code, text: u.name }))));
  select.value = units.some((u) => u.code === chosen) ? chosen : '';
}

async function row(ctx: CountyContext, i: Incident): Promise<HTMLTableRowElement> {
  return h('tr', { 'data-incident': i.id },
    h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => void caseDialog(i.id, ctx.catalogue) }, i.title)),
    h('td', {}, statusName(i.status)),
    h('td', { 'data-category': i.category }, categoryName(ctx.catalogue, i.category)),
    h('td', {}, gradeText(ctx.catalogue, i.grade)),
    h('td', {}, tierName(i.tier)),
    h('td', {}, await unitName(i.unitCode)),
    h('td', {}, formatTime(i.filedAt)),
    h('td', {}, formatTime(i.dueAt)));
}
