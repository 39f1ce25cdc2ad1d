// The patrols of a unit's month on a map (巡查轨迹): the boundaries of the units below it (WGS-84, as
// served, docs/coordinates.md) over the county's tiles or none, each patrol's track as a line and its
// first point as a dot (components/map/geoMap.ts).
import { boundary, children, type Feature } from '../../api/grids';
import { patrolTracks } from '../../api/visits';
import { geoMap } from '../map/geoMap';
import { formatTime, h } from '../../dom';
import { t } from './text';

const trackColour = '#b91c1c';

export function patrolMap(unitCode: string): { element: HTMLElement; load(month: string): Promise<void>; stop(): void } {
  const box = h('div', { class: 'chart patrol-map', role: 'img', 'aria-label': t('mapLabel') });
  const summary = h('p', { class: 'muted small', 'data-patrol-tracks': '' });
  const element = h('div', {}, h('h3', {}, t('mapTitle')), summary, box);
  const map = geoMap(box);
  let features: Feature[] | null = null;
  const names = new Map<string, string>();

  async function shapes(): Promise<Feature[]> {
    const below = await children(unitCode).catch(() => []);
    below.forEach((u) => names.set(u.code, u.name));
    const found = (await Promise.all(below.map((u) => boundary(u.code)))).filter((f): f is Feature => f !== null);
    if (found.length > 0) return found;
    const own = await boundary(unitCode);
    return own ? [own] : [];
  }

  async function load(month: string): Promise<void> {
    features ??= await shapes();
    if (features.length === 0) { box.hidden = true; summary.textContent = t('mapNoShapes'); return; }
    const tracks = await patrolTracks(unitCode, month);
    const drawn = tracks.filter((p) => p.track.length > 0);
    summary.textContent = t('mapSummary', { n: tracks.length, drawn: drawn.length });
    const tip = (at: string) => h('div', { class: 'chart-tip' }, formatTime(at));
    (await map).draw({
      areas: features.map((feature) => ({ feature, fill: '#f3f4f6', fillOpacity: 0.5, tip: h('div', { class: 'chart-tip' }, names.get(feature.properties.code) ?? feature.properties.code) })),
      tracks: drawn.filter((p) => p.track.length > 1).map((p) => ({ points: p.track.map((pt) => [pt.lng, pt.lat]), color: trackColour, tip: tip(p.track[0].at) })),
      spots: drawn.map((p) => ({ at: [p.track[0].lng, p.track[0].lat], color: trackColour, tip: tip(p.track[0].at) })),
    });
  }

  return { element, load, stop: () => void map.then((m) => m.dispose()) };
}
