// The county dashboard (区县治理中心): headline rates for a period, open and overdue per tier,
// escalations by reason and township, filed vs closed, a map of units coloured by case density,
// drill-down county → township → village → grid → case, and pull-up (提级) / supervise (督办).
import type { Session } from '../auth';
import { openStream, type LiveStream } from '../live';
import {
  boundary, children, getJson, loadCatalogue, postJson, query, unit, unitName,
  type Feature, type Incident, type Level, type Named, type QueueItem, type Unit,
} from '../api';
import { common, dictionary, named } from '../i18n';
import {
  announce, clear, countdownText, errorText, field, formatDate, formatTime, h, openDialog, percent, startCountdowns,
} from '../dom';
import { chartIn, echarts, fontFamily, type Chart } from '../charts';
import type { Page } from '../main';
import { timelineList } from '../timeline';

const t = dictionary({
  title: ['区县治理看板', 'County dashboard'],
  from: ['开始日期', 'From'],
  to: ['结束日期', 'To'],
  last7: ['近7天', 'Last 7 days'],
  last30: ['近30天', 'Last 30 days'],
  last90: ['近90天', 'Last 90 days'],
  refresh: ['刷新', 'Refresh'],
  drill: ['层级导航', 'Drill-down'],
  village: ['小事不出村率', 'Village containment'],
  township: ['大事不出镇率', 'Township containment'],
  onTime: ['按期办结率', 'On-time closure'],
  satisfaction: ['群众满意率', 'Satisfaction'],
  filedClosed: ['受理 {f} 件 · 办结 {c} 件', '{f} filed · {c} closed'],
  headline: ['核心指标', 'Headline figures'],
  filed: ['受理', 'Filed'],
  closed: ['办结', 'Closed'],
  openTier: ['各层级在办与超期', 'Open and overdue by tier'],
  colTier: ['层级', 'Tier'],
  colOpen: ['在办', 'Open'],
  colOverdue: ['超期', 'Overdue'],
  byReason: ['上报原因', 'Escalations by reason'],
  byTownship: ['各镇街上报县级', 'Escalations by township'],
  trend: ['受理与办结趋势', 'Filed vs closed'],
  map: ['案件密度分布', 'Case density'],
  mapHint: ['点击区域进入下一级', 'Click an area to drill down'],
  mapNoShapes: ['暂无边界数据', 'No boundaries'],
  childrenTitle: ['下级单位', 'Units below'],
  colName: ['名称', 'Name'],
  colVillageRate: ['不出村率', 'Village rate'],
  colTownshipRate: ['不出镇率', 'Township rate'],
  open: ['查看', 'Open'],
  cases: ['在办案件', 'Open cases'],
  casesHere: ['{unit}办理中的案件', 'Cases handled by {unit}'],
  casesGrid: ['{unit}的案件', 'Cases in {unit}'],
  noCases: ['暂无在办案件', 'No open cases'],
  pullUp: ['提级', 'Pull up'],
  supervise: ['督办', 'Supervise'],
  reason: ['理由', 'Reason'],
  pulledUp: ['已提级到县级', 'Pulled up to the county'],
  supervised: ['已督办', 'Under supervision'],
  details: ['详情', 'Details'],
  timeline: ['办理过程', 'Timeline'],
  noFigures: ['网格级不单独统计指标，见下方案件。', 'Grids have no figures of their own: see the cases below.'],
  reason_deadline_passed: ['超时未办结', 'Deadline passed'],
  reason_handler_requested: ['承办单位申请', 'Handler asked'],
  reason_acknowledgement_overdue: ['超时未签收', 'Not acknowledged in time'],
  reason_regraded: ['等级调整', 'Re-graded'],
  reason_rejected_twice: ['两次核查未解决', 'Rejected twice'],
  reason_county_pulled_up: ['县级提级', 'Pulled up by the county'],
  reason_mediation_failed: ['调解未成', 'Mediation failed'],
  live: ['实时', 'Live'],
  offline: ['连接中断，正在重连…', 'Disconnected, reconnecting…'],
  periodInvalid: ['开始日期不能晚于结束日期', 'From must not be after To'],
  nothing: ['暂无数据', 'No data'],
  colDue: ['时限', 'Deadline'],
  colCase: ['案件', 'Case'],
  place: ['地点', 'Place'],
  kind: ['类型与等级', 'Category and grade'],
  actions: ['操作', 'Actions'],
});

