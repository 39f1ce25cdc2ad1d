// Who changes what in the directory, as the permission model says (docs/permissions.md, change-units and
// change-staff): the pages offer exactly that, and the API refuses the rest anyway.
import type { Session } from '../../session';
import type { DirectoryRights } from './unitsStaff';

/** The roles of the people who work below a township (villages, grids, courtyards). */
const belowTownship = ['grid-worker-full-time', 'grid-worker-part-time', 'grid-head', 'courtyard-lead', 'village-handler', 'mediator'];
const everyRole = [...belowTownship, 'township-dispatcher', 'department-handler', 'county-supervisor', 'county-dispatcher', 'hotline-operator', 'county-administrator'];

export function directoryRights(user: Session): DirectoryRights {
  if (user.role === 'county-administrator')
    return { root: user.unitCode, changeUnits: true, changeStaffAt: () => true, roles: everyRole };
  // A township dispatcher: staff of the units below his township, inside it; not the township's own.
  if (user.role === 'township-dispatcher')
    return { root: user.unitCode, changeUnits: false, changeStaffAt: (u) => u.code !== user.unitCode, roles: belowTownship };
  return { root: user.unitCode, changeUnits: false, changeStaffAt: () => false, roles: [] };
}
