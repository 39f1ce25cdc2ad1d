// The worker's dialogs about one case: resolve it, verify it, or see it (what, where, photos, timeline).
import { unitName } from '../../api/grids';
import { incident, resolve, verify, type Incident } from '../../api/incidents';
import { categoryName, gradeText, statusName, tierName } from '../../components/caseText';
import { clear, errorText, field, filePicker, formatTime, h, openDialog, select } from '../../dom';
import { common } from '../../i18n';
import { photoGallery, uploadPhoto } from '../../photos';
import { timelineList } from '../../timeline';
import type { WorkerContext } from './context';
import { maxPhotos, t } from './text';

/** Runs an action and says how it went: true when it was done. */
export type Act = (action: () => Promise<unknown>, done: string) => Promise<boolean>;

export function resolveDialog(i: Incident, act: Act): void {
  const note = h('textarea', { name: 'note', required: true, rows: 3, maxlength: 4000 });
  const form = h('form', {
    onsubmit: async (e: Event) => {
      e.preventDefault();
      if (await act(() => resolve(i.id, note.value.trim()), t('resolved'))) dialog.close();
    },
  }, field(t('resolveNote'), note), h('div', { class: 'actions' },
    h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')),
    h('button', { type: 'submit', class: 'primary' }, t('resolve'))));
  const dialog = openDialog(`${t('resolve')}：${i.title}`, form);
}

export function verifyDialog(i: Incident, act: Act): void {
  const result = select('result', [
    { value: 'solved', label: t('solved') }, { value: 'partly-solved', label: t('partly') }, { value: 'not-solved', label: t('notSolved') },
  ], 'solved');
  const satisfaction = select('satisfaction', [
    { value: 'satisfied', label: t('satisfied') }, { value: 'basically-satisfied', label: t('basically') },
    { value: 'dissatisfied', label: t('dissatisfied') }, { value: '', label: t('notAsked') },
  ], 'satisfied');
  const comment = h('textarea', { name: 'comment', rows: 2, maxlength: 1000 });
  const form = h('form', {
    onsubmit: async (e: Event) => {
      e.preventDefault();
      const body = { result: result.value, satisfaction: satisfaction.value || null, comment: comment.value.trim() || null };
      if (await act(() => verify(i.id, body), t('verified'))) dialog.close();
    },
  }, field(t('verifyResult'), result), field(t('satisfaction'), satisfaction), field(t('comment'), comment),
  h('div', { class: 'actions' },
    h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')),
    h('button', { type: 'submit', class: 'primary' }, t('verify'))));
  const dialog = openDialog(`${t('verify')}：${i.title}`, form);
}

/** The case itself: what, where, its photos (and adding one), its timeline. */
export async function detailsDialog(ctx: WorkerContext, summary: Incident): Promise<void> {
  const body = h('div', { class: 'case' }, h('p', { class: 'muted' }, common('loading')));
  let gallery: { dispose(): void } | null = null;
  openDialog(`${t('detailsTitle')}：${summary.title}`, body, () => gallery?.dispose());
  const photoArea = h('div', { class: 'photo-area' });
  const adding = h('input', { name: 'addPhoto', type: 'file', accept: 'image/*' });
  const addStatus = h('p', { class: 'small', 'aria-live': 'polite' });

  async function show(): Promise<void> {
    try {
      const i = await incident(summary.id);
      gallery?.dispose();
      const shown = photoGallery(i.id, i.photos ?? []);
      gallery = shown;
      clear(photoArea, shown.element);
      clear(body,
        h('p', { class: 'description' }, i.description),
        h('dl', { class: 'facts' },
          h('dt', {}, t('category')), h('dd', {}, categoryName(ctx.catalogue, i.category)),
          h('dt', {}, t('grade')), h('dd', {}, gradeText(ctx.catalogue, i.grade)),
          h('dt', {}, t('place')), h('dd', {}, await unitName(i.unitCode)),
          h('dt', {}, t('statusLabel')), h('dd', {}, statusName(i.status)),
          h('dt', {}, t('tierLabel')), h('dd', {}, i.tier ? tierName(i.tier) : '—'),
          h('dt', {}, t('filedAtLabel')), h('dd', {}, formatTime(i.filedAt))),
        h('h3', {}, t('photos')), photoArea,
        (i.photos?.length ?? 0) < maxPhotos ? field(t('addPhoto'), filePicker(adding)) : null, addStatus,
        h('h3', {}, t('timeline')),
        timelineList(i.timeline ?? []));
    } catch (e) {
      clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  adding.addEventListener('change', async () => {
    const file = adding.files?.[0];
    if (!file) return;
    adding.disabled = true;
    addStatus.textContent = t('photoUploading', { n: 1, total: 1 });
    try {
      await uploadPhoto(summary.id, file);
      addStatus.textContent = t('photoAdded');
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
