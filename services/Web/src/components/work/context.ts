// What a case's action buttons need from the page that shows them.
import type { DepartmentPart } from '../../api/dispatch';
import type { Catalogue, Incident } from '../../api/incidents';
import type { Session } from '../../session';

export interface ActionContext {
  user: Session;
  catalogue: Catalogue;
  /** After an action took effect: the page reads again. */
  changed(): Promise<void>;
  /** On a department's page: the department and its part in each case (its deadline, whether it checked in). */
  department?: { id: string; part(incidentId: string): DepartmentPart | undefined };
  /** Other cases on the page (to merge a duplicate into). */
  others?(): Incident[];
}
