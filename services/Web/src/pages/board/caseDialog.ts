// A case opened from the board: what, where (its place's outline and the point), photos and timeline;
// calling in departments (inline), every other action the dispatcher may take on it, and its 交办单 to print.
import type { QueueItem } from '../../api/dispatch';
import { unitName } from '../../api/grids';
import type { Incident } from '../../api/incidents';
import { categoryName, gradeText, statusName, tierName } from '../../components/caseText';
import { actionButtons } from '../../components/work/actions';
import { callerCard } from '../../components/work/callerCard';
import type { ActionContext } from '../../components/work/context';
import { departmentsForm } from '../../components/work/dialogs/departments';
import { printDispatchSheet, printLabel } from '../../components/work/dispatchSheet';
import { clear, countdownText, formatTime, h, openDialog } from '../../dom';
import { placeMap } from '../../components/map/placeMap';
import { photoGallery } from '../../photos';
import { actor, nameActors, timelineList } from '../../timeline';
import type { BoardContext } from './context';
import { t } from './text';

/** Opens the case; `changed` runs after an action took effect (the dialog is closed by then). */
export async function openCase(ctx: BoardContext, q: QueueItem, changed: () => Promise<void>): Promise<void> {
  const incident = await ctx.detail(q.incidentId, true);
  if (!incident) return;
  const content = h('div', { class: 'case' });
  const closed: (() => void)[] = [];
  const dialog = openDialog(`${t('details')}：${incident.title}`, content, () => closed.forEach((c) => c()));
  const done = async () => {
    dialog.close();
    await changed();
  };
  await fillCase(ctx, content, q, incident, { user: ctx.user, catalogue: ctx.catalogue, changed: done }, closed);
}

async function fillCase(ctx: BoardContext, content: HTMLElement, q: QueueItem, i: Incident, actions: ActionContext,
  closed: (() => void)[]): Promise<void> {
  const placeName = await unitName(i.unitCode);
  const mayCallIn = i.allowedActions?.includes('call-in-departments') ?? false;
  const departments = mayCallIn ? await ctx.departments(i.unitCode) : [];
  const point: [number, number] | null = i.location ? [i.location.lng, i.location.lat] : null;
  const reporter = actor(i.reportedBy);
  const facts: [string, string | HTMLElement][] = [
    [t('colCategory'), categoryName(ctx.catalogue, i.category)],
    [t('colGrade'), gradeText(ctx.catalogue, i.grade)],
    [t('tier'), tierName(i.tier)],
    [t('colStatus'), statusName(i.status)],
    [t('place'), placeName],
    [t('reporter'), reporter],
    [t('filedAt'), formatTime(i.filedAt)],
    [t('dueAt'), h('span', {}, formatTime(q.dueAt), ' ', h('span', { class: 'countdown', 'data-due': q.dueAt }, countdownText(q.dueAt)))],
  ];
  const photos = photoGallery(i.id, i.photos ?? []);
  closed.push(photos.dispose);
  const map = placeMap(i.unitCode, point, t('mapLabel', { place: placeName }));
  closed.push(map.dispose);
  const timeline = timelineList(i.timeline ?? [], { tiers: true });
  void nameActors(reporter);
  const buttons = actionButtons(actions, i, { skip: ['call-in-departments'] });

  clear(content,
    h('div', { class: 'case-grid' },
      h('div', {},
        h('p', { class: 'description' }, i.description),
        h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
        callerCard(i),
        h('h3', {}, t('photos')), photos.element),
      h('figure', { class: 'place' },
        map.element,
        h('figcaption', { class: 'muted small' }, point ? `${placeName} · ${point[1].toFixed(5)}, ${point[0].toFixed(5)}` : t('noLocation')))),
    h('h3', {}, t('timeline')), timeline,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void printDispatchSheet(ctx.catalogue, i) }, printLabel())),
    buttons.length ? [h('h3', {}, t('actions')), h('div', { class: 'actions case-actions' }, buttons)] : null,
    mayCallIn && departments.length ? [h('h3', {}, t('assign')), departmentsForm(i, departments, actions.changed)] : null);
}
