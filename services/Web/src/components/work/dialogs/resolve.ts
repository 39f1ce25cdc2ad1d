// 办结: what was done, and a photo of the result if there is one. The photo goes first, so a case is
// never resolved with its evidence lost on the way.
import { resolve, type Incident } from '../../../api/incidents';
import { field, filePicker, h } from '../../../dom';
import { uploadPhoto } from '../../../photos';
import type { ActionContext } from '../context';
import { actionLabel, t } from '../text';
import { actionDialog, required } from './form';

export function resolveDialog(ctx: ActionContext, incident: Incident): void {
  const note = h('textarea', { name: 'note', required: true, rows: 3, maxlength: 4000 });
  const photo = h('input', { name: 'resolvePhoto', type: 'file', accept: 'image/*', capture: 'environment' });
  const canAddPhoto = incident.allowedActions?.includes('add-photo') ?? false;
  actionDialog({
    ctx, incident, label: actionLabel('resolve'),
    fields: [field(t('resolveNote'), note), canAddPhoto ? field(t('resolvePhoto'), filePicker(photo), t('resolvePhotoHint')) : null],
    send: async () => {
      const text = required(note, t('resolveNote'));
      if (text === null) return null;
      const file = photo.files?.[0];
      if (file) {
        await uploadPhoto(incident.id, file);
        // Sent: a retry after a refused resolve does not send it again.
        photo.value = '';
        photo.dispatchEvent(new Event('change'));
      }
      await resolve(incident.id, text);
      return t('done_resolve');
    },
  });
}

/** 补充照片. */
export function addPhotoDialog(ctx: ActionContext, incident: Incident): void {
  const photo = h('input', { name: 'photo', type: 'file', accept: 'image/*', capture: 'environment' });
  actionDialog({
    ctx, incident, label: actionLabel('add-photo'), fields: [field(t('photo'), filePicker(photo))],
    send: async () => {
      const file = photo.files?.[0];
      if (!file) {
        photo.focus();
        return null;
      }
      await uploadPhoto(incident.id, file);
      return t('done_add_photo');
    },
  });
}
