// The county's (or a township's) view of leaders' visits: per township this month's visits and the planned
// units overdue now, and the leaders whose visits are overdue, with the units (docs/leaders.md).
import { unitName } from '../../api/grids';
import { leaderFigures, overdueLeaders } from '../../api/leaders';
import { clear, errorText, formatTime, h, scrollBox } from '../../dom';
import { roleName } from '../../roles';
import { t } from './text';

export function leaderOverdueSection(unitCode: string): { element: HTMLElement; load(): Promise<void> } {
  const element = h('section', { class: 'card', 'aria-labelledby': 'leaders-overdue-h' });

  async function load(): Promise<void> {
    try {
      const [figures, overdue] = await Promise.all([leaderFigures(unitCode), overdueLeaders(unitCode)]);
      const rows = await Promise.all(overdue.map(async (l) => h('tr', { 'data-person': l.personId },
        h('th', { scope: 'row' }, l.name, h('span', { class: 'muted small' }, ` · ${roleName(l.role)}`)),
        h('td', {}, (await Promise.all(l.planned.map(async (p) => `${await unitName(p.unitCode)}（${formatTime(p.dueAt)}）`))).join('、')))));
      clear(element,
        h('h2', { id: 'leaders-overdue-h' }, t('figuresTitle')),
        scrollBox(h('table', { class: 'figures-table', 'aria-label': t('figuresTitle') },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('township')), h('th', { scope: 'col' }, t('visits')),
            h('th', { scope: 'col' }, t('leaders')), h('th', { scope: 'col' }, t('overdueUnits')))),
          h('tbody', {}, figures.map((f) => h('tr', { 'data-unit': f.unitCode }, h('th', { scope: 'row' }, f.name),
            h('td', {}, String(f.visits)), h('td', {}, String(f.leaders)), h('td', {}, String(f.overdueUnits)))))), t('figuresTitle')),
        h('h3', {}, t('overdueTitle')),
        rows.length === 0 ? h('p', { class: 'muted' }, t('overdueEmpty'))
          : scrollBox(h('table', { class: 'figures-table leaders-overdue', 'aria-label': t('overdueTitle') },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('leader')), h('th', { scope: 'col' }, t('units')))),
            h('tbody', {}, rows)), t('overdueTitle')));
    } catch (e) {
      clear(element, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  return { element, load };
}
