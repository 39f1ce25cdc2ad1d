// What the county dashboard's parts share.
import type { Catalogue } from '../../api/incidents';
import type { Session } from '../../session';

export interface CountyState { unitCode: string; from: string; to: string }

export interface CountyContext {
  user: Session;
  catalogue: Catalogue;
  /** The unit shown and the period: changed by the controls and the drill-down. */
  state: CountyState;
  /** Shows a unit below (or above, from the crumbs). */
  drill(code: string): Promise<void>;
  /** Reads the figures and cases again, keeping the charts. */
  refresh(): Promise<void>;
}
