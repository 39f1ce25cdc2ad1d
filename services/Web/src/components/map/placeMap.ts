// A case's place on a map (the board's case dialog): the real boundary of its courtyard or grid, the
// unit above it drawn faintly around it, and the case's point — over the county's tiles or none.
import { boundary, unitPath, type Feature } from '../../api/grids';
import { h } from '../../dom';
import { geoMap, mapBox } from './geoMap';

/** The map's element at once (filled when the boundaries came) and a disposer for when the dialog closes. */
export function placeMap(unitCode: string, point: [number, number] | null, label: string): { element: HTMLElement; dispose(): void } {
  const element = mapBox('outline-map', label);
  const made = (async () => {
    const path = await unitPath(unitCode).catch(() => []);
    const above = path.length > 1 ? path[path.length - 2] : null;
    const [own, outer] = await Promise.all([boundary(unitCode), above ? boundary(above.code) : Promise.resolve(null)]);
    if (!own) { element.hidden = true; return null; }
    const map = await geoMap(element);
    const area = (feature: Feature, name: string, fill: string, fillOpacity: number) => ({ feature, fill, fillOpacity, tip: h('div', { class: 'chart-tip' }, name) });
    map.draw({
      areas: [
        ...(outer && above ? [area(outer, above.name, '#e5e7eb', 0.3)] : []),
        area(own, path[path.length - 1]?.name ?? unitCode, '#bbf7d0', 0.6),
      ],
      spots: point ? [{ at: point, color: '#dc2626', tip: h('div', { class: 'chart-tip' }, label), data: { point: '' } }] : [],
    });
    return map;
  })();
  return { element, dispose: () => void made.then((m) => m?.dispose()) };
}
