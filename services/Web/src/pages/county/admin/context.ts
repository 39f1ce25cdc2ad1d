// What the settings sections share: the names of categories and grades, and whether the caller may change
// settings (the county administrator: change-settings) or only read them (county supervisors: read-settings).
import type { Catalogue } from '../../../api/incidents';

export interface SettingsContext {
  catalogue: Catalogue;
  canChange: boolean;
}
