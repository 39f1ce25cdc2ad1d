// The patrols of a unit's month on a map (巡查轨迹): the boundaries of the units below it (WGS-84, as
// served, docs/coordinates.md) over the county's tiles or none, each patrol's track as a line and its
// first point as a dot (components/map/geoMap.ts).
import { patrolTracks } from '../../api/visits';
import { geoMap, mapBox } from '../map/geoMap';
import { shapesBelow, type Outline } from '../unitShapes';
import { formatTime, h } from '../../dom';
import { t } from './text';

const trackColour = '#b91c1c';

export function patrolMap(unitCode: string): { element: HTMLElement; load(month: string): Promise<void>; stop(): void } {
  const box = mapBox('chart patrol-map', t('mapLabel'));
  const summary = h('p', { class: 'muted small', 'data-patrol-tracks': '' });
  const element = h('div', {}, h('h3', {}, t('mapTitle')), summary, box);
  const map = geoMap(box);
  let outlines: Outline[] | null = null;

  async function load(month: string): Promise<void> {
    outlines ??= await shapesBelow(unitCode);
    if (outlines.length === 0) { box.hidden = true; summary.textContent = t('mapNoShapes'); return; }
    const tracks = await patrolTracks(unitCode, month);
    const drawn = tracks.filter((p) => p.track.length > 0);
    summary.textContent = t('mapSummary', { n: tracks.length, drawn: drawn.length });
    const tip = (at: string) => h('div', { class: 'chart-tip' }, formatTime(at));
    (await map).draw({
      areas: outlines.map(({ feature, name }) => ({ feature, fill: '#f3f4f6', fillOpacity: 0.5, tip: h('div', { class: 'chart-tip' }, name) })),
      tracks: drawn.filter((p) => p.track.length > 1).map((p) => ({ points: p.track.map((pt) => [pt.lng, pt.lat]), color: trackColour, tip: tip(p.track[0].at) })),
      spots: drawn.map((p) => ({ at: [p.track[0].lng, p.track[0].lat], color: trackColour, tip: tip(p.track[0].at) })),
    });
  }

  return { element, load, stop: () => void map.then((m) => m.dispose()) };
}
