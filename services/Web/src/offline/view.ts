// The waiting queue on the page: 待发送 n, each item and where it stands, 立即发送, and the notice
// that the phone has no network. One per page (the filing form carries it).
import { announce, clear, h } from '../dom';
import { discard, flush, offlineNow, onQueueChange, onSent, waiting } from './queue';
import type { QueuedItem } from './store';
import { t } from './text';

export function queueView(): HTMLElement {
  const count = h('strong', { class: 'queue-count', 'data-queue-count': '0' });
  const notice = h('p', { class: 'queue-offline', role: 'status' }, t('offline'));
  const list = h('ul', { class: 'queue-items' });
  const send = h('button', { type: 'button', onclick: () => void flush() }, t('sendNow'));
  const element = h('div', { class: 'queue', 'aria-live': 'polite' }, h('div', { class: 'queue-head' }, count, send), notice, list);

  function stateText(i: QueuedItem): string {
    if (i.state === 'refused') return t('state_refused', { reason: i.reason ?? '' });
    if (i.state === 'sign-in') return t('state_sign_in');
    if (i.state === 'photos') return t('state_photos', { n: i.photos.length });
    return t('state_waiting');
  }

  async function render(): Promise<void> {
    if (!element.isConnected && element.dataset.shown) { stop(); return; }
    const items = await waiting();
    count.dataset.queueCount = String(items.length);
    count.textContent = items.length === 0 ? t('nothingWaiting') : t('waitingCount', { n: items.length });
    notice.hidden = !offlineNow();
    send.hidden = items.length === 0;
    clear(list, items.map((i) => h('li', { class: `queue-item ${i.state}`, 'data-state': i.state },
      h('span', { class: 'tag' }, t(`kind_${i.kind.replace('-', '_')}` as 'kind_filing')),
      ` ${i.label}${i.kind === 'filing' && i.state !== 'photos' && i.photos.length > 0 ? t('withPhotos', { n: i.photos.length }) : ''} · `,
      h('span', { class: 'queue-state' }, stateText(i)),
      i.state === 'refused' ? h('button', { type: 'button', class: 'small', onclick: () => void discard(i.id) }, t('discard')) : null)));
    element.dataset.shown = 'true';
  }

  const rerender = () => void render();
  const stops = [
    onQueueChange(rerender),
    onSent(({ item }) => {
      announce(t(`sent_${item.kind.replace('-', '_')}` as 'sent_filing', { label: item.label }));
      if (item.photosRefused.length > 0) announce(t('photosRefused', { list: item.photosRefused.join('；') }), 'error');
    }),
  ];
  window.addEventListener('online', rerender);
  window.addEventListener('offline', rerender);
  function stop(): void {
    stops.forEach((s) => s());
    window.removeEventListener('online', rerender);
    window.removeEventListener('offline', rerender);
  }
  void render();
  // Shown after signing in (again): what waited for that goes now.
  void flush();
  return element;
}
