// The county centre (区县治理中心): the dashboard — headline rates for a period, open and overdue per
// tier, moves up by reason and township, filed vs closed, a map of units coloured by case density,
// drill-down county → township → village → grid → case with the actions the caller may take (督办,
// 催办, 提级 …) — and, for the county's handlers, their work list. The administrator reads the
// dashboard and the system's settings; he handles no case.
import { liveEventsUrl } from '../../api/dispatch';
import { unit, unitPath, type Level, type Unit } from '../../api/grids';
import { query } from '../../api/http';
import { loadCatalogue, type Incident } from '../../api/incidents';
import { unitAssessmentSection } from '../../components/assessment/unitSection';
import { leaderCard } from '../../components/leader/leaderCard';
import { leaderOverdueSection } from '../../components/leader/overdueSection';
import { liveBadge } from '../../components/liveBadge';
import { tabs } from '../../components/tabs';
import { hasLeaderPosts, inHandList } from '../../components/work/inHandList';
import { workList, type WorkList } from '../../components/work/workList';
import { announce, clear, errorText, field, formatDate, h, startCountdowns } from '../../dom';
import { common } from '../../i18n';
import { openStream, type LiveStream } from '../../live';
import type { Page } from '../../page';
import { adminLinks } from './admin';
import { readsSettings, settingsPanel } from './admin/index';
import { showGrid } from './cases';
import { caseSearch } from './caseSearch';
import type { CountyContext } from './context';
import { t } from './text';
import { triageView } from './triage';
import { unitView } from './unitView';

const levelsOrder: Level[] = ['county', 'township', 'village', 'grid', 'courtyard'];

