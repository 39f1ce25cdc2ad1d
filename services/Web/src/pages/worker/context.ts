// What the grid worker page's parts share: who, which grid, its courtyards and the catalogue.
import type { Unit } from '../../api/grids';
import type { Catalogue } from '../../api/incidents';
import type { Session } from '../../session';

export interface WorkerContext {
  user: Session;
  grid: Unit;
  courtyards: Unit[];
  /** The grid and its courtyards: the units whose cases are the worker's own. */
  myUnits: Set<string>;
  catalogue: Catalogue;
}
