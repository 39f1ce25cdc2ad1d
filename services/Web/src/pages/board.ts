// The township command centre's dispatch board (镇街基层治理指挥中心): the queue, most urgent first,
// with live countdowns and yellow/red cards; a case's details, timeline and place; assigning a lead
// department and co-handlers, sending back to the village, escalating. Live over server-sent events.
import type { Session } from '../auth';
import { openStream } from '../live';
import {
  boundary, getJson, loadCatalogue, postJson, query, unit, unitName,
  type Department, type Incident, type Named, type QueueItem,
} from '../api';
import { common, dictionary, named } from '../i18n';
import {
  announce, clear, countdownText, errorText, field, formatTime, h, openDialog, select, startCountdowns,
} from '../dom';
import { outlineWithPoint } from '../shapes';
import { photoGallery } from '../photos';
import { actor, nameActors, timelineList } from '../timeline';
import type { Page } from '../main';

const t = dictionary({
  title: ['指挥中心调度台', 'Command centre board'],
  queue: ['待办案件', 'Queue'],
  empty: ['当前没有待办案件', 'The queue is empty'],
  live: ['实时', 'Live'],
  offline: ['连接中断，正在重连…', 'Disconnected, reconnecting…'],
  connecting: ['连接中…', 'Connecting…'],
  total: ['共 {n} 件', '{n} cases'],
  reds: ['红牌 {n}', '{n} red'],
  yellows: ['黄牌 {n}', '{n} yellow'],
  colWarning: ['警示', 'Card'],
  colDue: ['时限', 'Deadline'],
  colGrade: ['等级', 'Grade'],
  colCategory: ['类型', 'Category'],
  colTitle: ['事件', 'Case'],
  colPlace: ['地点', 'Place'],
  colStatus: ['状态', 'Status'],
  colDept: ['牵头部门', 'Lead department'],
  unassigned: ['未指派', 'Not assigned'],
  notAccepted: ['未签收', 'Not acknowledged'],
  acceptedAt: ['已签收', 'Acknowledged'],
  supervised: ['督办', 'Supervised'],
  fresh: ['新', 'New'],
  details: ['案件详情', 'Case'],
  description: ['情况描述', 'Description'],
  reporter: ['上报人', 'Reported by'],
  filedAt: ['上报时间', 'Filed'],
  dueAt: ['办理时限', 'Due'],
  tier: ['办理层级', 'Tier'],
  place: ['地点', 'Place'],
  mapLabel: ['{place}的范围与事件位置', 'Outline of {place} and where the case is'],
  noLocation: ['未提供定位，圆点为院落中心', 'No location given: the dot marks the middle of the place'],
  timeline: ['办理过程', 'Timeline'],
  photos: ['现场照片', 'Photos'],
  assign: ['指派部门（吹哨报到）', 'Assign departments'],
  lead: ['牵头部门', 'Lead department'],
  coHandlers: ['协办部门及时限', 'Co-handlers and their deadlines'],
  deadline: ['{dept}时限', 'Deadline for {dept}'],
  assignButton: ['指派', 'Assign'],
  assigned: ['已指派：{dept}', 'Assigned to {dept}'],
  sendBack: ['退回村级', 'Send back to the village'],
  sendBackDone: ['已退回村级', 'Sent back to the village'],
  escalate: ['上报县级', 'Escalate to the county'],
  escalateDone: ['已上报', 'Escalated'],
  reason: ['理由', 'Reason'],
  reasonRequired: ['请填写理由', 'A reason is required'],
  d8h: ['8小时', '8 hours'],
  d1d: ['1天', '1 day'],
  d2d: ['2天', '2 days'],
  d3d: ['3天', '3 days'],
  notCalled: ['不参与', 'Not called'],
  open: ['打开', 'Open'],
});

