// 推送记录: what was sent, what waits and what failed (with its attempts, last status and error); the
// administrator sends a failed one again (POST …/deliveries/{id}/retry), the county supervisors read.
import { notices, type NoticeDelivery } from '../../../api/settings';
import { announce, clear, errorText, field, formatTime, h, select } from '../../../dom';
import { common } from '../../../i18n';
import type { SettingsContext } from './context';
import { eventName } from './noticeRules';
import { t } from './text';

const statusName = (s: string): string => t(`status_${s}` as 'status_sent');

export function noticeDeliveries(ctx: SettingsContext): { element: HTMLElement; load(): Promise<void> } {
  const status = select('status', [{ value: '', label: t('deliveriesAll') }, ...['failed', 'pending', 'sent'].map((s) => ({ value: s, label: statusName(s) }))], 'failed');
  const list = h('div');
  status.addEventListener('change', () => void load());
  const element = h('section', { class: 'settings-section', 'data-settings': 'notice-deliveries', 'aria-labelledby': 'deliveries-h' },
    h('h3', { id: 'deliveries-h' }, t('deliveries')), field(t('deliveriesStatus'), status), list);

  async function load(): Promise<void> {
    clear(list, h('p', { class: 'muted' }, common('loading')));
    try {
      const rows = await notices.deliveries(status.value || null);
      clear(list, rows.length === 0 ? h('p', {}, t('noDeliveries')) : h('div', { class: 'table-wrap' }, h('table', { class: 'deliveries' },
        h('thead', {}, h('tr', {}, [t('colWhen'), t('colRule'), t('subEvents'), t('colTitle'), t('colStatus'), t('colAttempts'), t('colError'), '']
          .map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((d) => row(d))))));
    } catch (e) {
      clear(list, h('p', { class: 'error', role: 'alert' }, t('loadFailed', { e: errorText(e) })));
    }
  }

  function row(d: NoticeDelivery): HTMLTableRowElement {
    const error = [d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '', d.lastError ?? ''].filter(Boolean).join(' · ');
    return h('tr', { 'data-delivery': d.id, 'data-status': d.status },
      h('td', {}, formatTime(d.failedAt ?? d.sentAt ?? d.lastAttemptAt ?? d.createdAt)), h('td', {}, d.subscriptionName ?? ''),
      h('td', {}, eventName(d.kind)), h('td', {}, d.title), h('td', {}, statusName(d.status)), h('td', {}, String(d.attempts)), h('td', {}, error),
      h('td', {}, ctx.canChange && d.status === 'failed' ? h('button', {
        type: 'button', class: 'link', 'data-action': 'retry',
        onclick: async () => {
          try {
            await notices.retry(d.id);
            announce(t('retried'));
            await load();
          } catch (e) {
            announce(errorText(e), 'error');
          }
        },
      }, t('retry')) : null));
  }

  return { element, load };
}
