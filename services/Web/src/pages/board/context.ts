// What the board's parts share.
import type { Department } from '../../api/grids';
import type { Catalogue, Incident } from '../../api/incidents';
import type { Session } from '../../session';

export interface BoardContext {
  user: Session;
  catalogue: Catalogue;
  /** A case's details, read once and again after it changed. */
  detail(id: string, reload?: boolean): Promise<Incident | null>;
  /** The departments that may be called in on a case at this place: its township's and the county's. */
  departments(placeCode: string): Promise<Department[]>;
  /** Every department of the county, read once: the lead may be a county bureau, whose name the board shows too. */
  allDepartments(): Promise<Department[]>;
  /** Cases that arrived a moment ago (marked 新), until when. */
  fresh: Map<string, number>;
}
