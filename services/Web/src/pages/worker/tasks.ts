// The other open cases of the worker's grid, for following their progress (filed by him, handled
// above, or waiting on someone else): the same cards, with whatever the caller may still do to them. A filter
// bar (folded: the page is a phone's) narrows them by what the cards show and exports the grid's open cases
// with the same filters (GET /incidents/export).
import { searchIncidents, type Incident } from '../../api/incidents';
import { caseCard } from '../../components/work/caseCard';
import type { ActionContext } from '../../components/work/context';
import { t as workText } from '../../components/work/text';
import { openStatuses, workFilters, type WorkFilters } from '../../components/work/workFilters';
import { clear, errorText, h } from '../../dom';
import { common } from '../../i18n';
import { t } from './text';

/** A grid's open cases shown at most (a grid has a few dozen at a time). */
const most = 200;

export interface FollowList {
  element: HTMLElement;
  /** Reads the grid's open cases, leaving out those already in the work list. */
  load(skip: Set<string>): Promise<void>;
  cases(): Incident[];
}

/** @param grid the worker's grid: its open cases, its courtyards' included (a unit's cases are its subtree's). */
export function followList(ctx: ActionContext, grid: string): FollowList {
  // "Loading" until the first reading is drawn (it follows the work list's): not an empty list meanwhile.
  const list = h('div', { class: 'list' }, h('p', { class: 'muted' }, common('loading')));
  const element = h('div', {}, list);
  const scope = { unitCode: grid, open: 'true' };
  let bar: WorkFilters | null = null;
  let skipped = new Set<string>();
  let shown: Incident[] = [];

  async function load(skip: Set<string>): Promise<void> {
    skipped = skip;
    try {
      if (!bar) {
        bar = await workFilters(ctx.catalogue, () => void load(skipped), {
          placesUnder: grid, statuses: openStatuses, folded: workText('filterFold'),
          exportTo: { path: '/incidents/export', name: 'cases', scope },
        });
        element.prepend(bar.element);
      }
      const filtered = bar.value();
      shown = (await searchIncidents({ ...scope, ...filtered }, most, 0)).filter((i) => !skip.has(i.id))
        .sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
      const empty = Object.keys(filtered).length > 0 ? t('tasksNone') : t('tasksEmpty');
      clear(list, shown.length === 0 ? h('p', { class: 'muted' }, empty) : await Promise.all(shown.map((i) => caseCard(ctx, i))));
    } catch (e) {
      clear(list, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  return { element, load, cases: () => shown };
}
