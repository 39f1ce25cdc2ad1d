// The county administrator's links (he configures the system; he handles no case): each opens the
// setting as it is now, read-only.
import { auditVerification, settings } from '../../api/dispatch';
import { coverage } from '../../api/grids';
import { open311Clients } from '../../api/incidents';
import { clear, errorText, h, openDialog } from '../../dom';
import { common } from '../../i18n';
import { t } from './text';

export function adminLinks(): HTMLElement {
  const links: [string, () => Promise<unknown>][] = [
    [t('admin_policy'), settings.policy],
    [t('admin_calendar'), settings.calendar],
    [t('admin_notices'), settings.noticeSubscriptions],
    [t('admin_open311'), open311Clients],
    [t('admin_coverage'), coverage],
    ...(['grids', 'incidents', 'dispatch'] as const).map((s): [string, () => Promise<unknown>] => [t('admin_audit', { service: s }), () => auditVerification(s)]),
  ];
  return h('section', { class: 'card admin', 'aria-labelledby': 'admin-h' },
    h('h2', { id: 'admin-h' }, t('admin')), h('p', { class: 'muted small' }, t('adminHint')),
    h('ul', { class: 'admin-links' }, links.map(([label, read]) => h('li', {},
      h('button', { type: 'button', class: 'link', onclick: () => void show(label, read) }, label)))));
}

async function show(label: string, read: () => Promise<unknown>): Promise<void> {
  const body = h('div', {}, h('p', { class: 'muted' }, common('loading')));
  openDialog(label, body);
  try {
    // As text: the settings are shown, never interpreted.
    clear(body, h('pre', { class: 'json' }, JSON.stringify(await read(), null, 2)));
  } catch (e) {
    clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
  }
}
