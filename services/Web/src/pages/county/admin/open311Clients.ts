// 12345 接入: the client systems allowed to file over Open311. The administrator issues a key (shown this
// once only) and revokes one; the county supervisors read the list. Names are shown as text.
import { open311, type Open311Client } from '../../../api/settings';
import { clearFieldErrors, showFieldErrors } from '../../../components/fieldErrors';
import { announce, clear, errorText, field, formatTime, h } from '../../../dom';
import { common } from '../../../i18n';
import type { SettingsContext } from './context';
import { textInput } from './controls';
import { t } from './text';

export function open311Clients(ctx: SettingsContext): { element: HTMLElement; load(): Promise<void> } {
  const list = h('div');
  const issued = h('div', { 'data-issued-key': '', 'aria-live': 'polite' });
  const element = h('section', { class: 'settings-section', 'data-settings': 'open311', 'aria-labelledby': 'open311-h' },
    h('h3', { id: 'open311-h' }, t('clients')), ctx.canChange ? issueForm() : h('p', { class: 'muted small' }, t('readOnly')), issued, list);

  function issueForm(): HTMLFormElement {
    const name = textInput('name', t('clientName'), '', { required: 'true', maxlength: '80' });
    const mayRead = h('input', { type: 'checkbox', name: 'mayReadDetails', id: 'open311-may-read' });
    const general = h('div');
    const form: HTMLFormElement = h('form', {
      class: 'inline-form', 'data-form': 'open311-client',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        clearFieldErrors(form);
        clear(general);
        try {
          const client = await open311.issue(name.value, mayRead.checked);
          if (client) clear(issued, h('p', { class: 'warning' }, t('clientKey', { n: client.name })), h('code', { class: 'api-key' }, client.apiKey));
          name.value = '';
          await load();
        } catch (err) {
          showFieldErrors(form, err, general);
        }
      },
    }, field(t('clientName'), name), h('div', { class: 'check' }, mayRead, h('label', { for: mayRead.id }, t('clientMayRead'))),
    h('button', { type: 'submit', class: 'primary' }, t('clientIssue')), general);
    return form;
  }

  async function load(): Promise<void> {
    clear(list, h('p', { class: 'muted' }, common('loading')));
    try {
      const clients = await open311.clients();
      clear(list, clients.length === 0 ? h('p', {}, t('noClients')) : h('div', { class: 'table-wrap' }, h('table', { class: 'open311-clients' },
        h('thead', {}, h('tr', {}, [t('clientName'), t('clientCreated'), t('colStatus'), t('clientMayRead'), t('clientCallback'), ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, clients.map(row)))));
    } catch (e) {
      clear(list, h('p', { class: 'error', role: 'alert' }, t('loadFailed', { e: errorText(e) })));
    }
  }

  function row(c: Open311Client): HTMLTableRowElement {
    return h('tr', { 'data-client': c.id },
      h('td', {}, c.name), h('td', {}, formatTime(c.createdAt)),
      h('td', {}, c.revokedAt ? t('clientRevoked', { t: formatTime(c.revokedAt) }) : t('clientActive')),
      h('td', {}, c.mayReadDetails ? t('yes') : t('no')), h('td', { class: 'url' }, c.callbackUrl ?? ''),
      h('td', {}, ctx.canChange && !c.revokedAt ? h('button', {
        type: 'button', class: 'link', 'data-action': 'revoke',
        onclick: async () => {
          if (!window.confirm(t('clientConfirmRevoke', { n: c.name }))) return;
          try {
            await open311.revoke(c.id);
            announce(t('clientRevokedDone'));
            await load();
          } catch (e) {
            announce(errorText(e), 'error');
          }
        },
      }, t('clientRevoke')) : null));
  }

  return { element, load };
}
