// ECharts, bundled (no CDN): only the charts and components the dashboard uses, rendered as SVG
// so text stays sharp on a wall screen and Chinese uses the page's fonts.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, LinesChart, MapChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GeoComponent, GraphicComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, LinesChart, MapChart, ScatterChart, AriaComponent, GeoComponent, GraphicComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export { echarts };
export type Chart = echarts.ECharts;

/** A chart in the element, resized with it; returns the chart and a disposer. */
export function chartIn(el: HTMLElement): [Chart, () => void] {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  return [chart, () => { observer.disconnect(); chart.dispose(); }];
}

export const fontFamily = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
