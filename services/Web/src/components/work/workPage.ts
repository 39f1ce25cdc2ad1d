// The frame of a tier's work page: a heading, what is mine to do now (filtered and exported from its filter bar), kept current by the unit's live
// feed (when the person may read it) and a look every minute, and a refresh button.
import { liveEventsUrl } from '../../api/dispatch';
import { clear, h, startCountdowns } from '../../dom';
import { openStream, type LiveStream } from '../../live';
import { liveBadge } from '../liveBadge';
import type { ActionContext } from './context';
import { t } from './text';
import { workList, type WorkListOptions } from './workList';

export interface WorkPage {
  main: HTMLElement;
  title: string;
  subtitle: string;
  /** The work list's heading. */
  heading: string;
  ctx: Omit<ActionContext, 'changed' | 'others'>;
  options?: WorkListOptions;
  /** Read before every reading of the work list (a department's parts). */
  before?(): Promise<void>;
  /** The unit whose live feed says when to look again. */
  streamUnit?: string;
  liveWords?: { live: string; offline: string; connecting: string };
  /** A part drawn before the work list (the village's filing form); `reload` reads the list again. */
  beforeList?(reload: () => void): HTMLElement | null;
}

/** Draws the page; answers what to do when it is left. */
export async function workPage(p: WorkPage): Promise<() => void> {
  const ctx: ActionContext = { ...p.ctx, changed: () => load(), others: () => list.cases() };
  // The filter bar, offering the places below the page's unit (a village's grids); a department's cases lie anywhere.
  const list = workList(ctx, { filters: { placesUnder: p.streamUnit }, ...p.options });
  async function load(): Promise<void> {
    await p.before?.();
    await list.load();
  }
  const live = p.streamUnit && p.liveWords ? liveBadge(p.liveWords) : null;
  clear(p.main,
    h('div', { class: 'page-head board-head' }, h('h1', {}, p.title), live?.element ?? null),
    h('p', { class: 'muted' }, p.subtitle),
    p.beforeList?.(() => void load()) ?? null,
    h('section', { class: 'card', 'aria-labelledby': 'work-h' },
      h('div', { class: 'section-head' }, h('h2', { id: 'work-h' }, p.heading),
        h('button', { type: 'button', onclick: () => void load() }, t('refresh'))),
      list.element));
  const stopCountdowns = startCountdowns(p.main);
  let stream: LiveStream | null = null;
  let timer = 0;
  if (p.streamUnit && live) {
    stream = openStream(liveEventsUrl(p.streamUnit), (type) => {
      if (type !== 'case-changed') return;
      window.clearTimeout(timer);
      // Incidents hears of a change a moment after Dispatch announces it.
      timer = window.setTimeout(() => void load(), 400);
    }, live.show);
  }
  const poll = window.setInterval(() => void load(), 60000);
  await load();
  return () => {
    stream?.close();
    window.clearTimeout(timer);
    window.clearInterval(poll);
    stopCountdowns();
  };
}
