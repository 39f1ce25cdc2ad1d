// Which page each role works on, and roles' names in both languages.
import { currentLang } from './i18n';

/** Which page a role works on. */
export function homeOf(role: string): string {
  if (role.startsWith('grid-') || role === 'courtyard-lead') return '/worker';
  if (role.startsWith('county-')) return '/county';
  return '/command-centre';
}

const roleNames: Record<string, [string, string]> = {
  'grid-worker-full-time': ['专职网格员', 'full-time grid worker'],
  'grid-worker-part-time': ['兼职网格员', 'part-time grid worker'],
  'grid-head': ['网格长', 'grid head'],
  'courtyard-lead': ['院落长', 'courtyard lead'],
  'village-handler': ['村/社区干部', 'village handler'],
  mediator: ['乡贤调解员', 'mediator'],
  'township-dispatcher': ['指挥中心调度员', 'dispatcher'],
  'department-handler': ['部门承办人', 'department handler'],
  'county-supervisor': ['区县督办', 'county supervisor'],
  'county-administrator': ['系统管理员', 'administrator'],
};

export function roleName(role: string): string {
  const pair = roleNames[role];
  return pair ? pair[currentLang() === 'en' ? 1 : 0] : role;
}
