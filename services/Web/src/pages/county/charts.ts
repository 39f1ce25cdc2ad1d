// The dashboard's charts (ECharts, SVG). Tooltips are built as DOM with text nodes, never as HTML
// from names: a unit's name is data someone typed.
import type { TrendPoint } from '../../api/incidents';
import { fontFamily, type Chart } from '../../charts';
import { h } from '../../dom';
import { t } from './text';

const baseText = () => ({ fontFamily, fontSize: 14, color: '#1f2937' });

/** A tooltip's content: one line per entry, as text. */
function tip(lines: string[]): HTMLElement {
  return h('div', { class: 'chart-tip' }, lines.map((line) => h('div', {}, line)));
}

interface AxisParam { name: string; seriesName?: string; value: unknown }
const asList = (p: AxisParam | AxisParam[]) => (Array.isArray(p) ? p : [p]);

export function renderBars(chart: Chart, rows: [string, number][]): void {
  chart.setOption({
    aria: { enabled: true },
    textStyle: baseText(),
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: AxisParam | AxisParam[]) => tip(asList(p).map((x) => `${x.name}: ${String(x.value)}`)),
    },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r[0]), inverse: true },
    series: [{ type: 'bar', data: rows.map((r) => r[1]), itemStyle: { color: '#b45309' }, label: { show: true, position: 'right' } }],
    graphic: rows.length ? [] : [{ type: 'text', left: 'center', top: 'middle', style: { text: t('nothing'), fill: '#6b7280' } }],
  }, true);
}

export function renderTrend(chart: Chart, points: TrendPoint[]): void {
  chart.setOption({
    aria: { enabled: true },
    textStyle: baseText(),
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (p: AxisParam | AxisParam[]) => {
        const list = asList(p);
        return tip([list[0]?.name ?? '', ...list.map((x) => `${x.seriesName ?? ''}: ${String(x.value)}`)]);
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('filed'), type: 'line', data: points.map((p) => p.filed), itemStyle: { color: '#c2410c' } },
      { name: t('closed'), type: 'line', data: points.map((p) => p.closed), itemStyle: { color: '#15803d' } },
    ],
  }, true);
}
