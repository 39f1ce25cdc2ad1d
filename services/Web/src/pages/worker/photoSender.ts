// Sending the photos of a case just filed (issue #5), apart from the filing itself: a failed upload
// is retried on its own, and the case is never filed twice.
import { ApiError } from '../../api/http';
import { clear, errorText, h } from '../../dom';
import { common } from '../../i18n';
import { flush, queuePhotos } from '../../offline/queue';
import { uploadPhoto } from '../../photos';
import { t } from './text';

/** Sends the photos of a case just filed, one by one. When the network or the server fails, the
 * photos not yet sent wait for a retry that sends only them: the case itself is never filed again.
 * A photo the server refuses (not an image, too large, one too many) would be refused again: it is
 * named and the others still go. */
export async function sendPhotos(uploadStatus: HTMLElement, incident: { id: string; title: string }, files: File[],
  total = files.length, refused: string[] = []): Promise<void> {
  const left = [...files];
  while (left.length > 0) {
    clear(uploadStatus, h('p', { class: 'small' }, t('photoUploading', { n: total - left.length + 1, total })));
    try {
      await uploadPhoto(incident.id, left[0]);
    } catch (e) {
      if (e instanceof TypeError) {
        // No network at all: the photos left wait on the phone (offline/queue.ts) and go by themselves.
        await queuePhotos(crypto.randomUUID(), incident.id, incident.title, left);
        clear(uploadStatus, h('p', { class: 'small' }, t('photosQueued', { title: incident.title })));
        void flush();
        return;
      }
      if (!(e instanceof ApiError && [400, 409, 413].includes(e.status))) {
        const retry = h('button', { type: 'button', class: 'primary', onclick: () => void sendPhotos(uploadStatus, incident, left, total, refused) }, t('photoRetry'));
        clear(uploadStatus, h('div', { class: 'upload-failed', role: 'alert' },
          h('p', {}, t('photoFailed', { reason: errorText(e), title: incident.title })),
          h('div', { class: 'actions' }, retry, h('button', { type: 'button', onclick: () => clear(uploadStatus) }, t('photoSkip')))));
        retry.focus();
        return;
      }
      refused.push(`${left[0].name}（${errorText(e)}）`);
    }
    left.shift();
  }
  const sent = h('p', { class: 'small ok' }, t('photoUploaded', { n: total - refused.length, title: incident.title }));
  clear(uploadStatus, refused.length === 0 ? sent : h('div', { class: 'upload-failed', role: 'alert' }, sent,
    h('p', {}, t('photoRefused', { list: refused.join('；') })),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => clear(uploadStatus) }, common('close')))));
}