interface TierCounts { courtyard: number; village: number; township: number; county: number }
interface Summary {
  unitCode: string; from: string; to: string; filed: number; closed: number;
  villageContainmentRate: number | null; townshipContainmentRate: number | null; onTimeRate: number | null; satisfactionRate: number | null;
  open: TierCounts; overdue: TierCounts;
}
interface Child { unitCode: string; name: string | null; level: Level | null; filed: number; closed: number;
  villageContainmentRate: number | null; townshipContainmentRate: number | null; open: number; overdue: number }
interface Escalations { byReason: { reason: string; count: number }[]; byTownship: { unitCode: string; name: string | null; count: number }[] }

const levelsOrder: Level[] = ['county', 'township', 'village', 'grid', 'courtyard'];

export const page: Page = {
  title: () => t('title'),
  async render(main, user: Session, params) {
    const catalogue = await loadCatalogue();
    const today = new Date();
    const state = {
      unitCode: params.get('unit') ?? user.unitCode,
      from: params.get('from') ?? formatDate(new Date(today.getTime() - 29 * 86400000)),
      to: params.get('to') ?? formatDate(today),
    };
    const disposers: (() => void)[] = [];
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
    const liveDot = h('span', { class: 'live connecting', role: 'status' }, '');
    const controls = h('form', { class: 'period', onsubmit: (e: Event) => { e.preventDefault(); void apply(); } },
      field(t('from'), fromInput), field(t('to'), toInput),
      h('div', { class: 'period-buttons' }, quick(7, t('last7')), quick(30, t('last30')), quick(90, t('last90')),
        h('button', { type: 'submit', class: 'primary' }, t('refresh'))), liveDot);
    const crumbs = h('nav', { class: 'crumbs', 'aria-label': t('drill') });
    const content = h('div', { class: 'dashboard' });
    clear(main, h('div', { class: 'page-head' }, h('h1', { id: 'dash-title' }, t('title'))), controls, crumbs, content);
    const stopCountdowns = startCountdowns(main);

    async function apply(): Promise<void> {
      if (fromInput.value > toInput.value) { announce(t('periodInvalid'), 'error'); fromInput.focus(); return; }
      state.from = fromInput.value;
      state.to = toInput.value;
      await show();
    }

    async function drill(code: string): Promise<void> {
      state.unitCode = code;
      await show();
      crumbs.querySelector<HTMLElement>('[aria-current]')?.focus();
    }

    function listen(code: string): void {
      source?.close();
      source = openStream(`/dispatch/events/stream${query({ unitCode: code })}`, (type) => {
        if (type !== 'case-changed') return;
        // The figures follow the case a moment later (Incidents records them as it hears of the
        // change): refresh now and once more shortly after.
        window.clearTimeout(refreshTimer);
        refreshTimer = window.setTimeout(() => {
          void show(false);
          refreshTimer = window.setTimeout(() => void show(false), 2500);
        }, 400);
      }, (state) => {
        liveDot.className = `live ${state === 'live' ? 'on' : state === 'offline' ? 'off' : 'connecting'}`;
        liveDot.textContent = state === 'live' ? t('live') : state === 'offline' ? t('offline') : '';
      });
    }

    let shownFor = '';
    async function show(full = true): Promise<void> {
      const code = state.unitCode;
      history.replaceState(null, '', `/county${query({ unit: code === user.unitCode ? null : code, from: state.from, to: state.to })}`);
      if (shownFor !== code) listen(code);
      shownFor = code;
      const here = await unit(code);
      const path = (await getJson<Unit[]>(`/grids/units/${encodeURIComponent(code)}/path`).catch(() => [] as Unit[]))
        .sort((a, b) => levelsOrder.indexOf(a.level) - levelsOrder.indexOf(b.level));
      clear(crumbs, h('ol', {}, path.map((u) => h('li', {}, u.code === code
        ? h('span', { 'aria-current': 'page', tabindex: '-1' }, u.name)
        : h('button', { type: 'button', class: 'link', onclick: () => void drill(u.code) }, u.name)))));
      const title = main.querySelector('#dash-title');
      if (title) title.textContent = `${here?.name ?? code} · ${t('title')}`;
      if (full) {
        disposers.splice(0).forEach((d) => d());
        clear(content, h('p', { class: 'muted' }, common('loading')));
      }
      try {
        if (!here || here.level === 'grid' || here.level === 'courtyard') await showGrid(here, code);
        else await showUnit(here, full);
      } catch (e) {
        clear(content, h('p', { class: 'error', role: 'alert' }, errorText(e)));
      }
    }

    const range = () => ({ unitCode: state.unitCode, from: state.from, to: state.to });

    // ---- County, township, village: the figures ----
    const slots = {
      headline: h('section', { class: 'headline', 'aria-label': t('headline') }),
      tiers: h('section', { class: 'card' }),
      reason: h('div', { class: 'chart', role: 'img', 'aria-label': t('byReason') }),
      township: h('div', { class: 'chart', role: 'img', 'aria-label': t('byTownship') }),
      trend: h('div', { class: 'chart wide', role: 'img', 'aria-label': t('trend') }),
      map: h('div', { class: 'chart map', role: 'img', 'aria-label': t('map') }),
      children: h('section', { class: 'card' }),
      cases: h('section', { class: 'card span3' }),
    };
    let charts: { reason: Chart; township: Chart; trend: Chart; map: Chart } | null = null;

    async function showUnit(here: Unit, full: boolean): Promise<void> {
      const q = query(range());
      const [summary, trend, escalations, kids, units] = await Promise.all([
        getJson<Summary>(`/incidents/dashboard/summary${q}`),
        getJson<{ day: string; filed: number; closed: number }[]>(`/incidents/dashboard/trend${q}`),
        getJson<Escalations>(`/incidents/dashboard/escalations${q}`),
        getJson<Child[]>(`/incidents/dashboard/children${q}`),
        children(here.code),
      ]);
      if (full || !charts) {
        clear(content,
          slots.headline,
          h('div', { class: 'dash-grid' },
            slots.tiers,
            h('section', { class: 'card' }, h('h2', {}, t('byReason')), slots.reason),
            here.level === 'county' ? h('section', { class: 'card' }, h('h2', {}, t('byTownship')), slots.township) : null,
            h('section', { class: 'card span2' }, h('h2', {}, t('map')), h('p', { class: 'muted small' }, t('mapHint')), slots.map),
            slots.children,
            h('section', { class: 'card span3' }, h('h2', {}, t('trend')), slots.trend),
            slots.cases));
        const made = [slots.reason, slots.township, slots.trend, slots.map].map((el) => chartIn(el));
        made.forEach(([, dispose]) => disposers.push(dispose));
        charts = { reason: made[0][0], township: made[1][0], trend: made[2][0], map: made[3][0] };
        disposers.push(() => (charts = null));
      }
      renderHeadline(summary);
      renderTiers(summary);
      renderBars(charts!.reason, escalations.byReason.map((r) => [reasonName(r.reason), r.count]));
      renderBars(charts!.township, escalations.byTownship.map((r) => [r.name ?? r.unitCode, r.count]));
      renderTrend(charts!.trend, trend);
      await renderMap(charts!.map, units, kids);
      renderChildren(units, kids);
      await renderCases(here);
    }

    function renderHeadline(s: Summary): void {
      const card = (label: string, rate: number | null, key: string) => h('div', { class: 'figure', 'data-figure': key },
        h('div', { class: 'value' }, percent(rate)), h('div', { class: 'label' }, label));
      clear(slots.headline,
        card(t('village'), s.villageContainmentRate, 'village'),
        card(t('township'), s.townshipContainmentRate, 'township'),
        card(t('onTime'), s.onTimeRate, 'on-time'),
        card(t('satisfaction'), s.satisfactionRate, 'satisfaction'),
        h('div', { class: 'figure counts' },
          h('div', { class: 'value' }, h('span', { 'data-figure': 'filed' }, String(s.filed)), ' / ', h('span', { 'data-figure': 'closed' }, String(s.closed))),
          h('div', { class: 'label' }, `${t('filed')} / ${t('closed')}`)));
    }

    function renderTiers(s: Summary): void {
      const tiers = ['courtyard', 'village', 'township', 'county'] as const;
      clear(slots.tiers, h('h2', {}, t('openTier')),
        h('table', { class: 'tiers' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('colTier')), h('th', { scope: 'col' }, t('colOpen')), h('th', { scope: 'col' }, t('colOverdue')))),
          h('tbody', {}, tiers.map((tier) => h('tr', { 'data-tier': tier },
            h('th', { scope: 'row' }, common(`tier_${tier}`)),
            h('td', { 'data-open': tier }, String(s.open[tier])),
            h('td', { class: s.overdue[tier] ? 'late' : '' }, String(s.overdue[tier])))))));
    }

    function baseText() {
      return { fontFamily, fontSize: 14, color: '#1f2937' };
    }

    function renderBars(chart: Chart, rows: [string, number][]): void {
      chart.setOption({
        aria: { enabled: true },
        textStyle: baseText(),
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: rows.map((r) => r[0]), inverse: true },
        series: [{ type: 'bar', data: rows.map((r) => r[1]), itemStyle: { color: '#b45309' }, label: { show: true, position: 'right' } }],
        graphic: rows.length ? [] : [{ type: 'text', left: 'center', top: 'middle', style: { text: t('nothing'), fill: '#6b7280' } }],
      }, true);
    }

    function renderTrend(chart: Chart, points: { day: string; filed: number; closed: number }[]): void {
      chart.setOption({
        aria: { enabled: true },
        textStyle: baseText(),
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        legend: { top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: points.map((p) => p.day.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('filed'), type: 'line', data: points.map((p) => p.filed), itemStyle: { color: '#c2410c' } },
          { name: t('closed'), type: 'line', data: points.map((p) => p.closed), itemStyle: { color: '#15803d' } },
        ],
      }, true);
    }

    async function renderMap(chart: Chart, units: Unit[], kids: Child[]): Promise<void> {
      const shapes = (await Promise.all(units.map((u) => boundary(u.code)))).filter((f): f is Feature => f !== null);
      if (shapes.length === 0) {
        chart.clear();
        chart.setOption({ graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: t('mapNoShapes'), fill: '#6b7280' } }] });
        return;
      }
      const name = `units-${state.unitCode}`;
      echarts.registerMap(name, { type: 'FeatureCollection', features: shapes } as never);
      const filed = new Map(kids.map((k) => [k.unitCode, k.filed]));
      const names = new Map(units.map((u) => [u.code, u.name]));
      const max = Math.max(1, ...kids.map((k) => k.filed));
      chart.off('click');
      chart.setOption({
        textStyle: baseText(),
        tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${names.get(p.name) ?? p.name}<br/>${t('filed')}: ${Number.isFinite(p.value) ? p.value : 0}` },
        visualMap: { min: 0, max, left: 8, bottom: 8, text: [String(max), '0'], calculable: false, inRange: { color: ['#fef3c7', '#f59e0b', '#b91c1c'] } },
        series: [{
          type: 'map', map: name, nameProperty: 'code', roam: false, selectedMode: false,
          label: { show: true, formatter: (p: { name: string }) => names.get(p.name) ?? p.name, fontFamily, fontSize: 13 },
          emphasis: { label: { show: true }, itemStyle: { areaColor: '#60a5fa' } },
          itemStyle: { borderColor: '#374151', borderWidth: 1 },
          data: units.map((u) => ({ name: u.code, value: filed.get(u.code) ?? 0 })),
        }],
      }, true);
      chart.on('click', (p) => { if (p.name && names.has(p.name)) void drill(p.name); });
    }

    function renderChildren(units: Unit[], kids: Child[]): void {
      const byCode = new Map(kids.map((k) => [k.unitCode, k]));
      clear(slots.children, h('h2', {}, t('childrenTitle')),
        h('div', { class: 'table-wrap' }, h('table', { class: 'children' },
          h('thead', {}, h('tr', {}, [t('colName'), t('filed'), t('closed'), t('colVillageRate'), t('colTownshipRate'), t('colOpen'), t('colOverdue')]
            .map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, units.map((u) => {
            const k = byCode.get(u.code);
            return h('tr', {},
              h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', 'data-drill': u.code, onclick: () => void drill(u.code) }, u.name)),
              h('td', {}, String(k?.filed ?? 0)), h('td', {}, String(k?.closed ?? 0)),
              h('td', {}, percent(k?.villageContainmentRate)), h('td', {}, percent(k?.townshipContainmentRate)),
              h('td', {}, String(k?.open ?? 0)), h('td', { class: k?.overdue ? 'late' : '' }, String(k?.overdue ?? 0)));
          })))));
    }

    // ---- Cases: what the unit handles now (its queue), or a grid's cases ----
    async function renderCases(here: Unit): Promise<void> {
      const items = await getJson<QueueItem[]>(`/dispatch/command-centres/${encodeURIComponent(here.code)}/queue`);
      const rows = await Promise.all(items.map(async (q) => {
        const incident = await getJson<Incident>(`/incidents/${q.incidentId}`).catch(() => null);
        return caseRow(q.incidentId, incident?.title ?? q.incidentId.slice(0, 8), q.category, q.grade, q.placeCode, q.dueAt, q.warning, q.supervisedAt, q.tier);
      }));
      clear(slots.cases, h('h2', {}, t('casesHere', { unit: here.name })), caseTable(rows));
    }

    async function showGrid(here: Unit | null, code: string): Promise<void> {
      const courtyards = here?.level === 'grid' ? await children(code, 'courtyard') : [];
      const lists = await Promise.all([code, ...courtyards.map((c) => c.code)].map((c) => getJson<Incident[]>(`/incidents${query({ unitCode: c, limit: 200 })}`)));
      const byId = new Map<string, Incident>();
      for (const i of lists.flat()) byId.set(i.id, i);
      const open = [...byId.values()].filter((i) => i.status !== 'closed' && i.status !== 'merged');
      const rows = open.map((i) => caseRow(i.id, i.title, i.category, i.grade, i.unitCode, i.dueAt, i.flaggedOverdueAt ? 'red' : null, i.supervisedAt, i.tier));
      clear(content, h('p', { class: 'muted' }, t('noFigures')),
        h('section', { class: 'card' }, h('h2', {}, t('casesGrid', { unit: here?.name ?? code })), caseTable(await Promise.all(rows))));
    }

    function caseTable(rows: HTMLTableRowElement[]): HTMLElement {
      if (rows.length === 0) return h('p', { class: 'muted' }, t('noCases'));
      return h('div', { class: 'table-wrap' }, h('table', { class: 'queue' },
        h('thead', {}, h('tr', {}, [common('yellow') + '/' + common('red'), t('colTier'), t('colDue'), t('colCase'), t('actions'), ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows)));
    }

    async function caseRow(id: string, title: string, category: string, grade: string, place: string, dueAt: string | null,
      warning: string | null, supervisedAt: string | null, tier: string | null): Promise<HTMLTableRowElement> {
      const categoryName = named(catalogue.categories.find((c) => c.code === category), category);
      return h('tr', { class: warning ?? '', 'data-incident': id },
        h('td', {}, warning ? h('span', { class: `card-mark ${warning}` }, common(warning as 'red')) : '',
          supervisedAt ? h('span', { class: 'tag' }, t('supervised')) : null),
        h('td', {}, tier ? common(`tier_${tier}` as 'tier_village') : ''),
        h('td', {}, dueAt ? h('span', { class: 'countdown', 'data-due': dueAt }, countdownText(dueAt)) : ''),
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => void caseDialog(id, catalogue) }, title),
          h('div', { class: 'muted small' }, `${categoryName} · ${grade} · ${await unitName(place)}`)),
        h('td', {}, tier !== 'county' ? h('button', { type: 'button', onclick: () => leverDialog(id, title, 'pull-up') }, t('pullUp')) : ''),
        h('td', {}, h('button', { type: 'button', onclick: () => leverDialog(id, title, 'supervise') }, t('supervise'))));
    }

    function leverDialog(id: string, title: string, lever: 'pull-up' | 'supervise'): void {
      const label = lever === 'pull-up' ? t('pullUp') : t('supervise');
      const reason = h('textarea', { name: 'reason', required: true, rows: 3, maxlength: 1000 });
      const form = h('form', {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          if (!reason.value.trim()) { reason.setAttribute('aria-invalid', 'true'); reason.focus(); return; }
          try {
            await postJson(`/dispatch/assignments/${id}/${lever}`, { reason: reason.value.trim() });
            announce(lever === 'pull-up' ? t('pulledUp') : t('supervised'));
            dialog.close();
            await show(false);
          } catch (err) {
            announce(errorText(err), 'error');
          }
        },
      }, field(t('reason'), reason), h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')),
        h('button', { type: 'submit', class: 'primary' }, label)));
      const dialog = openDialog(`${label}：${title}`, form);
    }

    await show();
    return () => {
      source?.close();
      window.clearTimeout(refreshTimer);
      disposers.forEach((d) => d());
      stopCountdowns();
    };
  },
};

function reasonName(code: string): string {
  const key = `reason_${code.replaceAll('-', '_')}`;
  const text = t(key as 'reason_regraded');
  return text === key ? code : text;
}

async function caseDialog(id: string, catalogue: { categories: Named[]; grades: Named[] }): Promise<void> {
  const i = await getJson<Incident>(`/incidents/${id}`);
  const body = h('div', { class: 'case' },
    h('p', { class: 'description' }, i.description),
    h('dl', { class: 'facts' },
      h('dt', {}, t('colTier')), h('dd', {}, i.tier ? common(`tier_${i.tier}` as 'tier_village') : ''),
      h('dt', {}, t('place')), h('dd', {}, await unitName(i.unitCode)),
      h('dt', {}, t('filed')), h('dd', {}, formatTime(i.filedAt)),
      h('dt', {}, t('kind')), h('dd', {}, `${named(catalogue.categories.find((c) => c.code === i.category), i.category)} · ${i.grade} ${named(catalogue.grades.find((g) => g.code === i.grade))}`)),
    h('h3', {}, t('timeline')),
    timelineList(i.timeline ?? []));
  openDialog(`${t('details')}：${i.title}`, body);
}
