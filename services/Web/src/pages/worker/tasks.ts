// The other open cases of the worker's grid, for following their progress (filed by him, handled
// above, or waiting on someone else): the same cards, with whatever the caller may still do to them.
import { incidents, type Incident } from '../../api/incidents';
import { caseCard } from '../../components/work/caseCard';
import type { ActionContext } from '../../components/work/context';
import { clear, errorText, h } from '../../dom';
import { t } from './text';

export interface FollowList {
  element: HTMLElement;
  /** Reads the units' open cases, leaving out those already in the work list. */
  load(skip: Set<string>): Promise<void>;
  cases(): Incident[];
}

export function followList(ctx: ActionContext, units: string[]): FollowList {
  const element = h('div', { class: 'list' });
  let shown: Incident[] = [];

  async function load(skip: Set<string>): Promise<void> {
    try {
      const lists = await Promise.all(units.map((code) => incidents({ unitCode: code, limit: 200 })));
      const byId = new Map<string, Incident>();
      for (const i of lists.flat()) byId.set(i.id, i);
      shown = [...byId.values()].filter((i) => i.status !== 'closed' && i.status !== 'merged' && !skip.has(i.id))
        .sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
      clear(element, shown.length === 0 ? h('p', { class: 'muted' }, t('tasksEmpty')) : await Promise.all(shown.map((i) => caseCard(ctx, i))));
    } catch (e) {
      clear(element, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  return { element, load, cases: () => shown };
}
