// The grid worker's page, phone first: file a case in under a minute, what is his to do now (签收,
// 办结, 核查 …, exactly what the model allows), the grid's other open cases to follow, and the care
// visits that are due, his patrol (巡查日志) and his month's assessment (考核).
import { children, unit, type Unit } from '../../api/grids';
import { loadCatalogue, type Catalogue } from '../../api/incidents';
import { qrSheetButton } from '../../components/qrSheet';
import type { ActionContext } from '../../components/work/context';
import { workList } from '../../components/work/workList';
import { clear, field, h, select, startCountdowns } from '../../dom';
import type { Page } from '../../page';
import { currentUser, type Session } from '../../session';
import { myScoreCard } from '../../components/assessment/scoreCard';
import { careList } from './care';
import type { WorkerContext } from './context';
import { fileForm, gridPlaces } from './fileForm';
import { patrolCard } from './patrol';
import { followList } from './tasks';
import { t } from './text';

/** The page's name by who works on it: grid workers, a grid head at his grid, a courtyard lead (院落长). */
function titleOf(role: string | undefined): string {
  return role === 'courtyard-lead' ? t('titleCourtyardLead') : role === 'grid-head' ? t('titleGridHead') : t('title');
}

export const page: Page = {
  title: () => titleOf(currentUser()?.role),
  async render(main, user) {
    const home = await unit(user.unitCode);
    let grid: Unit | null = home?.level === 'grid' ? home : home?.level === 'courtyard' && home.parentCode ? await unit(home.parentCode) : null;
    let gridChoices: Unit[] = [];
    if (!grid && home && (home.level === 'village' || home.level === 'township')) {
      gridChoices = home.level === 'village' ? await children(home.code, 'grid') : [];
      grid = gridChoices[0] ?? null;
    }
    if (!grid) {
      clear(main, h('h1', {}, titleOf(user.role)), h('p', { role: 'alert' }, t('notAGridWorker')));
      return;
    }
    const catalogue = await loadCatalogue();
    const stops: (() => void)[] = [];
    await renderFor(main, user, grid, gridChoices, catalogue, stops);
    return () => stops.forEach((s) => s());
  },
};

async function renderFor(main: HTMLElement, user: Session, grid: Unit, gridChoices: Unit[], catalogue: Catalogue,
  stops: (() => void)[]): Promise<void> {
  const courtyards = await children(grid.code, 'courtyard');
  const ctx: WorkerContext = { user, grid, courtyards, myUnits: new Set([grid.code, ...courtyards.map((c) => c.code)]), catalogue };
  const actions: ActionContext = { user, catalogue, changed: () => loadCases(), others: () => [...work.cases(), ...follow.cases()] };
  const work = workList(actions);
  const follow = followList(actions, ctx.grid.code);
  const care = careList(user, catalogue, () => window.setTimeout(() => void loadCases(), 1500));
  const score = myScoreCard(user.id);
  stops.push(score.stop);
  const patrol = patrolCard(() => void score.load());
  stops.push(patrol.stop);
  async function loadCases(): Promise<void> {
    await work.load();
    await follow.load(new Set(work.cases().map((i) => i.id)));
  }

  const gridPicker = gridChoices.length > 1
    ? field(t('chooseGrid'), select('grid', gridChoices.map((g) => ({ value: g.code, label: g.name })), grid.code, {
      onchange: async (e: Event) => {
        const next = gridChoices.find((g) => g.code === (e.target as HTMLSelectElement).value);
        if (next) { stops.forEach((s) => s()); stops.length = 0; await renderFor(main, user, next, gridChoices, catalogue, stops); }
      },
    }))
    : null;

  clear(main,
    h('div', { class: 'page-head' },
      h('h1', {}, titleOf(user.role)),
      h('p', { class: 'muted' }, `${t('myGrid')}: ${grid.name} · ${user.name}`), qrSheetButton(grid.code)),
    gridPicker,
    h('div', { class: 'phone-columns' },
      h('section', { class: 'card', 'aria-labelledby': 'file-h' }, h('h2', { id: 'file-h' }, t('fileTitle')),
        fileForm(gridPlaces(user, catalogue, grid, courtyards), () => void loadCases())),
      h('div', { class: 'column' },
        h('section', { class: 'card', 'aria-labelledby': 'work-h' },
          h('div', { class: 'section-head' }, h('h2', { id: 'work-h' }, t('workTitle')),
            h('button', { type: 'button', onclick: () => void loadCases() }, t('refresh'))),
          work.element),
        h('section', { class: 'card', 'aria-labelledby': 'tasks-h' }, h('h2', { id: 'tasks-h' }, t('tasksTitle')), follow.element)),
      h('div', { class: 'column' }, patrol.element,
        h('section', { class: 'card', 'aria-labelledby': 'care-h' }, h('h2', { id: 'care-h' }, t('careTitle')), care.element),
        score.element)));
  stops.push(startCountdowns(main));
  await Promise.all([loadCases(), care.load(), patrol.load(), score.load()]);
}
