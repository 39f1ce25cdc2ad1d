// GeoJSON MultiPolygons drawn as SVG paths, with no map tiles: a unit's outline and a point in it.
import type { Feature } from './api/grids';

const svgNs = 'http://www.w3.org/2000/svg';

interface Box { minX: number; minY: number; maxX: number; maxY: number }

function bounds(features: Feature[], extra: [number, number][] = []): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const add = ([x, y]: number[]) => {
    box.minX = Math.min(box.minX, x); box.maxX = Math.max(box.maxX, x);
    box.minY = Math.min(box.minY, y); box.maxY = Math.max(box.maxY, y);
  };
  for (const f of features) for (const polygon of f.geometry.coordinates) for (const ring of polygon) ring.forEach(add);
  extra.forEach(add);
  return box;
}

/** An SVG showing the outlines, with the point (lng, lat) marked; `label` is its text alternative. */
export function outlineWithPoint(features: Feature[], point: [number, number] | null, label: string): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.classList.add('outline-map');
  const box = bounds(features, point ? [point] : []);
  if (!isFinite(box.minX)) return svg;
  // Equirectangular, longitudes shrunk by cos(latitude) so shapes are not stretched.
  const k = Math.cos((((box.minY + box.maxY) / 2) * Math.PI) / 180);
  const w = Math.max((box.maxX - box.minX) * k, 1e-6), hgt = Math.max(box.maxY - box.minY, 1e-6);
  const size = 300, pad = 12, scale = (size - 2 * pad) / Math.max(w, hgt);
  const x = (lng: number) => pad + (lng - box.minX) * k * scale;
  const y = (lat: number) => pad + (box.maxY - lat) * scale;
  svg.setAttribute('viewBox', `0 0 ${w * scale + 2 * pad} ${hgt * scale + 2 * pad}`);
  for (const f of features) {
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', f.geometry.coordinates.map((polygon) => polygon.map((ring) =>
      ring.map(([lng, lat], i) => `${i ? 'L' : 'M'}${x(lng).toFixed(1)},${y(lat).toFixed(1)}`).join('') + 'Z').join('')).join(''));
    svg.append(path);
  }
  const [px, py] = point ?? [(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2];
  const dot = document.createElementNS(svgNs, 'circle');
  dot.setAttribute('cx', x(px).toFixed(1));
  dot.setAttribute('cy', y(py).toFixed(1));
  dot.setAttribute('r', '7');
  dot.setAttribute('class', point ? 'point' : 'point approx');
  svg.append(dot);
  return svg;
}
