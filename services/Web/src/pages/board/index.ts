// The township command centre's dispatch board (镇街基层治理指挥中心): the queue, most urgent first,
// with live countdowns and yellow/red cards; a case's details, timeline and place, and the actions the
// dispatcher may take on it (吹哨, 签收, 办结, 退回, 升级 …). Its other tab is the dispatcher's work list:
// what is his to do now, requests from the villages to move a case up, overdue cases below. Live over
// server-sent events.
import { liveEventsUrl, queue, type CaseChanged } from '../../api/dispatch';
import { departments as listDepartments, unit, type Department } from '../../api/grids';
import { incident, loadCatalogue, type Incident } from '../../api/incidents';
import { liveBadge } from '../../components/liveBadge';
import { tabs } from '../../components/tabs';
import { workList } from '../../components/work/workList';
import { clear, errorText, h, startCountdowns } from '../../dom';
import { openStream } from '../../live';
import type { Page } from '../../page';
import { openCase } from './caseDialog';
import type { BoardContext } from './context';
import { queueColumns, queueRow } from './queueRow';
import { t } from './text';

export const page: Page = {
  title: () => t('title'),
  async render(main, user, params) {
    const unitCode = params.get('unit') ?? user.unitCode;
    const me = await unit(unitCode);
    const incidents = new Map<string, Promise<Incident | null>>();
    let departments: Department[] | null = null;
    let everyDepartment: Department[] | null = null;
    const ctx: BoardContext = {
      user,
      catalogue: await loadCatalogue(),
      fresh: new Map<string, number>(),
      detail: (id, reload = false) => {
        if (reload || !incidents.has(id)) incidents.set(id, incident(id).catch(() => null));
        return incidents.get(id)!;
      },
      departments: async () => (departments ??= await listDepartments(unitCode).catch(() => [])),
      allDepartments: async () => (everyDepartment ??= await listDepartments().catch(() => [])),
    };

    const live = liveBadge({ connecting: t('connecting'), live: t('live'), offline: t('offline') });
    const counts = h('p', { class: 'counts', 'aria-live': 'polite' });
    const body = h('tbody');
    const table = h('table', { class: 'queue' },
      h('caption', { class: 'sr-only' }, t('queue')),
      h('thead', {}, h('tr', {}, queueColumns().map((c) => h('th', { scope: 'col' }, c)))),
      body);
    const work = workList({ user, catalogue: ctx.catalogue, changed: () => reloadAll(), others: () => work.cases() },
      { loaded: (n) => views.label('work', t('workTab', { n })) });
    const views = tabs([
      { key: 'board', label: t('boardTab'), panel: h('div', {}, counts, h('div', { class: 'table-wrap' }, table)) },
      { key: 'work', label: t('workTab', { n: '…' }), panel: work.element },
    ], params.get('tab') === 'work' ? 'work' : 'board');
    clear(main,
      h('div', { class: 'page-head board-head' }, h('h1', {}, `${me?.name ?? unitCode} · ${t('title')}`), live.element),
      views.element);
    const stopCountdowns = startCountdowns(main);
    const reloadAll = async () => { await Promise.all([reload(), work.load()]); };
    const open = (q: Parameters<typeof openCase>[1]) => void openCase(ctx, q, reloadAll);

    // One reading at a time; a change during it asks for one more.
    let loading: Promise<void> | null = null;
    let again = false;
    async function reload(): Promise<void> {
      if (loading) { again = true; return loading; }
      loading = (async () => {
        try {
          const items = await queue(unitCode);
          const rows = await Promise.all(items.map((q) => queueRow(ctx, q, open)));
          clear(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 8, class: 'muted' }, t('empty'))));
          const reds = items.filter((i) => i.warning === 'red').length, yellows = items.filter((i) => i.warning === 'yellow').length;
          clear(counts, h('span', {}, t('total', { n: items.length })), ' ',
            h('span', { class: 'card-mark red' }, t('reds', { n: reds })), ' ',
            h('span', { class: 'card-mark yellow' }, t('yellows', { n: yellows })));
        } catch (e) {
          clear(body, h('tr', {}, h('td', { colspan: 8, class: 'error' }, errorText(e))));
        }
      })();
      await loading;
      loading = null;
      if (again) { again = false; await reload(); }
    }

    // Live: the feed says when something changed; the queue is then read again.
    let timer = 0;
    const stream = openStream(liveEventsUrl(unitCode), (type, data) => {
      if (type === 'ready') { void reloadAll(); return; }
      if (type !== 'case-changed') return;
      try {
        const changed = JSON.parse(data) as CaseChanged;
        incidents.delete(changed.incidentId);
        if (changed.kind === 'routed' || changed.kind === 'escalated' || changed.kind === 'returned') ctx.fresh.set(changed.incidentId, Date.now() + 15000);
      } catch {
        // an event we cannot read still means "look again"
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void reloadAll(), 150);
    }, live.show);
    // Between events the cards change with time alone (yellow at 75 %): look again every minute.
    const poll = window.setInterval(() => void reloadAll(), 60000);
    await reloadAll();

    return () => {
      stream.close();
      window.clearInterval(poll);
      window.clearTimeout(timer);
      stopCountdowns();
    };
  },
};
