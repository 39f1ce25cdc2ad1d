// The township command centre's dispatch board (镇街基层治理指挥中心): the township at a glance (its
// figures and a map of its open cases) above the queue, most urgent first,
// with live countdowns and yellow/red cards; a case's details, timeline and place, and the actions the
// dispatcher may take on it (吹哨, 签收, 办结, 退回, 升级 …). Its other tab is the dispatcher's work list:
// what is his to do now, requests from the villages to move a case up, overdue cases below. Live over
// server-sent events. The queue comes a page at a time with its total: "还有 N 件" loads the next page, and
// a reading again keeps as many as were shown.
import { unitAssessmentSection } from '../../components/assessment/unitSection';
import { t as assessmentText } from '../../components/assessment/text';
import { leaderCard } from '../../components/leader/leaderCard';
import { hasLeaderPosts, inHandList } from '../../components/work/inHandList';
import { leaderOverdueSection } from '../../components/leader/overdueSection';
import { t as leaderText } from '../../components/leader/text';
import { liveEventsUrl, queue, type CaseChanged, type QueueItem } from '../../api/dispatch';
import { callableDepartments, departments as listDepartments, unit, type Department } from '../../api/grids';
import { incident, loadCatalogue, type Incident } from '../../api/incidents';
import { liveBadge } from '../../components/liveBadge';
import { followOn, moreButton } from '../../components/moreButton';
import { directoryRights } from '../../components/directory/rights';
import { t as directoryText } from '../../components/directory/text';
import { unitsAndStaff } from '../../components/directory/unitsStaff';
import { t as mediationText } from '../../components/mediation/text';
import { unitSessions } from '../../components/mediation/unitSessions';
import { tabs } from '../../components/tabs';
import { queueFilters } from '../../components/work/queueFilters';
import { workList } from '../../components/work/workList';
import { clear, errorText, h, startCountdowns } from '../../dom';
import { openStream } from '../../live';
import type { Page } from '../../page';
import { openCase } from './caseDialog';
import type { BoardContext } from './context';
import { glance as townshipGlance } from './glance';
import { queueColumns, queueRow } from './queueRow';
import { t } from './text';

/** Cases per page; the most one reading asks for (the API's limit). */
const pageSize = 100;
const mostPerReading = 500;

