// The cases under the dashboard: what a unit handles now (its queue, with the queue's filter bar), or a grid's open
// cases (with the case lists' filter bar); each opens to its timeline, with exactly the actions the caller may take (督办, 催办, 提级 …)
// and its 交办单 to print. Both export the open cases under the unit (GET /incidents/export).
import { queue, type QueueItem } from '../../api/dispatch';
import { unitName, type Unit } from '../../api/grids';
import { incident, searchIncidents, type Catalogue, type Incident } from '../../api/incidents';
import { categoryName, gradeText, tierName } from '../../components/caseText';
import { caseListUnit, exportButton } from '../../components/exports';
import { followOn, moreButton } from '../../components/moreButton';
import { actionButtons } from '../../components/work/actions';
import type { ActionContext } from '../../components/work/context';
import { printDispatchSheet, printLabel } from '../../components/work/dispatchSheet';
import { queueFilters, type QueueFilters } from '../../components/work/queueFilters';
import { openStatuses, workFilters, type WorkFilters } from '../../components/work/workFilters';
import { clear, countdownText, errorText, formatTime, h, openDialog } from '../../dom';
import { common } from '../../i18n';
import { timelineList } from '../../timeline';
import type { CountyContext } from './context';
import { t } from './text';

interface Row { id: string; title: string; category: string; grade: string; place: string; dueAt: string | null;
  warning: string | null; supervisedAt: string | null; tier: string | null; incident: Incident | null }

/** Cases of the unit's queue per page (each row reads its case). */
const pageSize = 50;
/** A grid's open cases shown at most (a grid has a few dozen at a time). */
const gridMost = 200;

/** The unit's own queue, into slot, a page at a time with its total: "还有 N 件" shows the next page. */
export async function renderCases(ctx: CountyContext, slot: HTMLElement, here: Unit): Promise<void> {
  let shown: QueueItem[] = [];
  const read = new Map<string, Promise<Incident | null>>();
  // Other filters: the rows shown are of the old ones, so the queue starts again at its first page (the bar stays, focus too).
  const filters = unitFilters(ctx, here.code, () => { shown = []; void draw().catch((e: unknown) => clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)))); });
  const head = h('h2');
  const body = h('div');
  let placed = false;
  const draw = async (): Promise<void> => {
    const page = await queue(here.code, pageSize, shown.length, filters.value());
    shown = followOn(shown, page.items, (i) => i.incidentId);
    const rows = await Promise.all(shown.map(async (q) => {
      if (!read.has(q.incidentId)) read.set(q.incidentId, incident(q.incidentId).catch(() => null));
      const found = await read.get(q.incidentId)!;
      return caseRow(ctx, { id: q.incidentId, title: found?.title ?? q.incidentId.slice(0, 8), category: q.category, grade: q.grade,
        place: q.placeCode, dueAt: q.dueAt, warning: q.warning, supervisedAt: q.supervisedAt, tier: q.tier, incident: found });
    }));
    clear(head, t('casesHere', { unit: here.name }), ` (${page.total})`);
    clear(body, caseTable(rows), moreButton(page.total - shown.length, draw));
    // Laid into the slot once read, so a refresh does not blank what is shown meanwhile.
    if (!placed) clear(slot, head, filters.element, openCasesExport(here), body);
    placed = true;
  };
  await draw();
}

/** The unit queue's filter bar, kept while the dashboard refreshes the same unit; a change draws the queue again. */
let unitBar: { code: string; bar: QueueFilters; redraw: () => void } | null = null;

function unitFilters(ctx: CountyContext, code: string, redraw: () => void): QueueFilters {
  if (unitBar?.code !== code) {
    const kept: { code: string; bar: QueueFilters; redraw: () => void } = { code, redraw, bar: queueFilters(ctx.catalogue, () => kept.redraw()) };
    unitBar = kept;
  }
  unitBar.redraw = redraw;
  return unitBar.bar;
}

/** 导出: the open cases under the unit (the queue is Dispatch's, whose filters cover what it holds; its cases are among these). */
function openCasesExport(here: Unit): HTMLElement {
  const note = h('p', { class: 'small', 'aria-live': 'polite' });
  const scope = { unitCode: caseListUnit(here, here.code), open: 'true' };
  return h('div', {}, h('div', { class: 'actions' },
    ...(['xlsx', 'csv'] as const).map((f) => exportButton(t('casesExport', { f: f.toUpperCase() }), '/incidents/export', { ...scope, format: f }, `cases.${f}`, note))),
  note);
}

/** The grid's filter bar, kept while the dashboard refreshes the same grid. */
let gridBar: { code: string; scope: Record<string, string>; bar: WorkFilters; list: HTMLElement } | null = null;

/** A grid (or courtyard) has no figures of its own: its open cases (the unit's subtree: its courtyards' too), filtered
 * by the bar above them, into content. */
export async function showGrid(ctx: CountyContext, content: HTMLElement, here: Unit | null, code: string): Promise<void> {
  if (gridBar?.code !== code) {
    const list = h('div', { 'aria-live': 'polite' });
    const scope = { unitCode: code, open: 'true' };
    const bar = await workFilters(ctx.catalogue, () => void drawGrid(ctx, scope, bar, list),
      { placesUnder: here?.level === 'grid' ? code : undefined, statuses: openStatuses, exportTo: { path: '/incidents/export', name: 'cases', scope } });
    gridBar = { code, scope, bar, list };
  }
  const { scope, bar, list } = gridBar;
  clear(content, h('p', { class: 'muted' }, t('noFigures')),
    h('section', { class: 'card', 'data-section': 'grid-cases' }, h('h2', {}, t('casesGrid', { unit: here?.name ?? code })), bar.element, list));
  await drawGrid(ctx, scope, bar, list);
}

async function drawGrid(ctx: CountyContext, scope: Record<string, string>, bar: WorkFilters, list: HTMLElement): Promise<void> {
  try {
    const open = await searchIncidents({ ...scope, ...bar.value() }, gridMost, 0);
    const rows = open.map((i) => caseRow(ctx, { id: i.id, title: i.title, category: i.category, grade: i.grade, place: i.unitCode,
      dueAt: i.dueAt, warning: i.flaggedOverdueAt ? 'red' : null, supervisedAt: i.supervisedAt, tier: i.tier, incident: i }));
    clear(list, caseTable(await Promise.all(rows)));
  } catch (e) {
    clear(list, h('p', { class: 'error', role: 'alert' }, errorText(e)));
  }
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
    timelineList(i.timeline ?? []),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void printDispatchSheet(catalogue, i) }, printLabel())));
  openDialog(`${t('details')}：${i.title}`, body);
}
