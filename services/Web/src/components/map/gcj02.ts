// WGS-84 → GCJ-02 (国测局坐标), to draw our WGS-84 shapes over a Chinese provider's tiles. The same
// public formula as services/Incidents/Model/Gcj02.cs (docs/coordinates.md, "The conversion"): only
// for drawing, never sent back — what the API takes and gives stays WGS-84.
const a = 6378245.0;
const ee = 0.00669342162296594323;

const outsideChina = (lng: number, lat: number) => lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;

/** [lng, lat] in WGS-84 → [lng, lat] in GCJ-02 (unchanged outside China). */
export function wgs84ToGcj02([lng, lat]: [number, number]): [number, number] {
  if (outsideChina(lng, lat)) return [lng, lat];
  const x = lng - 105.0, y = lat - 35.0;
  const s = Math.sin, pi = Math.PI;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
    + ((20.0 * s(6.0 * x * pi) + 20.0 * s(2.0 * x * pi)) * 2.0) / 3.0
    + ((20.0 * s(y * pi) + 40.0 * s((y / 3.0) * pi)) * 2.0) / 3.0
    + ((160.0 * s((y / 12.0) * pi) + 320.0 * s((y * pi) / 30.0)) * 2.0) / 3.0;
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
    + ((20.0 * s(6.0 * x * pi) + 20.0 * s(2.0 * x * pi)) * 2.0) / 3.0
    + ((20.0 * s(x * pi) + 40.0 * s((x / 3.0) * pi)) * 2.0) / 3.0
    + ((150.0 * s((x / 12.0) * pi) + 300.0 * s((x / 30.0) * pi)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * pi;
  const magic = 1 - ee * s(radLat) * s(radLat);
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * pi);
  dLng = (dLng * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * pi);
  return [lng + dLng, lat + dLat];
}
