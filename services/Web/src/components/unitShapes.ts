// The outlines a small map of a unit draws (WGS-84, as served, docs/coordinates.md): the units below it, or
// its own outline when none of them has one, each with its name for the tooltip. Shared by the patrol map
// and the command centre's glance.
import { boundary, children, unit, type Feature } from '../api/grids';

export interface Outline { feature: Feature; name: string }

export async function shapesBelow(unitCode: string): Promise<Outline[]> {
  const below = await children(unitCode).catch(() => []);
  const found = (await Promise.all(below.map(async (u) => ({ feature: await boundary(u.code), name: u.name }))))
    .filter((o): o is Outline => o.feature !== null);
  if (found.length > 0) return found;
  const [own, here] = await Promise.all([boundary(unitCode), unit(unitCode)]);
  return own ? [{ feature: own, name: here?.name ?? unitCode }] : [];
}
