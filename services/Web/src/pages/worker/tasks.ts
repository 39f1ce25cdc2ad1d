// The grid's open cases, the worker's own first: accept, resolve, verify, or follow a case handled above.
import { incidents, accept, type Incident } from '../../api/incidents';
import { unitName } from '../../api/grids';
import { categoryName, gradeName, statusName, tierName } from '../../components/caseText';
import { announce, clear, countdownText, errorText, formatTime, h } from '../../dom';
import { detailsDialog, resolveDialog, verifyDialog } from './caseDialogs';
import type { WorkerContext } from './context';
import { t } from './text';

export interface TaskList {
  element: HTMLElement;
  load(): Promise<void>;
}

export function taskList(ctx: WorkerContext): TaskList {
  const { user, myUnits, catalogue } = ctx;
  const element = h('div', { class: 'list', 'aria-live': 'polite' });

  async function load(): Promise<void> {
    try {
      const lists = await Promise.all([...myUnits].map((code) => incidents({ unitCode: code, limit: 200 })));
      const byId = new Map<string, Incident>();
      for (const i of lists.flat()) byId.set(i.id, i);
      const open = [...byId.values()].filter((i) => i.status !== 'closed' && i.status !== 'merged');
      const mine = (i: Incident) => (i.handlingUnitCode && myUnits.has(i.handlingUnitCode)) || (i.status === 'resolved' && i.resolvedBy !== user.id);
      open.sort((a, b) => Number(mine(b)) - Number(mine(a)) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
      clear(element, open.length === 0 ? h('p', { class: 'muted' }, t('tasksEmpty')) : await Promise.all(open.map((i) => card(i))));
    } catch (e) {
      clear(element, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  /** Runs an action, says how it went, and shows the list again. */
  async function act(action: () => Promise<unknown>, done: string): Promise<boolean> {
    try {
      await action();
      announce(done);
      await load();
      return true;
    } catch (e) {
      announce(errorText(e), 'error');
      return false;
    }
  }

  async function card(i: Incident): Promise<HTMLElement> {
    const here = i.handlingUnitCode !== null && myUnits.has(i.handlingUnitCode);
    const actions = h('div', { class: 'actions' },
      h('button', { type: 'button', 'aria-label': `${t('details')}：${i.title}`, onclick: () => void detailsDialog(ctx, i) }, t('details')));
    if (here && i.status === 'assigned')
      actions.append(h('button', { type: 'button', onclick: () => void act(() => accept(i.id), t('accepted')) }, t('accept')));
    if (here && ['assigned', 'accepted', 'reopened'].includes(i.status))
      actions.append(h('button', { type: 'button', class: 'primary', onclick: () => resolveDialog(i, act) }, t('resolve')));
    if (i.status === 'resolved') {
      if (i.resolvedBy === user.id) actions.append(h('span', { class: 'muted' }, t('resolvedByYou')));
      else actions.append(h('button', { type: 'button', class: 'primary', onclick: () => verifyDialog(i, act) }, t('verify')));
    }
    return h('article', { class: `task ${i.flaggedOverdueAt ? 'red' : ''}`, 'data-incident': i.id },
      h('h3', {}, i.title),
      h('p', { class: 'meta' }, `${categoryName(catalogue, i.category)} · ${gradeName(catalogue, i.grade, i.grade)} · ${await unitName(i.unitCode)}`),
      h('p', { class: 'meta' },
        h('span', { class: `status s-${i.status}` }, statusName(i.status)),
        i.tier ? ` · ${t('handledBy', { tier: tierName(i.tier) })}` : '',
        i.dueAt && i.status !== 'resolved' ? h('span', { class: 'countdown', 'data-due': i.dueAt }, countdownText(i.dueAt)) : null),
      !here && i.status !== 'resolved' ? h('p', { class: 'muted small' }, t('handledElsewhere')) : null,
      h('p', { class: 'muted small' }, t('filedAt', { t: formatTime(i.filedAt) })),
      actions);
  }

  return { element, load };
}