export const page: Page = {
  title: () => t('title'),
  async render(main, user: Session, params) {
    const unitCode = params.get('unit') ?? user.unitCode;
    const me = await unit(unitCode);
    const catalogue = await loadCatalogue();
    const incidents = new Map<string, Promise<Incident | null>>();
    const fresh = new Map<string, number>();
    const detail = (id: string, reload = false) => {
      if (reload || !incidents.has(id)) incidents.set(id, getJson<Incident>(`/incidents/${id}`).catch(() => null));
      return incidents.get(id)!;
    };

    const liveDot = h('span', { class: 'live connecting', role: 'status' }, t('connecting'));
    const counts = h('p', { class: 'counts', 'aria-live': 'polite' });
    const body = h('tbody');
    const table = h('table', { class: 'queue' },
      h('caption', { class: 'sr-only' }, t('queue')),
      h('thead', {}, h('tr', {}, [t('colWarning'), t('colDue'), t('colGrade'), t('colCategory'), t('colTitle'), t('colPlace'),
        t('colStatus'), t('colDept')].map((c) => h('th', { scope: 'col' }, c)))),
      body);
    clear(main,
      h('div', { class: 'page-head board-head' },
        h('h1', {}, `${me?.name ?? unitCode} · ${t('title')}`), liveDot),
      counts,
      h('div', { class: 'table-wrap' }, table));
    const stopCountdowns = startCountdowns(main);

    let departments: Department[] | null = null;
    const loadDepartments = async () => (departments ??= await getJson<Department[]>(`/grids/departments${query({ unitCode })}`).catch(() => []));

    let loading: Promise<void> | null = null;
    let again = false;
    async function reload(): Promise<void> {
      if (loading) { again = true; return loading; }
      loading = (async () => {
        try {
          const items = await getJson<QueueItem[]>(`/dispatch/command-centres/${encodeURIComponent(unitCode)}/queue`);
          const rows = await Promise.all(items.map((q) => row(q)));
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

    async function row(q: QueueItem): Promise<HTMLTableRowElement> {
      const incident = await detail(q.incidentId);
      const deps = q.leadDepartmentCode ? await loadDepartments() : [];
      const lead = deps.find((d) => d.id === q.leadDepartmentCode || (d as { code?: string }).code === q.leadDepartmentCode);
      const isFresh = (fresh.get(q.incidentId) ?? 0) > Date.now();
      const open = h('button', { type: 'button', class: 'link', onclick: () => void openCase(q) }, incident?.title ?? q.incidentId.slice(0, 8));
      return h('tr', { class: `${q.warning ?? ''} ${isFresh ? 'fresh' : ''}`, 'data-incident': q.incidentId },
        h('td', {}, q.warning ? h('span', { class: `card-mark ${q.warning}` }, common(q.warning)) : '',
          q.supervisedAt ? h('span', { class: 'tag' }, t('supervised')) : null, isFresh ? h('span', { class: 'tag new' }, t('fresh')) : null),
        h('td', {}, h('span', { class: 'countdown', 'data-due': q.dueAt }, countdownText(q.dueAt))),
        h('td', {}, `${q.grade} ${named(catalogue.grades.find((g) => g.code === q.grade))}`),
        h('td', {}, named(catalogue.categories.find((c) => c.code === q.category), q.category)),
        h('td', {}, open),
        h('td', {}, await unitName(q.placeCode)),
        h('td', {}, q.acceptedAt ? t('acceptedAt') : t('notAccepted')),
        h('td', {}, lead ? named(lead) : q.leadDepartmentCode ?? h('span', { class: 'muted' }, t('unassigned'))));
    }

    async function openCase(q: QueueItem): Promise<void> {
      const incident = await detail(q.incidentId, true);
      if (!incident) return;
      const content = h('div', { class: 'case' });
      const closed: (() => void)[] = [];
      const dialog = openDialog(`${t('details')}：${incident.title}`, content, () => closed.forEach((c) => c()));
      await fillCase(content, q, incident, catalogue, await loadDepartments(), async () => {
        dialog.close();
        await reload();
      }, closed);
    }

    // Live: the feed says when something changed; the queue is then read again.
    let timer = 0;
    const stream = openStream(`/dispatch/events/stream${query({ unitCode })}`, (type, data) => {
      if (type === 'ready') { void reload(); return; }
      if (type !== 'case-changed') return;
      try {
        const changed = JSON.parse(data) as { incidentId: string; kind: string };
        incidents.delete(changed.incidentId);
        if (changed.kind === 'routed' || changed.kind === 'escalated' || changed.kind === 'returned') fresh.set(changed.incidentId, Date.now() + 15000);
      } catch {
        // an event we cannot read still means "look again"
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void reload(), 150);
    }, (state) => {
      liveDot.className = `live ${state === 'live' ? 'on' : state === 'offline' ? 'off' : 'connecting'}`;
      liveDot.textContent = state === 'live' ? t('live') : state === 'offline' ? t('offline') : t('connecting');
    });
    // Between events the cards change with time alone (yellow at 75 %): look again every minute.
    const poll = window.setInterval(() => void reload(), 60000);
    await reload();

    return () => {
      stream.close();
      window.clearInterval(poll);
      window.clearTimeout(timer);
      stopCountdowns();
    };
  },
};

async function fillCase(content: HTMLElement, q: QueueItem, i: Incident, catalogue: { categories: Named[]; grades: Named[] },
  departments: Department[], done: () => Promise<void>, closed: (() => void)[]): Promise<void> {
  const placeName = await unitName(i.unitCode);
  const shape = await boundary(i.unitCode);
  const point: [number, number] | null = i.location ? [i.location.lng, i.location.lat] : null;
  const reporter = actor(i.reportedBy);
  const facts: [string, string | HTMLElement][] = [
    [t('colCategory'), named(catalogue.categories.find((c) => c.code === i.category), i.category)],
    [t('colGrade'), `${i.grade} ${named(catalogue.grades.find((g) => g.code === i.grade))}`],
    [t('tier'), i.tier ? common(`tier_${i.tier}` as 'tier_village') : ''],
    [t('colStatus'), common(`status_${i.status}` as 'status_filed')],
    [t('place'), placeName],
    [t('reporter'), reporter],
    [t('filedAt'), formatTime(i.filedAt)],
    [t('dueAt'), h('span', {}, formatTime(q.dueAt), ' ', h('span', { class: 'countdown', 'data-due': q.dueAt }, countdownText(q.dueAt)))],
  ];
  const photos = photoGallery(i.id, i.photos ?? []);
  closed.push(photos.dispose);
  const timeline = timelineList(i.timeline ?? [], { tiers: true });
  void nameActors(reporter);

  // Departments of the handling unit, those for the case's category first.
  const sorted = [...departments].sort((a, b) => Number(b.categories.includes(i.category)) - Number(a.categories.includes(i.category)));
  const lead = select('lead', sorted.map((d) => ({ value: d.id, label: named(d) })), q.leadDepartmentCode ?? sorted[0]?.id);
  const deadlineOptions = [{ value: '', label: t('notCalled') }, { value: '8h', label: t('d8h') }, { value: '1d', label: t('d1d') },
    { value: '2d', label: t('d2d') }, { value: '3d', label: t('d3d') }];
  const coSelects = sorted.map((d) => ({ d, control: select(`co-${d.id}`, deadlineOptions, '') }));
  const assignForm = h('form', {
    class: 'assign',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      const coHandlers = coSelects.filter((c) => c.control.value && c.d.id !== lead.value)
        .map((c) => ({ department: c.d.id, deadline: c.control.value }));
      try {
        await postJson(`/dispatch/assignments/${i.id}/departments`, { lead: lead.value, coHandlers });
        announce(t('assigned', { dept: named(departments.find((d) => d.id === lead.value)) }));
        await done();
      } catch (err) {
        announce(errorText(err), 'error');
      }
    },
  },
  field(t('lead'), lead),
  h('fieldset', {}, h('legend', {}, t('coHandlers')),
    h('div', { class: 'co' }, coSelects.map((c) => field(named(c.d), c.control)))),
  h('button', { type: 'submit', class: 'primary' }, t('assignButton')));

  const reasonAction = (label: string, url: string, doneText: string, name: string) => {
    const reason = h('textarea', { name, required: true, rows: 2, maxlength: 1000 });
    return h('form', {
      class: 'reason-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        if (!reason.value.trim()) { reason.setAttribute('aria-invalid', 'true'); announce(t('reasonRequired'), 'error'); reason.focus(); return; }
        try {
          await postJson(url, { reason: reason.value.trim() });
          announce(doneText);
          await done();
        } catch (err) {
          announce(errorText(err), 'error');
        }
      },
    }, field(`${label} · ${t('reason')}`, reason), h('button', { type: 'submit' }, label));
  };

  clear(content,
    h('div', { class: 'case-grid' },
      h('div', {},
        h('p', { class: 'description' }, i.description),
        h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
        h('h3', {}, t('photos')), photos.element),
      h('figure', { class: 'place' },
        shape ? outlineWithPoint([shape], point, t('mapLabel', { place: placeName })) : null,
        h('figcaption', { class: 'muted small' }, point ? `${placeName} · ${point[1].toFixed(5)}, ${point[0].toFixed(5)}` : t('noLocation')))),
    h('h3', {}, t('timeline')), timeline,
    departments.length ? [h('h3', {}, t('assign')), assignForm] : null,
    h('div', { class: 'two' },
      q.tier === 'township' ? reasonAction(t('sendBack'), `/dispatch/assignments/${i.id}/send-back`, t('sendBackDone'), 'send-back-reason') : null,
      q.tier !== 'county' ? reasonAction(t('escalate'), `/dispatch/assignments/${i.id}/escalate`, t('escalateDone'), 'escalate-reason') : null));
}
