// The outlines a small map of a unit draws (WGS-84, as served, docs/coordinates.md): the units below it, or
// its own outline when none of them has one. Shared by the patrol map and the command centre's glance.
import { boundary, children, type Feature } from '../api/grids';

export async function shapesBelow(unitCode: string): Promise<Feature[]> {
  const below = await children(unitCode).catch(() => []);
  const found = (await Promise.all(below.map((u) => boundary(u.code)))).filter((f): f is Feature => f !== null);
  if (found.length > 0) return found;
  const own = await boundary(unitCode);
  return own ? [own] : [];
}
