// Which page each role works on, which pages it may open, and roles' names in both languages.
// Villages are not command centres: village handlers, mediators and grid heads at a village work on
// the village page; a grid head at a grid works with the grid workers.
import type { Level } from './api/grids';
import { currentLang } from './i18n';

/** Roles whose page depends on the level of their unit (a grid head at a village or at a grid). */
export function homeDependsOnLevel(role: string): boolean {
  return role === 'grid-head';
}

/** Which page a role works on. */
export function homeOf(role: string, level?: Level | null): string {
  switch (role) {
    case 'grid-head': return level === 'village' || level === 'township' ? '/village' : '/worker';
    case 'village-handler': case 'mediator': return '/village';
    case 'township-dispatcher': return '/command-centre';
    case 'department-handler': return '/department';
    default:
      if (role.startsWith('grid-') || role === 'courtyard-lead') return '/worker';
      // County staff (supervisors, dispatchers, the administrator) and hotline operators: the county's view.
      return '/county';
  }
}

/** The pages a person may open: the one he works from. County staff work from the county's view, which
 * opens any unit below; the other tiers' pages would offer them nothing of their own (probe 2, P13). */
export function pagesFor(role: string, level?: Level | null): string[] {
  return [homeOf(role, level)];
}

const roleNames: Record<string, [string, string]> = {
  'grid-worker': ['网格员', 'grid worker'],
  'grid-worker-full-time': ['专职网格员', 'full-time grid worker'],
  'grid-worker-part-time': ['兼职网格员', 'part-time grid worker'],
  'grid-head': ['网格长', 'grid head'],
  'courtyard-lead': ['院落长', 'courtyard lead'],
  'village-handler': ['村/社区干部', 'village handler'],
  mediator: ['乡贤调解员', 'mediator'],
  'township-dispatcher': ['指挥中心调度员', 'dispatcher'],
  'department-handler': ['部门承办人', 'department handler'],
  'county-supervisor': ['督查员', 'county supervisor'],
  'county-dispatcher': ['区县指挥中心调度员', 'county dispatcher'],
  'county-administrator': ['系统管理员', 'administrator'],
  'hotline-operator': ['12345热线话务员', 'hotline operator'],
};

export function roleName(role: string): string {
  const pair = roleNames[role];
  return pair ? pair[currentLang() === 'en' ? 1 : 0] : role;
}
