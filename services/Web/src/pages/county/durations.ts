// 办理时效 on the dashboard (issue #15 item 3): the times to accept (签收) and to resolve (办结) as distributions.
// Each measure is a bar chart over the API's own histogram buckets (their bounds come with the figures: nothing
// here knows them), with the median and p90 as text and the numbers as a table beside the chart — what a screen
// reader reads instead of the picture, and what a test compares with the API.
import type { Distribution, Durations } from '../../api/incidents';
import { chartIn, fontFamily, type Chart } from '../../charts';
import { clear, h } from '../../dom';
import { dictionary } from '../../i18n';

export const t = dictionary({
  durations: ['办理时效', 'Times to accept and resolve'],
  accept: ['签收时长', 'Time to accept'],
  resolve: ['办结时长', 'Time to resolve'],
  medianP90: ['中位数 {m} · P90 {p}（{n} 件）', 'median {m} · p90 {p} ({n} cases)'],
  none: ['—', '—'],
  chart: ['{m}分布：各时长区间的件数', '{m}: cases per time band'],
  table: ['{m}分布数据表', '{m}: the figures'],
  colBand: ['时长区间', 'Time band'],
  colCases: ['件数', 'Cases'],
  minute: ['{n} 分钟', '{n} min'],
  hour: ['{n} 小时', '{n} h'],
  day: ['{n} 天', '{n} d'],
  minuteBand: ['{a}–{b} 分钟', '{a}–{b} min'],
  hourBand: ['{a}–{b} 小时', '{a}–{b} h'],
  dayBand: ['{a}–{b} 天', '{a}–{b} d'],
  first: ['{s}以内', 'up to {s}'],
  last: ['{s}以上', 'over {s}'],
  band: ['{a}–{b}', '{a}–{b}'],
});

/** One distribution per measure, in the order shown. */
const measures = ['accept', 'resolve'] as const;
type Measure = (typeof measures)[number];

/** Bars: blue for accepting, green for resolving; both above 4.5:1 on white, so the bars read without the table too. */
const colours: Record<Measure, string> = { accept: '#1d4ed8', resolve: '#15803d' };

type UnitKey = 'minute' | 'hour' | 'day';

/** A bound in minutes in the largest unit it is a whole number of (60 → 1 hour, 2880 → 2 days). */
function inUnits(minutes: number): { n: number; unit: UnitKey } {
  if (minutes >= 1440 && minutes % 1440 === 0) return { n: minutes / 1440, unit: 'day' };
  if (minutes >= 60 && minutes % 60 === 0) return { n: minutes / 60, unit: 'hour' };
  return { n: minutes, unit: 'minute' };
}

const spoken = (minutes: number): string => { const s = inUnits(minutes); return t(s.unit, { n: s.n }); };

/** Each bucket's label in human units, from the API's upper bounds: bucket i holds durations above bound i−1 and up
 * to bound i; the first starts at 0, the last (no bound) holds everything above the bound before it. */
export function bandLabels(buckets: Distribution['buckets']): string[] {
  return buckets.map((b, i) => {
    const below = i > 0 ? buckets[i - 1].upToMinutes : null;
    if (b.upToMinutes === null) return below === null ? t('none') : t('last', { s: spoken(below) });
    if (below === null) return t('first', { s: spoken(b.upToMinutes) });
    const [a, z] = [inUnits(below), inUnits(b.upToMinutes)];
    // "1–2 小时" when both ends share a unit, "30 分钟–1 小时" when they do not.
    return a.unit === z.unit ? t(`${z.unit}Band`, { a: a.n, b: z.n }) : t('band', { a: spoken(below), b: spoken(b.upToMinutes) });
  });
}

/** A median or p90 (the upper bound of a bucket, in hours) in the unit its bucket's label uses: "5 分钟", not "0.083 小时". */
const quantile = (hours: number | null): string => hours === null ? t('none') : spoken(Math.round(hours * 60));

function draw(chart: Chart, measure: Measure, labels: string[], counts: number[]): void {
  chart.setOption({
    aria: { enabled: true, label: { description: t('chart', { m: t(measure) }) } },
    textStyle: { fontFamily, fontSize: 13, color: '#1f2937' },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    // No tooltip: the table beside the chart holds every number as text.
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: labels, axisTick: { show: false } },
    series: [{
      type: 'bar', name: t(measure), data: counts, itemStyle: { color: colours[measure] }, barMaxWidth: 14,
      label: { show: true, position: 'right', color: '#1f2937', formatter: (p: { value: unknown }) => (p.value ? String(p.value) : '') },
    }],
  }, true);
}

/** A measure's part of the panel: its heading, median and p90, chart and table. */
function measureBlock(measure: Measure): { element: HTMLElement; show(d: Distribution): void; dispose(): void } {
  const summary = h('p', { 'data-median': '' });
  const box = h('div', { class: 'chart distribution', role: 'img', 'aria-label': t('chart', { m: t(measure) }) });
  const tableBody = h('tbody', {});
  const table = h('details', { class: 'chart-table' }, h('summary', {}, t('table', { m: t(measure) })),
    h('table', { class: 'figures-table', 'data-buckets': measure },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('colBand')), h('th', { scope: 'col' }, t('colCases')))), tableBody));
  const [chart, dispose] = chartIn(box);
  const element = h('div', { class: 'distribution-block', 'data-duration': measure }, h('h3', {}, t(measure)), summary, box, table);
  return {
    element,
    show(d) {
      const labels = bandLabels(d.buckets);
      const counts = d.buckets.map((b) => b.cases);
      summary.textContent = t('medianP90', { m: quantile(d.medianHours), p: quantile(d.p90Hours), n: d.cases });
      // The counts the chart was given, as the page shows them (tests read them back).
      box.dataset.counts = counts.join(',');
      draw(chart, measure, labels, counts);
      clear(tableBody, d.buckets.map((b, i) => h('tr', { 'data-up-to': b.upToMinutes ?? '' },
        h('th', { scope: 'row' }, labels[i]), h('td', {}, String(b.cases)))));
    },
    dispose,
  };
}

/** The panel: both distributions side by side (one above the other on a narrow screen). `extra` ends the card
 * (its export buttons). Its charts live as long as the layout; `show` only changes the figures. */
export function durationsPanel(extra: HTMLElement): { element: HTMLElement; show(d: Durations): void; dispose(): void } {
  const blocks = measures.map((m) => measureBlock(m));
  const element = h('section', { class: 'card span3', 'data-section': 'durations' }, h('h2', {}, t('durations')),
    h('div', { class: 'distributions' }, blocks.map((b) => b.element)), extra);
  return {
    element,
    show: (d) => measures.forEach((m, i) => blocks[i].show(d[m])),
    dispose: () => blocks.forEach((b) => b.dispose()),
  };
}
