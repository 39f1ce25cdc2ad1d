// A case in full, in a dialog: what, where, its photos (adding one when allowed), its timeline.
import { staffNames, unitName } from '../../api/grids';
import { incident as readIncident, type Catalogue, type Incident } from '../../api/incidents';
import { clear, errorText, field, filePicker, formatTime, h, openDialog } from '../../dom';
import { common, dictionary } from '../../i18n';
import { photoGallery, uploadPhoto } from '../../photos';
import { timelineList } from '../../timeline';
import { categoryName, gradeText, statusName, tierName } from '../caseText';
import { callerCard } from './callerCard';
import { printDispatchSheet, printLabel } from './dispatchSheet';

const t = dictionary({
  title: ['案件详情', 'Case'],
  category: ['事件类型', 'Category'],
  grade: ['事件等级', 'Grade'],
  place: ['发生地点', 'Place'],
  status: ['状态', 'Status'],
  tier: ['办理层级', 'Tier'],
  filedAt: ['上报时间', 'Filed'],
  photos: ['现场照片', 'Photos'],
  addPhoto: ['添加照片', 'Add a photo'],
  uploading: ['正在上传照片…', 'Sending the photo…'],
  added: ['照片已添加', 'Photo added'],
  timeline: ['办理过程', 'Timeline'],
  inHand: ['包案领导', 'In the hand of'],
});

/** A person's name for his account id; the id when it cannot be found (a failed request is no error here). */
async function personName(id: string): Promise<string> {
  return (await staffNames([id]).catch(() => [])).find((p) => p.id === id)?.name ?? id;
}

/** Photos one case may carry (the server's default, Incidents:Photos:MaxPerCase; it checks its own). */
export const maxPhotos = 6;

export async function caseDetails(catalogue: Catalogue, summary: Incident): Promise<void> {
  const body = h('div', { class: 'case' }, h('p', { class: 'muted' }, common('loading')));
  let gallery: { dispose(): void } | null = null;
  openDialog(`${t('title')}：${summary.title}`, body, () => gallery?.dispose());
  const photoArea = h('div', { class: 'photo-area' });
  const adding = h('input', { name: 'addPhoto', type: 'file', accept: 'image/*' });
  const addStatus = h('p', { class: 'small', 'aria-live': 'polite' });

  async function show(): Promise<void> {
    try {
      const i = await readIncident(summary.id);
      gallery?.dispose();
      const shown = photoGallery(i.id, i.photos ?? []);
      gallery = shown;
      clear(photoArea, shown.element);
      const mayAdd = (i.allowedActions?.includes('add-photo') ?? false) && (i.photos?.length ?? 0) < maxPhotos;
      clear(body,
        h('p', { class: 'description' }, i.description),
        h('dl', { class: 'facts' },
          h('dt', {}, t('category')), h('dd', {}, categoryName(catalogue, i.category)),
          h('dt', {}, t('grade')), h('dd', {}, gradeText(catalogue, i.grade)),
          h('dt', {}, t('place')), h('dd', {}, await unitName(i.unitCode)),
          h('dt', {}, t('status')), h('dd', {}, statusName(i.status)),
          h('dt', {}, t('tier')), h('dd', {}, i.tier ? tierName(i.tier) : '—'),
          h('dt', {}, t('filedAt')), h('dd', {}, formatTime(i.filedAt)),
          i.inHand ? [h('dt', {}, t('inHand')), h('dd', { 'data-field': 'in-hand' }, await personName(i.inHand.leader),
            i.inHand.instructions ? `：${i.inHand.instructions}` : '')] : null),
        callerCard(i),
        h('h3', {}, t('photos')), photoArea,
        mayAdd ? field(t('addPhoto'), filePicker(adding)) : null, addStatus,
        h('h3', {}, t('timeline')),
        timelineList(i.timeline ?? [], { tiers: true }),
        h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void printDispatchSheet(catalogue, i) }, printLabel())));
    } catch (e) {
      clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  adding.addEventListener('change', async () => {
    const file = adding.files?.[0];
    if (!file) return;
    adding.disabled = true;
    addStatus.textContent = t('uploading');
    try {
      await uploadPhoto(summary.id, file);
      addStatus.textContent = t('added');
      adding.value = '';
      adding.dispatchEvent(new Event('change'));
      await show();
    } catch (e) {
      addStatus.textContent = errorText(e);
      addStatus.classList.add('error');
    } finally {
      adding.disabled = false;
    }
  });
  await show();
}
