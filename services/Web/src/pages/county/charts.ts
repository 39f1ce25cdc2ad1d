// The dashboard's charts (ECharts, SVG). Tooltips are built as DOM with text nodes, never as HTML
// from names: a unit's name is data someone typed.
import type { Feature, Unit } from '../../api/grids';
import type { ChildFigures, TrendPoint } from '../../api/incidents';
import { echarts, fontFamily, type Chart } from '../../charts';
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

/** The units below, coloured by cases filed; a click drills down. */
export function renderMap(chart: Chart, mapName: string, shapes: Feature[], units: Unit[], kids: ChildFigures[], drill: (code: string) => void): void {
  if (shapes.length === 0) {
    chart.clear();
    chart.setOption({ graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: t('mapNoShapes'), fill: '#6b7280' } }] });
    return;
  }
  echarts.registerMap(mapName, { type: 'FeatureCollection', features: shapes } as never);
  const filed = new Map(kids.map((k) => [k.unitCode, k.filed]));
  const names = new Map(units.map((u) => [u.code, u.name]));
  const max = Math.max(1, ...kids.map((k) => k.filed));
  chart.off('click');
  chart.setOption({
    textStyle: baseText(),
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number }) =>
        tip([names.get(p.name) ?? p.name, `${t('filed')}: ${Number.isFinite(p.value) ? p.value : 0}`]),
    },
    visualMap: { min: 0, max, left: 8, bottom: 8, text: [String(max), '0'], calculable: false, inRange: { color: ['#fef3c7', '#f59e0b', '#b91c1c'] } },
    series: [{
      type: 'map', map: mapName, nameProperty: 'code', roam: false, selectedMode: false,
      // Labels are drawn as SVG text, not HTML.
      label: { show: true, formatter: (p: { name: string }) => names.get(p.name) ?? p.name, fontFamily, fontSize: 13 },
      emphasis: { label: { show: true }, itemStyle: { areaColor: '#60a5fa' } },
      itemStyle: { borderColor: '#374151', borderWidth: 1 },
      data: units.map((u) => ({ name: u.code, value: filed.get(u.code) ?? 0 })),
    }],
  }, true);
  chart.on('click', (p) => { if (p.name && names.has(p.name)) drill(p.name); });
}
