// The hotline caller on a case (先联系后办理): masked for everyone who reads the case; the holder shows
// the number (the server audits each showing) and calls it from the phone with one tap.
import { callerOf, type Incident } from '../../api/incidents';
import { clear, errorText, h } from '../../dom';
import { dictionary } from '../../i18n';

const t = dictionary({
  caller: ['来电人', 'Caller'],
  show: ['显示联系电话', 'Show the number'],
  call: ['拨打 {phone}', 'Call {phone}'],
  audited: ['查看来电人信息会记入审计日志', 'Showing the caller is recorded in the audit log'],
  none: ['未留联系方式', 'No contact left'],
});

/** Null when the case has no caller (filed by staff). */
export function callerCard(i: Incident): HTMLElement | null {
  const caller = i.caller;
  if (!caller) return null;
  const masked = [caller.name, caller.phone].filter(Boolean).join(' · ') || t('none');
  const line = h('p', { class: 'caller' }, masked);
  const card = h('section', { class: 'caller-card', 'aria-label': t('caller') }, h('h3', {}, t('caller')), line);
  if (!(i.allowedActions?.includes('read-caller') ?? false)) return card;

  const show = h('button', { type: 'button', title: t('audited') }, t('show'));
  show.addEventListener('click', async () => {
    show.disabled = true;
    try {
      const whole = await callerOf(i.id);
      clear(line, [whole.name, whole.email].filter(Boolean).join(' · '), ' ',
        whole.phone ? h('a', { class: 'button primary', href: `tel:${whole.phone.replace(/[^0-9+]/g, '')}` }, t('call', { phone: whole.phone })) : t('none'));
      show.remove();
    } catch (e) {
      line.append(h('span', { class: 'error', role: 'alert' }, ` ${errorText(e)}`));
      show.disabled = false;
    }
  });
  card.append(show);
  return card;
}