export const page: Page = {
  title: () => t('title'),
  async render(main, user, params) {
    const today = new Date();
    const ctx: CountyContext = {
      user,
      catalogue: await loadCatalogue(),
      state: {
        unitCode: params.get('unit') ?? user.unitCode,
        from: params.get('from') ?? formatDate(new Date(today.getTime() - 29 * 86400000)),
        to: params.get('to') ?? formatDate(today),
      },
      drill: async (code) => {
        ctx.state.unitCode = code;
        await show();
        crumbs.querySelector<HTMLElement>('[aria-current]')?.focus();
      },
      refresh: () => show(false),
    };
    const { state } = ctx;
    let source: LiveStream | null = null;
    let refreshTimer = 0;

    const fromInput = h('input', { type: 'date', name: 'from', value: state.from, required: true });
    const toInput = h('input', { type: 'date', name: 'to', value: state.to, required: true });
    const quick = (days: number, label: string) => h('button', {
      type: 'button', onclick: () => {
        toInput.value = formatDate(new Date());
        fromInput.value = formatDate(new Date(Date.now() - (days - 1) * 86400000));
        void apply();
      },
    }, label);
    const live = liveBadge({ connecting: '', live: t('live'), offline: t('offline') });
    const controls = h('form', { class: 'period', onsubmit: (e: Event) => { e.preventDefault(); void apply(); } },
      field(t('from'), fromInput), field(t('to'), toInput),
      h('div', { class: 'period-buttons' }, quick(7, t('last7')), quick(30, t('last30')), quick(90, t('last90')),
        h('button', { type: 'submit', class: 'primary' }, t('refresh'))), live.element);
    const crumbs = h('nav', { class: 'crumbs', 'aria-label': t('drill') });
    const content = h('div', { class: 'dashboard' });
    const title = h('h1', { id: 'dash-title' }, t('title'));
    // 考核: the month's scores of the townships and people below the caller's unit (docs/assessment.md).
    const assessment = unitAssessmentSection(user.unitCode);
    // 下沉走访: leaders' visits this month and the overdue ones under the caller's unit; his own, if he holds a post (docs/leaders.md).
    const leaders = leaderOverdueSection(user.unitCode);
    const mine = leaderCard(ctx.catalogue, () => void leaders.load());
    const dashboard = h('div', {}, controls, crumbs, mine.element, content, leaders.element, assessment.element);
    // Handlers of the county tier have cases of their own; the administrator configures the system.
    const handles = user.role === 'county-supervisor' || user.role === 'county-dispatcher';
    const work: WorkList | null = handles ? workList({ user, catalogue: ctx.catalogue, changed: async () => { await work?.load(); await show(false); },
      others: (): Incident[] => work?.cases() ?? [] }, { loaded: (n) => views.label('work', t('workTab', { n })) }) : null;
    // 待分拨: hotline calls no place was found for are the county dispatchers' to place (docs/intake.md).
    const triage = user.role === 'county-dispatcher' ? triageView((n) => views.label('triage', t('triageTab', { n }))) : null;
    // 包案: a county supervisor, or a leader (联系点) whose token names his linked units, lists the cases in his hand.
    const inHand = user.role === 'county-supervisor' || hasLeaderPosts(user)
      ? inHandList({ user, catalogue: ctx.catalogue, changed: async () => { await inHand?.load(); await work?.load(); await show(false); } },
        (n) => views.label('in-hand', t('inHandTab', { n })))
      : null;
    // 案件查询: every county role reads the cases under the unit shown, filtered, and exports them (issue #15).
    const search = caseSearch(ctx);
    // 系统设置: the administrator changes the settings, the county supervisors read them (#17 item 3).
    const settingsView = readsSettings(user) ? settingsPanel(user, ctx.catalogue) : null;
    const tab = params.get('tab');
    const views = tabs([
      { key: 'dashboard', label: t('dashboardTab'), panel: dashboard },
      ...(work ? [{ key: 'work', label: t('workTab', { n: '…' }), panel: work.element }] : []),
      ...(triage ? [{ key: 'triage', label: t('triageTab', { n: '…' }), panel: triage.element }] : []),
      ...(inHand ? [{ key: 'in-hand', label: t('inHandTab', { n: '…' }), panel: inHand.element }] : []),
      { key: 'search', label: t('searchTab'), panel: search.element },
      ...(settingsView ? [{ key: 'settings', label: settingsView.label, panel: settingsView.element }] : []),
    ], tab === 'work' && work ? 'work' : tab === 'triage' && triage ? 'triage' : tab === 'in-hand' && inHand ? 'in-hand' : tab === 'search' ? 'search'
      : tab === 'settings' && settingsView ? 'settings' : 'dashboard',
    (key) => { if (key === 'search') void search.search(); if (key === 'settings') settingsView?.load(); });
    clear(main, h('div', { class: 'page-head' }, title),
      user.role === 'county-administrator' ? adminLinks() : null, views.element);
    const stopCountdowns = startCountdowns(main);
    const view = unitView(ctx, content);

    async function apply(): Promise<void> {
      if (fromInput.value > toInput.value) { announce(t('periodInvalid'), 'error'); fromInput.focus(); return; }
      state.from = fromInput.value;
      state.to = toInput.value;
      await show();
    }

    function listen(code: string): void {
      source?.close();
      source = openStream(liveEventsUrl(code), (type) => {
        if (type !== 'case-changed') return;
        // The figures follow the case a moment later (Incidents records them as it hears of the
        // change): refresh now and once more shortly after.
        window.clearTimeout(refreshTimer);
        refreshTimer = window.setTimeout(() => {
          void show(false);
          refreshTimer = window.setTimeout(() => void show(false), 2500);
        }, 400);
      }, live.show);
    }

    async function drawCrumbs(code: string): Promise<void> {
      const path = (await unitPath(code).catch(() => [] as Unit[]))
        .sort((a, b) => levelsOrder.indexOf(a.level) - levelsOrder.indexOf(b.level));
      clear(crumbs, h('ol', {}, path.map((u) => h('li', {}, u.code === code
        ? h('span', { 'aria-current': 'page', tabindex: '-1' }, u.name)
        : h('button', { type: 'button', class: 'link', onclick: () => void ctx.drill(u.code) }, u.name)))));
    }

    let shownFor = '';
    async function show(full = true): Promise<void> {
      const code = state.unitCode;
      history.replaceState(null, '', `/county${query({ unit: code === user.unitCode ? null : code, from: state.from, to: state.to })}`);
      if (shownFor !== code) listen(code);
      shownFor = code;
      const here = await unit(code);
      await drawCrumbs(code);
      title.textContent = `${here?.name ?? code} · ${t(`title_${here?.level ?? 'county'}`)}`;
      if (full) {
        view.dispose();
        clear(content, h('p', { class: 'muted' }, common('loading')));
      }
      try {
        if (!here || here.level === 'grid' || here.level === 'courtyard') await showGrid(ctx, content, here, code);
        else await view.show(here, full);
      } catch (e) {
        clear(content, h('p', { class: 'error', role: 'alert' }, errorText(e)));
      }
    }

    await Promise.all([show(), work?.load(), triage?.load(), inHand?.load(), assessment.load(), leaders.load(), mine.load()]);
    return () => {
      assessment.stop();
      source?.close();
      window.clearTimeout(refreshTimer);
      view.dispose();
      stopCountdowns();
    };
  },
};
