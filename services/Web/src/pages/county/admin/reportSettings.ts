// 报表设置: the reports' settings the county edits (issue #15) — how many cases of one category at one place in
// 90 days make a repeat place (重复发生点位) on the dashboard (GET/PUT /incidents/settings/reports). The county
// administrator changes it; county supervisors read it.
import { reports } from '../../../api/settings';
import { clearFieldErrors, showFieldErrors } from '../../../components/fieldErrors';
import { announce, clear, errorText, field, h } from '../../../dom';
import { common } from '../../../i18n';
import type { SettingsContext } from './context';
import { t } from './text';

export function reportSettings(ctx: SettingsContext): { element: HTMLElement; load(): Promise<void> } {
  const element = h('section', { class: 'settings-section', 'data-settings': 'reports', 'aria-labelledby': 'reports-h' });

  async function load(): Promise<void> {
    clear(element, h('p', { class: 'muted' }, common('loading')));
    try {
      const current = await reports.read();
      const threshold = h('input', {
        type: 'number', name: 'repeatPlaceThreshold', 'data-field': 'repeatPlaceThreshold', min: '2', max: '100', step: '1',
        value: String(current.repeatPlaceThreshold), disabled: !ctx.canChange,
      });
      const general = h('div');
      const save = h('button', { type: 'submit', class: 'primary', 'data-action': 'save-reports' }, t('save'));
      // novalidate: the API's answer names the field (the browser's own bubble would stop the request).
      const form = h('form', { class: 'report-settings', novalidate: true, onsubmit: async (e: Event) => {
        e.preventDefault();
        save.disabled = true;
        try {
          // An empty or broken number goes as null: the API names the field.
          const value = threshold.value.trim() === '' ? null : Number(threshold.value);
          const stored = await reports.save({ repeatPlaceThreshold: value as number });
          if (stored) threshold.value = String(stored.repeatPlaceThreshold);
          clearFieldErrors(form);
          clear(general);
          announce(t('reportsSaved'));
        } catch (err) {
          showFieldErrors(form, err, general);
        } finally {
          save.disabled = false;
        }
      } },
      field(t('repeatThreshold'), threshold, t('repeatThresholdHint')), general, ctx.canChange ? save : null);
      clear(element, h('h3', { id: 'reports-h' }, t('reportsTab')), ctx.canChange ? null : h('p', { class: 'muted small' }, t('readOnly')), form);
    } catch (e) {
      clear(element, h('p', { class: 'error', role: 'alert' }, t('loadFailed', { e: errorText(e) })));
    }
  }

  return { element, load };
}
