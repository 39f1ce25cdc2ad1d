// The patrols of a unit's month on a map (巡查轨迹): the boundaries of the units below it (WGS-84, as
// served, docs/coordinates.md) with each patrol's track as a line and its first point as a dot.
import { patrolTracks } from '../../api/visits';
import { chartIn, echarts, fontFamily } from '../../charts';
import { h } from '../../dom';
import { shapesBelow } from '../unitShapes';
import { t } from './text';

export function patrolMap(unitCode: string): { element: HTMLElement; load(month: string): Promise<void>; stop(): void } {
  const box = h('div', { class: 'chart patrol-map', role: 'img', 'aria-label': t('mapLabel') });
  const summary = h('p', { class: 'muted small', 'data-patrol-tracks': '' });
  const element = h('div', {}, h('h3', {}, t('mapTitle')), summary, box);
  const [chart, dispose] = chartIn(box);
  const mapName = `patrols-${unitCode}`;
  let registered = false;

  async function load(month: string): Promise<void> {
    if (!registered) {
      const features = await shapesBelow(unitCode);
      if (features.length === 0) { box.hidden = true; summary.textContent = t('mapNoShapes'); return; }
      echarts.registerMap(mapName, { type: 'FeatureCollection', features } as never);
      registered = true;
    }
    const tracks = await patrolTracks(unitCode, month);
    const drawn = tracks.filter((p) => p.track.length > 0);
    summary.textContent = t('mapSummary', { n: tracks.length, drawn: drawn.length });
    chart.setOption({
      textStyle: { fontFamily },
      geo: { map: mapName, roam: true, nameProperty: 'code', itemStyle: { areaColor: '#f3f4f6', borderColor: '#9ca3af' }, emphasis: { disabled: true } },
      series: [
        { type: 'lines', coordinateSystem: 'geo', polyline: true, silent: true, lineStyle: { color: '#b91c1c', width: 2, opacity: 0.7 },
          data: drawn.filter((p) => p.track.length > 1).map((p) => ({ coords: p.track.map((pt) => [pt.lng, pt.lat]) })) },
        { type: 'scatter', coordinateSystem: 'geo', symbolSize: 7, itemStyle: { color: '#b91c1c' }, silent: true,
          data: drawn.map((p) => [p.track[0].lng, p.track[0].lat]) },
      ],
    }, true);
  }

  return { element, load, stop: dispose };
}
