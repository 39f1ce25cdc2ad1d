// A map with Leaflet (bundled, no CDN), drawn as SVG: no canvas, no WebGL, no workers, so the strict
// CSP holds and headless Chromium draws it. Under the shapes, the raster tiles the county configured
// (GET /grids/map), or none: boundaries only, and no request leaves for anywhere. Shapes and points
// come in WGS-84 (docs/coordinates.md) and are shifted to GCJ-02 only to sit on GCJ-02 tiles.
// Tooltips and the credit line are DOM nodes with text, never HTML: names are typed by people.
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { mapBase, type Feature, type MapBase } from '../../api/grids';
import { h } from '../../dom';
import { common } from '../../i18n';
import { reducedMotion } from '../../motion';
import { wgs84ToGcj02 } from './gcj02';

type LngLat = [number, number];

/** A unit's outline, filled. */
export interface Area { feature: Feature; fill: string; fillOpacity?: number; tip: HTMLElement; onClick?: () => void }
/** A point (a case), with data-* attributes for its element. */
export interface Spot { at: LngLat; color: string; tip: HTMLElement; data?: Record<string, string> }
/** A line through points (a patrol's track). */
export interface Track { points: LngLat[]; color: string; tip?: HTMLElement }

export interface GeoMap {
  /** Replaces what is drawn and fits the view to it; false when there was nothing to draw. */
  draw(layers: { areas?: Area[]; spots?: Spot[]; tracks?: Track[] }): boolean;
  dispose(): void;
}

/** The box a map is drawn in, named for screen readers. A region, not an image: Leaflet puts its zoom buttons and
 * the keyboard's focus inside it, and an image may hold nothing one can operate (axe's nested-interactive). */
export function mapBox(className: string, label: string): HTMLElement {
  return h('div', { class: className, role: 'region', 'aria-label': label });
}

/** A map in the element (which must have a height); the base map is read once per page. */
export async function geoMap(el: HTMLElement): Promise<GeoMap> {
  const base = await mapBase();
  const shift: (p: LngLat) => LngLat = base.tileUrl && base.tileCrs === 'gcj02' ? wgs84ToGcj02 : (p) => p;
  const latLng = (p: LngLat): L.LatLngTuple => { const [lng, lat] = shift(p); return [lat, lng]; };

  const still = reducedMotion();
  const map = L.map(el, {
    renderer: L.svg({ padding: 0.2 }), preferCanvas: false, attributionControl: false, zoomControl: false, zoomSnap: 0.25, maxZoom: base.maxZoom,
    zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still,
  });
  // Leaflet's own zoom buttons say "Zoom in" in English: the same control, in the page's language.
  L.control.zoom({ zoomInTitle: common('zoomIn'), zoomOutTitle: common('zoomOut') }).addTo(map);
  if (base.tileUrl) addTiles(map, base);
  const drawn = L.featureGroup().addTo(map);
  // A map made before its box had a size (a dialog not yet open) fits what it drew again once it has one.
  let fitted: L.LatLngBounds | null = null;
  const observer = new ResizeObserver(() => {
    map.invalidateSize();
    if (fitted && el.clientWidth > 0) map.fitBounds(fitted, { padding: [12, 12] });
  });
  observer.observe(el);

  function draw({ areas = [], spots = [], tracks = [] }: { areas?: Area[]; spots?: Spot[]; tracks?: Track[] }): boolean {
    drawn.clearLayers();
    // Leaflet makes a layer's element once the map has a view: the data-* attributes wait for fitBounds.
    const marks: [L.Path, Record<string, string>][] = [];
    for (const a of areas) {
      const rings = a.feature.geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map((p) => latLng(p as LngLat))));
      const shape = L.polygon(rings, { className: 'map-area', color: '#374151', weight: 1, fillColor: a.fill, fillOpacity: a.fillOpacity ?? 0.6 })
        .bindTooltip(a.tip, { sticky: true }).addTo(drawn);
      if (a.onClick) shape.on('click', a.onClick);
      marks.push([shape, { unit: a.feature.properties.code }]);
    }
    for (const t of tracks) {
      const line = L.polyline(t.points.map(latLng), { className: 'map-track', color: t.color, weight: 2, opacity: 0.8 }).addTo(drawn);
      if (t.tip) line.bindTooltip(t.tip, { sticky: true });
    }
    for (const s of spots) {
      const dot = L.circleMarker(latLng(s.at), { className: 'map-spot', radius: 6, color: '#ffffff', weight: 1.5, fillColor: s.color, fillOpacity: 0.95 })
        .bindTooltip(s.tip).addTo(drawn);
      marks.push([dot, s.data ?? {}]);
    }
    const bounds = drawn.getBounds();
    if (!bounds.isValid()) return false;
    map.fitBounds(bounds, { padding: [12, 12] });
    fitted = bounds;
    for (const [layer, data] of marks) for (const [k, v] of Object.entries(data)) layer.getElement()?.setAttribute(`data-${k}`, v);
    return true;
  }

  return { draw, dispose() { observer.disconnect(); map.remove(); } };
}

/** The county's tiles, credited as text in the corner. */
function addTiles(map: L.Map, base: MapBase): void {
  L.tileLayer(base.tileUrl!, { maxZoom: base.maxZoom, subdomains: base.subdomains || 'abc', crossOrigin: false }).addTo(map);
  if (!base.attribution) return;
  const credit = new L.Control({ position: 'bottomright' });
  credit.onAdd = () => {
    const box = L.DomUtil.create('div', 'leaflet-control-attribution');
    box.textContent = base.attribution;
    return box;
  };
  credit.addTo(map);
}