export const page: Page = {
  title: () => t('title'),
  async render(main, user, params) {
    const unitCode = params.get('unit') ?? user.unitCode;
    const me = await unit(unitCode);
    const incidents = new Map<string, Promise<Incident | null>>();
    let everyDepartment: Department[] | null = null;
    const ctx: BoardContext = {
      user,
      catalogue: await loadCatalogue(),
      fresh: new Map<string, number>(),
      detail: (id, reload = false) => {
        if (reload || !incidents.has(id)) incidents.set(id, incident(id).catch(() => null));
        return incidents.get(id)!;
      },
      departments: (placeCode) => callableDepartments(placeCode),
      allDepartments: async () => (everyDepartment ??= await listDepartments().catch(() => [])),
    };

    const live = liveBadge({ connecting: t('connecting'), live: t('live'), offline: t('offline') });
    const counts = h('p', { class: 'counts', 'aria-live': 'polite' });
    // 全镇概览: the township at a glance above its queue (issue #17 item 7), read again with the queue.
    const glance = townshipGlance(unitCode, me?.name ?? unitCode);
    const moreSlot = h('div', { class: 'more-slot' });
    // Other filters: the rows shown so far are of the old ones, so the board starts again at its first page.
    const filters = queueFilters(ctx.catalogue, () => { shown = []; void reload(); });
    let shown: QueueItem[] = [];
    let total = 0;
    const body = h('tbody');
    const table = h('table', { class: 'queue' },
      h('caption', { class: 'sr-only' }, t('queue')),
      h('thead', {}, h('tr', {}, queueColumns().map((c) => h('th', { scope: 'col' }, c)))),
      body);
    const work = workList({ user, catalogue: ctx.catalogue, changed: () => reloadAll(), others: () => work.cases() },
      { loaded: (n) => views.label('work', t('workTab', { n })), filters: { placesUnder: unitCode } });
    // 考核: the month's scores of the villages and people below the township (docs/assessment.md).
    const assessment = unitAssessmentSection(unitCode);
    // 下沉走访: the dispatcher's own visits if he holds a leader post, and the township's leaders' overdue visits (docs/leaders.md).
    const leaders = leaderOverdueSection(unitCode);
    const mine = leaderCard(ctx.catalogue, () => void leaders.load());
    // 包案: a dispatcher who holds a leader post keeps the cases he took in hand with his visits (docs/permissions.md).
    const inHand = hasLeaderPosts(user)
      ? inHandList({ user, catalogue: ctx.catalogue, changed: async () => { await reloadAll(); await inHand?.load(); } })
      : null;
    // 单位与人员: the township's units and staff; its dispatcher registers and changes the staff below it (change-staff).
    const directory = unitsAndStaff(directoryRights(user));
    // 调解安排: the township's mediation sessions, read-only (villages schedule and record them on the case).
    const mediations = unitSessions(unitCode);
    const loaded = new Set<string>();
    const views = tabs([
      { key: 'board', label: t('boardTab'), panel: h('div', {}, glance.element, filters.element, counts, h('div', { class: 'table-wrap' }, table), moreSlot) },
      { key: 'work', label: t('workTab', { n: '…' }), panel: work.element },
      { key: 'assessment', label: assessmentText('assessmentTitle'), panel: assessment.element },
      { key: 'leaders', label: leaderText('myVisits'), panel: h('div', {}, mine.element, inHand?.element ?? null, leaders.element) },
      { key: 'mediations', label: mediationText('tab'), panel: mediations.element },
      { key: 'directory', label: directoryText('tab'), panel: directory.element },
    ], params.get('tab') === 'work' ? 'work' : params.get('tab') === 'assessment' ? 'assessment' : params.get('tab') === 'leaders' ? 'leaders'
      : params.get('tab') === 'directory' ? 'directory' : params.get('tab') === 'mediations' ? 'mediations' : 'board',
    (key) => {
      // Loaded when first opened: the board does not wait for them.
      if (loaded.has(key)) return;
      loaded.add(key);
      if (key === 'directory') void directory.load();
      if (key === 'mediations') void mediations.load();
    });
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
          const narrowed = filters.value();
          const size = Math.min(Math.max(pageSize, shown.length), mostPerReading);
          const read = await queue(unitCode, size, 0, narrowed);
          await draw(read.items, read.total);
          // The glance counts the whole board's cards, whatever the rows are narrowed to.
          await glance.load(Object.keys(narrowed).length === 0 ? read.items : (await queue(unitCode, size)).items);
        } catch (e) {
          clear(body, h('tr', {}, h('td', { colspan: 8, class: 'error' }, errorText(e))));
        }
      })();
      await loading;
      loading = null;
      if (again) { again = false; await reload(); }
    }

    async function draw(items: QueueItem[], of: number): Promise<void> {
      shown = items;
      total = of;
      const rows = await Promise.all(items.map((q) => queueRow(ctx, q, open)));
      clear(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 8, class: 'muted' }, t('empty'))));
      // Red and yellow come first on the board, so the shown cases hold them unless there are more than a page.
      const reds = items.filter((i) => i.warning === 'red').length, yellows = items.filter((i) => i.warning === 'yellow').length;
      clear(counts, h('span', {}, t('total', { n: total })), ' ',
        h('span', { class: 'card-mark red' }, t('reds', { n: reds })), ' ',
        h('span', { class: 'card-mark yellow' }, t('yellows', { n: yellows })));
      clear(moreSlot, moreButton(total - items.length, more));
    }

    async function more(): Promise<void> {
      const next = await queue(unitCode, pageSize, shown.length, filters.value());
      await draw(followOn(shown, next.items, (i) => i.incidentId), next.total);
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
    await Promise.all([reloadAll(), assessment.load(), mine.load(), leaders.load(), inHand?.load()]);

    return () => {
      assessment.stop();
      glance.stop();
      stream.close();
      window.clearInterval(poll);
      window.clearTimeout(timer);
      stopCountdowns();
    };
  },
};
