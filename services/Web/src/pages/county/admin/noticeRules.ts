// 推送规则: which case events go to which group robot or webhook (docs/api.md, "Notices"). The administrator
// adds, changes and deletes rules; the county supervisors read them. Names and URLs are shown as text; the API
// masks a URL's query values and never shows a secret.
import { noticeEvents, notices, type NoticeSubscription, type SubscriptionRequest } from '../../../api/settings';
import { clearFieldErrors, showFieldErrors } from '../../../components/fieldErrors';
import { announce, clear, errorText, field, h, openDialog } from '../../../dom';
import { common } from '../../../i18n';
import type { SettingsContext } from './context';
import { checkGroup, codeSelect, namedOptions, textInput, tierOptions } from './controls';
import { t } from './text';

const channels = ['webhook', 'wecom', 'dingtalk'] as const;
const channelName = (c: string): string => t(`channel_${c}` as 'channel_webhook');
export const eventName = (e: string): string => t(`event_${e}` as 'event_routed');

export function noticeRules(ctx: SettingsContext): { element: HTMLElement; load(): Promise<void> } {
  const list = h('div');
  const element = h('section', { class: 'settings-section', 'data-settings': 'notice-rules', 'aria-labelledby': 'subs-h' },
    h('h3', { id: 'subs-h' }, t('subscriptions')),
    ctx.canChange ? h('button', { type: 'button', 'data-action': 'add-subscription', onclick: () => openForm(ctx, null, load) }, t('subAdd')) : null,
    list);

  async function load(): Promise<void> {
    clear(list, h('p', { class: 'muted' }, common('loading')));
    try {
      const subs = await notices.subscriptions();
      clear(list, subs.length === 0 ? h('p', {}, t('noSubscriptions')) : h('div', { class: 'table-wrap' }, h('table', { class: 'subscriptions' },
        h('thead', {}, h('tr', {}, [t('subName'), t('subEvents'), t('subChannel'), t('subUrl'), t('subEnabled'), ctx.canChange ? t('colActions') : null]
          .filter((c) => c !== null).map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, subs.map((s) => h('tr', { 'data-subscription': s.id },
          h('td', {}, s.name), h('td', {}, s.events.map(eventName).join('、')), h('td', {}, channelName(s.channel)),
          h('td', { class: 'url' }, s.url), h('td', {}, s.enabled ? t('on') : t('off')),
          ctx.canChange ? h('td', {},
            h('button', { type: 'button', class: 'link', onclick: () => openForm(ctx, s, load) }, t('subEdit')), ' ',
            h('button', { type: 'button', class: 'link', onclick: () => void remove(s) }, t('remove'))) : null))))));
    } catch (e) {
      clear(list, h('p', { class: 'error', role: 'alert' }, t('loadFailed', { e: errorText(e) })));
    }
  }

  async function remove(s: NoticeSubscription): Promise<void> {
    if (!window.confirm(t('subConfirmRemove', { n: s.name }))) return;
    try {
      await notices.remove(s.id);
      announce(t('subRemoved'));
      await load();
    } catch (e) {
      announce(errorText(e), 'error');
    }
  }

  return { element, load };
}

/** The rule's form in a dialog: new (`existing` null) or a change, where an empty URL keeps the stored one. */
function openForm(ctx: SettingsContext, existing: NoticeSubscription | null, changed: () => Promise<void>): void {
  const name = textInput('name', t('subName'), existing?.name, { required: 'true', maxlength: '200' });
  const events = checkGroup('events', t('subEvents'), noticeEvents.map((e) => ({ value: e, label: eventName(e) })), existing?.events ?? ['red']);
  const categories = checkGroup('categories', t('subCategories'), namedOptions(ctx.catalogue.categories), existing?.categories ?? []);
  const grades = checkGroup('grades', t('subGrades'), namedOptions(ctx.catalogue.grades), existing?.grades ?? []);
  const tiersBox = checkGroup('tiers', t('subTiers'), tierOptions(), existing?.tiers ?? []);
  const prefix = textInput('unitCodePrefix', t('subPrefix'), existing?.unitCodePrefix, { inputmode: 'numeric' });
  const channel = codeSelect('channel', t('subChannel'), channels.map((c) => ({ value: c, label: channelName(c) })), existing?.channel ?? 'wecom');
  const url = h('input', { type: 'url', name: 'url', 'data-field': 'url', required: !existing, placeholder: existing ? t('subUrlKeep') : 'https://' });
  const secret = h('input', { type: 'password', name: 'secret', 'data-field': 'secret', autocomplete: 'off' });
  const enabled = h('input', { type: 'checkbox', name: 'enabled', 'data-field': 'enabled', checked: existing?.enabled ?? true });
  const general = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('save'));
  const form: HTMLFormElement = h('form', {
    class: 'subscription-form', 'data-form': 'subscription',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      clearFieldErrors(form);
      const body: SubscriptionRequest = {
        name: name.value, events: events.values(), categories: categories.values(), grades: grades.values(), tiers: tiersBox.values(),
        unitCodePrefix: prefix.value.trim() || null, channel: channel.value, enabled: enabled.checked,
        ...(url.value.trim() ? { url: url.value.trim() } : {}), ...(secret.value ? { secret: secret.value } : {}),
      };
      submit.disabled = true;
      try {
        if (existing) await notices.update(existing.id, body); else await notices.create(body);
        announce(existing ? t('subUpdated') : t('subCreated'));
        dialog.close();
        await changed();
      } catch (err) {
        showFieldErrors(form, err, general);
      } finally {
        submit.disabled = false;
      }
    },
  }, field(t('subName'), name), events.element, categories.element, grades.element, tiersBox.element,
  field(t('subPrefix'), prefix), field(t('subChannel'), channel), field(t('subUrl'), url, existing ? t('subUrlKeep') : undefined),
  field(t('subSecret'), secret), h('div', { class: 'check' }, enabled, h('label', { for: enabled.id || (enabled.id = `sub-enabled-${existing?.id ?? 'new'}`) }, t('subEnabled'))),
  general, h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')), submit));
  const dialog = openDialog(existing ? `${t('subEdit')} · ${existing.name}` : t('subAdd'), form);
  name.focus();
}
