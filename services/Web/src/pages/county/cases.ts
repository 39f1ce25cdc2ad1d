// The cases under the dashboard: what a unit handles now (its queue), or a grid's open cases; each
// opens to its timeline, with exactly the actions the caller may take (督办, 催办, 提级 …).
import { queue, type QueueItem } from '../../api/dispatch';
import { children, unitName, type Unit } from '../../api/grids';
import { incident, incidents, type Catalogue, type Incident } from '../../api/incidents';
import { categoryName, gradeText, tierName } from '../../components/caseText';
import { followOn, moreButton } from '../../components/moreButton';
import { actionButtons } from '../../components/work/actions';
import type { ActionContext } from '../../components/work/context';
import { clear, countdownText, formatTime, h, openDialog } from '../../dom';
import { common } from '../../i18n';
import { timelineList } from '../../timeline';
import type { CountyContext } from './context';
import { t } from './text';

interface Row { id: string; title: string; category: string; grade: string; place: string; dueAt: string | null;
  warning: string | null; supervisedAt: string | null; tier: string | null; incident: Incident | null }

/** Cases of the unit's queue per page (each row reads its case). */
const pageSize = 50;

/** The unit's own queue, into slot, a page at a time with its total: "还有 N 件" shows the next page. */
export async function renderCases(ctx: CountyContext, slot: HTMLElement, here: Unit): Promise<void> {
  let shown: QueueItem[] = [];
  const read = new Map<string, Promise<Incident | null>>();
  const draw = async (): Promise<void> => {
    const page = await queue(here.code, pageSize, shown.length);
    shown = followOn(shown, page.items, (i) => i.incidentId);
    const rows = await Promise.all(shown.map(async (q) => {
      if (!read.has(q.incidentId)) read.set(q.incidentId, incident(q.incidentId).catch(() => null));
      const found = await read.get(q.incidentId)!;
      return caseRow(ctx, { id: q.incidentId, title: found?.title ?? q.incidentId.slice(0, 8), category: q.category, grade: q.grade,
        place: q.placeCode, dueAt: q.dueAt, warning: q.warning, supervisedAt: q.supervisedAt, tier: q.tier, incident: found });
    }));
    clear(slot, h('h2', {}, t('casesHere', { unit: here.name }), ` (${page.total})`), caseTable(rows), moreButton(page.total - shown.length, draw));
  };
  await draw();
}

/** A grid (or courtyard) has no figures of its own: its open cases, into content. */
export async function showGrid(ctx: CountyContext, content: HTMLElement, here: Unit | null, code: string): Promise<void> {
  const courtyards = here?.level === 'grid' ? await children(code, 'courtyard') : [];
  const lists = await Promise.all([code, ...courtyards.map((c) => c.code)].map((c) => incidents({ unitCode: c, limit: 200 })));
  const byId = new Map<string, Incident>();
  for (const i of lists.flat()) byId.set(i.id, i);
  const open = [...byId.values()].filter((i) => i.status !== 'closed' && i.status !== 'merged');
  const rows = open.map((i) => caseRow(ctx, { id: i.id, title: i.title, category: i.category, grade: i.grade, place: i.unitCode,
    dueAt: i.dueAt, warning: i.flaggedOverdueAt ? 'red' : null, supervisedAt: i.supervisedAt, tier: i.tier, incident: i }));
  clear(content, h('p', { class: 'muted' }, t('noFigures')),
    h('section', { class: 'card' }, h('h2', {}, t('casesGrid', { unit: here?.name ?? code })), caseTable(await Promise.all(rows))));
}

function caseTable(rows: HTMLTableRowElement[]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted' }, t('noCases'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'queue' },
    h('thead', {}, h('tr', {}, [common('yellow') + '/' + common('red'), t('colTier'), t('colDue'), t('colCase'), t('actions')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows)));
}

async function caseRow(ctx: CountyContext, r: Row): Promise<HTMLTableRowElement> {
  return h('tr', { class: r.warning ?? '', 'data-incident': r.id },
    h('td', {}, r.warning ? h('span', { class: `card-mark ${r.warning}` }, common(r.warning as 'red')) : '',
      r.supervisedAt ? h('span', { class: 'tag' }, t('supervised')) : null),
    h('td', {}, tierName(r.tier)),
    h('td', {}, r.dueAt ? h('span', { class: 'countdown', 'data-due': r.dueAt }, countdownText(r.dueAt)) : ''),
    h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => void caseDialog(r.id, ctx.catalogue) }, r.title),
      h('div', { class: 'muted small' }, `${categoryName(ctx.catalogue, r.category)} · ${r.grade} · ${await unitName(r.place)}`)),
    h('td', {}, h('div', { class: 'actions row-actions' }, r.incident ? actionButtons(actionsOf(ctx), r.incident) : null)));
}

function actionsOf(ctx: CountyContext): ActionContext {
  return { user: ctx.user, catalogue: ctx.catalogue, changed: ctx.refresh };
}

/** The case, its facts and timeline, in a dialog (the case search opens it too). */
export async function caseDialog(id: string, catalogue: Catalogue): Promise<void> {
  const i = await incident(id);
  const body = h('div', { class: 'case' },
    h('p', { class: 'description' }, i.description),
    h('dl', { class: 'facts' },
      h('dt', {}, t('colTier')), h('dd', {}, tierName(i.tier)),
      h('dt', {}, t('place')), h('dd', {}, await unitName(i.unitCode)),
      h('dt', {}, t('filed')), h('dd', {}, formatTime(i.filedAt)),
      h('dt', {}, t('kind')), h('dd', {}, `${categoryName(catalogue, i.category)} · ${gradeText(catalogue, i.grade)}`)),
    h('h3', {}, t('timeline')),
    timelineList(i.timeline ?? []));
  openDialog(`${t('details')}：${i.title}`, body);
}
