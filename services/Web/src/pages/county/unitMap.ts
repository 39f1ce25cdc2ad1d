// The dashboard's map (案件分布): the units below coloured by cases filed in the period (a click drills
// down), and the period's cases that carry a location as points coloured by status, over the
// county's tiles or none (components/map/geoMap.ts).
import type { Feature, Unit } from '../../api/grids';
import type { ChildFigures, Incident } from '../../api/incidents';
import { statusName } from '../../components/caseText';
import type { GeoMap } from '../../components/map/geoMap';
import { h } from '../../dom';
import { t } from './text';

/** A colour per status: waiting red, in hand amber, awaiting verification blue, settled green/grey. */
export const statusColours: Record<string, string> = {
  triage: '#7c3aed', filed: '#dc2626', assigned: '#ea580c', accepted: '#d97706', reopened: '#be123c', resolved: '#2563eb',
  verified: '#0891b2', closed: '#16a34a', merged: '#6b7280',
};
const colourOf = (status: string) => statusColours[status] ?? '#6b7280';
const scale = ['#fef3c7', '#fde68a', '#f59e0b', '#d97706', '#b91c1c'];

const tip = (lines: string[]) => h('div', { class: 'chart-tip' }, lines.map((line) => h('div', {}, line)));

export function renderUnitMap(map: GeoMap, note: HTMLElement, shapes: Feature[], units: Unit[], kids: ChildFigures[], cases: Incident[],
  drill: (code: string) => void): void {
  const filed = new Map(kids.map((k) => [k.unitCode, k.filed]));
  const names = new Map(units.map((u) => [u.code, u.name]));
  const max = Math.max(1, ...kids.map((k) => k.filed));
  const located = cases.filter((c) => c.location);
  const drawn = map.draw({
    areas: shapes.map((feature) => {
      const code = feature.properties.code, n = filed.get(code) ?? 0;
      return {
        feature, fill: scale[Math.min(scale.length - 1, Math.floor((n / max) * (scale.length - 1)))],
        tip: tip([names.get(code) ?? code, `${t('filed')}: ${n}`]), onClick: () => drill(code),
      };
    }),
    spots: located.map((c) => ({
      at: [c.location!.lng, c.location!.lat], color: colourOf(c.status),
      tip: tip([c.title, statusName(c.status)]), data: { status: c.status, case: c.id },
    })),
  });
  note.textContent = drawn ? t('mapCases', { n: located.length }) : t('mapNoShapes');
}

/** The statuses' colours, as a key under the map. */
export function statusKey(): HTMLElement {
  return h('ul', { class: 'map-key' }, Object.entries(statusColours).map(([status, colour]) => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = colour;
    return h('li', {}, swatch, statusName(status));
  }));
}
