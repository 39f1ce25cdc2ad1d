// The county administrator's links (he configures the system; he handles no case): each opens the
// setting as it is now, read-only; the Settings tab (admin/) is where they are changed.
import { auditVerification, settings } from '../../api/dispatch';
import { coverage } from '../../api/grids';
import { open311Clients, smsDeliveries, smsOutbox } from '../../api/incidents';
import { openWeightsDialog } from '../../components/assessment/weightsDialog';
import { clear, errorText, formatTime, h, openDialog } from '../../dom';
import { common } from '../../i18n';
import { t } from './text';

export function adminLinks(): HTMLElement {
  const links: [string, () => Promise<unknown>][] = [
    [t('admin_policy'), settings.policy],
    [t('admin_calendar'), settings.calendar],
    [t('admin_notices'), settings.noticeSubscriptions],
    [t('admin_open311'), open311Clients],
    [t('admin_sms'), smsDeliveries],
    [t('admin_coverage'), coverage],
    ...(['grids', 'incidents', 'dispatch'] as const).map((s): [string, () => Promise<unknown>] => [t('admin_audit', { service: t(`service_${s}`) }), () => auditVerification(s)]),
  ];
  const calendarWarning = h('div', { 'data-calendar-warning': '' });
  void warnOfMissingCalendar(calendarWarning);
  return h('section', { class: 'card admin', 'aria-labelledby': 'admin-h' },
    h('h2', { id: 'admin-h' }, t('admin')), calendarWarning, h('p', { class: 'muted small' }, t('adminHint')),
    h('ul', { class: 'admin-links' }, links.map(([label, read]) => h('li', {},
      h('button', { type: 'button', class: 'link', onclick: () => void show(label, read) }, label))),
      h('li', {}, h('button', { type: 'button', class: 'link', 'data-admin': 'sms-outbox', onclick: () => void showOutbox() }, t('admin_outbox'))),
      // The assessment's weights are the one setting edited here (考核权重, docs/assessment.md).
      h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => void openWeightsDialog() }, `${t('admin_weights')}`))));
}

/** The calendar never guesses silently: the year to enter, well before it begins (docs/deadlines.md). */
async function warnOfMissingCalendar(slot: HTMLElement): Promise<void> {
  try {
    const coverage = await settings.calendarCoverage();
    if (coverage.missingYear === null) return;
    const year = String(coverage.missingYear);
    clear(slot, h('p', { class: 'warning', role: 'alert' }, t('calendarMissing', { year }),
      coverage.countingWeekdaysOnly ? [' ', t('calendarCounting', { year })] : null));
  } catch {
    // The links below still work; the warning comes back with the next visit.
  }
}

/** 测试短信箱: each text with its link, to open a resident's page in a demo. Links and masks as text. */
async function showOutbox(): Promise<void> {
  const body = h('div', {}, h('p', { class: 'muted' }, common('loading')));
  openDialog(t('admin_outbox'), body);
  try {
    const outbox = await smsOutbox();
    clear(body, h('p', { class: 'muted small' }, outbox.enabled ? t('outboxHint') : t('outboxOff')),
      outbox.messages.length === 0 ? h('p', {}, common('none')) : h('ul', { class: 'sms-outbox' }, outbox.messages.map((m) => h('li', {},
        h('div', {}, `${formatTime(m.at)} · ${m.phoneMasked} · 【${m.signName}】 ${m.templateCode}`),
        Object.entries(m.templateParam).map(([name, value]) => h('div', {}, `${name}: `,
          /^(https?:\/\/|\/[^/])/.test(value) ? h('a', { href: value, target: '_blank', rel: 'noopener', 'data-sms-link': '' }, value) : value))))));
  } catch (e) {
    clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
  }
}

async function show(label: string, read: () => Promise<unknown>): Promise<void> {
  const body = h('div', {}, h('p', { class: 'muted' }, common('loading')));
  openDialog(label, body);
  try {
    // As text: the settings are shown, never interpreted.
    // It scrolls: the keyboard reaches it to scroll it (axe's scrollable-region-focusable).
    clear(body, h('pre', { class: 'json', tabindex: '0' }, JSON.stringify(await read(), null, 2)));
  } catch (e) {
    clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
  }
}
