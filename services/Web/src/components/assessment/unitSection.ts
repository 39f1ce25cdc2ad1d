// A unit's month (county, township and village pages): the units directly below it and the people
// registered at it or directly below it, as tables, and the units' per-person scores as a chart; the
// month's patrol tracks on a map.
import { chartIn, fontFamily, type Chart } from '../../charts';
import { unitAssessment, type Figures, type PersonScore, type UnitAssessment, type UnitScore } from '../../api/visits';
import { clear, errorText, field, h, scrollBox } from '../../dom';
import { common } from '../../i18n';
import { roleName } from '../../roles';
import { patrolMap } from './patrolMap';
import { items, t, thisMonth } from './text';

const itemCells = (f: Figures, withMisses: boolean) =>
  items.filter((i) => withMisses || i.key !== 'missedDeadlines').map((i) => h('td', {}, String(f[i.key])));

const itemHeads = (withMisses: boolean) =>
  items.filter((i) => withMisses || i.key !== 'missedDeadlines').map((i) => h('th', { scope: 'col' }, t(i.key)));

function unitsTable(rows: UnitScore[], total: UnitScore): HTMLElement {
  const row = (u: UnitScore) => h('tr', { 'data-unit': u.unitCode },
    h('th', { scope: 'row' }, u.name), h('td', {}, String(u.people)), ...itemCells(u.figures, true),
    h('td', {}, String(u.score)), h('td', {}, u.perPerson.toFixed(2)));
  return scrollBox(h('table', { class: 'figures-table', 'aria-label': t('unitsBelow') },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('unit')), h('th', { scope: 'col' }, t('people')), ...itemHeads(true),
      h('th', { scope: 'col' }, t('score')), h('th', { scope: 'col' }, t('perPerson')))),
    h('tbody', {}, rows.map((u) => row(u))),
    h('tfoot', {}, row({ ...total, name: `${t('total')}（${total.name}）` }))), t('unitsBelow'));
}

function peopleTable(rows: PersonScore[]): HTMLElement {
  return scrollBox(h('table', { class: 'figures-table', 'aria-label': t('peopleBelow') },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('person')), ...itemHeads(false), h('th', { scope: 'col' }, t('score')))),
    h('tbody', {}, rows.map((p) => h('tr', { 'data-person': p.personId },
      h('th', { scope: 'row' }, `${p.name} · ${roleName(p.role)}`), ...itemCells(p.figures, false), h('td', {}, String(p.score)))))),
    t('peopleBelow'));
}

/** A long list of people (a county's or a township's: everyone at the townships or villages below) stays folded
 * until asked for, and its rows are built only then: a few hundred rows of figures made the dashboard slow to draw
 * and to read on a phone, where the units' table above is what is looked at first. A short one is shown. */
const peopleShownUnfolded = 30;

function people(rows: PersonScore[]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted' }, t('nobody'));
  if (rows.length <= peopleShownUnfolded) return peopleTable(rows);
  const folded = h('details', { class: 'people-list' }, h('summary', {}, t('showPeople', { n: String(rows.length) })));
  folded.addEventListener('toggle', () => {
    if (folded.open && folded.childElementCount === 1) folded.append(peopleTable(rows));
  });
  return folded;
}

function draw(chart: Chart, a: UnitAssessment): void {
  chart.setOption({
    aria: { enabled: true, label: { description: t('chartLabel') } },
    textStyle: { fontFamily },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    // No tooltip: ECharts builds it as HTML from the units' names; the table below holds every number as text.
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: a.units.map((u) => u.name) },
    series: [{ type: 'bar', name: t('perPerson'), data: a.units.map((u) => u.perPerson) }],
  }, true);
}

/** The section and its disposer (the chart). */
export function unitAssessmentSection(unitCode: string): { element: HTMLElement; load(): Promise<void>; stop(): void } {
  const monthInput = h('input', { type: 'month', name: 'month', value: thisMonth(), required: true });
  const body = h('div', {}, h('p', { class: 'muted' }, common('loading')));
  const chartBox = h('div', { class: 'chart small-chart', role: 'img', 'aria-label': t('chartLabel') });
  const [chart, disposeChart] = chartIn(chartBox);
  const form = h('form', { class: 'period', onsubmit: (e: Event) => { e.preventDefault(); void load(); } },
    field(t('month'), monthInput), h('div', { class: 'period-buttons' }, h('button', { type: 'submit' }, t('show'))));
  const map = patrolMap(unitCode);
  const element = h('section', { class: 'card assessment', 'aria-labelledby': 'assessment-h' },
    h('h2', { id: 'assessment-h' }, t('assessmentTitle')), form, chartBox, body, map.element);

  async function load(): Promise<void> {
    try {
      const month = monthInput.value || thisMonth();
      const [a] = await Promise.all([unitAssessment(unitCode, month), map.load(month)]);
      chartBox.hidden = a.units.length === 0;
      if (a.units.length > 0) draw(chart, a);
      clear(body,
        h('h3', {}, t('unitsBelow')), a.units.length === 0 ? h('p', { class: 'muted' }, t('noneBelow')) : unitsTable(a.units, a.unit),
        h('h3', {}, t('peopleBelow')), people(a.people));
    } catch (e) {
      clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }
  return { element, load, stop: () => { disposeChart(); map.stop(); } };
}
