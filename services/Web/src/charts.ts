// ECharts, bundled (no CDN): only the charts and components the dashboard uses, rendered as SVG
// so text stays sharp on a wall screen and Chinese uses the page's fonts. Maps are Leaflet's
// (components/map/geoMap.ts).
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GraphicComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { reducedMotion } from './motion';

echarts.use([BarChart, LineChart, AriaComponent, GraphicComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type Chart = echarts.ECharts;

/** A chart in the element, resized with it; returns the chart and a disposer. With reduced motion asked for,
 *  every option set on it has its animations off, whatever the page sets. */
export function chartIn(el: HTMLElement): [Chart, () => void] {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  if (reducedMotion()) {
    const setOption = chart.setOption.bind(chart) as (option: object, ...rest: unknown[]) => void;
    chart.setOption = ((option: object, ...rest: unknown[]) => setOption({ ...option, animation: false }, ...rest)) as Chart['setOption'];
  }
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  return [chart, () => { observer.disconnect(); chart.dispose(); }];
}

export const fontFamily = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
