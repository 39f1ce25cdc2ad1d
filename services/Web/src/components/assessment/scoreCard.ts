// A person's own month (the worker page): each item's count, its points each and the points, and the score, as a
// table and as a chart of the points per item — for the month he picks, this month first. The API scores one month
// at a time (GET /grids/assessment/people/{id}?month=), so the chart shows the parts of that month's score.
import { chartIn, fontFamily, type Chart } from '../../charts';
import { personAssessment, type Figures, type Weights } from '../../api/visits';
import { clear, errorText, field, h } from '../../dom';
import { items, t, thisMonth } from './text';

/** The items a person is scored on (missed deadlines count against units only), with the points each gave. */
function parts(figures: Figures, weights: Weights, withMisses: boolean): { key: (typeof items)[number]['key']; n: number; w: number; points: number }[] {
  return items.filter((i) => withMisses || i.key !== 'missedDeadlines').map((i) => {
    const n = figures[i.key];
    const w = weights[i.weight] as number;
    return { key: i.key, n, w, points: i.penalty ? -n * w : n * w };
  });
}

export function figuresTable(figures: Figures, weights: Weights, score: number, withMisses: boolean): HTMLElement {
  const rows = parts(figures, weights, withMisses).map((p) =>
    h('tr', { 'data-item': p.key }, h('th', { scope: 'row' }, t(p.key)), h('td', {}, String(p.n)), h('td', {}, String(p.w)),
      h('td', {}, String(p.points))));
  return h('table', { class: 'figures-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('item')), h('th', { scope: 'col' }, t('count')),
      h('th', { scope: 'col' }, t('weight')), h('th', { scope: 'col' }, t('points')))),
    h('tbody', {}, rows),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('total')), h('td', {}), h('td', {}), h('td', { 'data-score': '' }, String(score)))));
}

/** Points per item: green bars for what earned points, red below zero for the penalties. No tooltip: the table
 * below holds every number as text. */
function drawParts(chart: Chart, rows: ReturnType<typeof parts>): void {
  chart.setOption({
    aria: { enabled: true, label: { description: t('partsChart') } },
    textStyle: { fontFamily, fontSize: 13, color: '#1f2937' },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => t(r.key)), axisTick: { show: false } },
    series: [{
      type: 'bar', name: t('points'), barMaxWidth: 16,
      data: rows.map((r) => ({ value: r.points, itemStyle: { color: r.points < 0 ? '#b91c1c' : '#15803d' } })),
      label: { show: true, position: 'right', color: '#1f2937' },
    }],
  }, true);
}

/** The card and its disposer (the chart). */
export function myScoreCard(personId: string): { element: HTMLElement; load(): Promise<void>; stop(): void } {
  const monthInput = h('input', { type: 'month', name: 'month', value: thisMonth(), required: true });
  const form = h('form', { class: 'period', onsubmit: (e: Event) => { e.preventDefault(); void load(); } },
    field(t('month'), monthInput), h('div', { class: 'period-buttons' }, h('button', { type: 'submit' }, t('show'))));
  const summary = h('div', {});
  const chartBox = h('div', { class: 'chart score-parts', role: 'img', 'aria-label': t('partsChart') });
  const body = h('div', {});
  const [chart, disposeChart] = chartIn(chartBox);
  // A month asked for while another was on its way wins, whichever answer comes last.
  let asked = 0;
  const element = h('section', { class: 'card', 'aria-labelledby': 'score-h' }, h('h2', { id: 'score-h' }, t('myScoreTitle')),
    form, summary, chartBox, body);
  async function load(): Promise<void> {
    const month = monthInput.value || thisMonth();
    const mine = ++asked;
    try {
      const a = await personAssessment(personId, month);
      if (mine !== asked) return;
      clear(summary, h('p', { class: 'big-number', 'data-month': a.month }, `${t('monthScore', { m: a.month })}: `,
        h('strong', {}, String(a.person.score))));
      const rows = parts(a.person.figures, a.weights, false);
      chartBox.hidden = false;
      // The points the chart was given, in its order (tests read them back).
      chartBox.dataset.points = rows.map((r) => r.points).join(',');
      drawParts(chart, rows);
      clear(body, figuresTable(a.person.figures, a.weights, a.person.score, false));
    } catch (e) {
      if (mine !== asked) return;
      chartBox.hidden = true;
      clear(summary);
      clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }
  return { element, load, stop: disposeChart };
}
