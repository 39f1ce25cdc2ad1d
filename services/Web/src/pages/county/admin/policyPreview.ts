// 试算: where a sample case would go under the rules as edited — the server runs the router's rules on the
// draft (POST /dispatch/policy/preview), nothing is filed or stored. The unit's name is shown as text.
import { policy as policyApi, type RoutingPolicy, type RoutingPreview } from '../../../api/settings';
import { clear, field, formatTime, h } from '../../../dom';
import type { SettingsContext } from './context';
import { codeSelect, namedOptions, textInput, tierName } from './controls';
import { t } from './text';

export function policyPreview(ctx: SettingsContext, draft: () => RoutingPolicy, failed: (err: unknown) => void, clearErrors: () => void): HTMLElement {
  const unit = textInput('unitCode', t('previewUnit'), '', { inputmode: 'numeric', autocomplete: 'off' });
  const category = codeSelect('category', t('colCategory'), namedOptions(ctx.catalogue.categories), ctx.catalogue.categories[0]?.code);
  const grade = codeSelect('grade', t('colGrade'), namedOptions(ctx.catalogue.grades), 'IV');
  const result = h('div', { class: 'preview-result', 'data-preview': '', 'aria-live': 'polite' });
  const run = h('button', { type: 'submit', 'data-action': 'preview' }, t('previewRun'));
  return h('form', {
    class: 'card preview', 'aria-labelledby': 'preview-h',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      run.disabled = true;
      clearErrors();
      clear(result);
      try {
        const answer = await policyApi.preview({ unitCode: unit.value.trim(), category: category.value, grade: grade.value }, draft());
        if (answer) clear(result, describe(answer));
      } catch (err) {
        failed(err);
      } finally {
        run.disabled = false;
      }
    },
  }, h('h4', { id: 'preview-h' }, t('previewTitle')), h('p', { class: 'muted small' }, t('previewHint')),
  field(t('previewUnit'), unit), field(t('colCategory'), category), field(t('colGrade'), grade), run, result);
}

function describe(p: RoutingPreview): HTMLElement {
  const clock = p.clock === 'working' ? t('working') : t('natural');
  return h('dl', {},
    h('dt', {}, t('colLowestTier')), h('dd', { 'data-preview-where': '' }, t('previewResult', { tier: tierName(p.tier), unit: p.unitName })),
    h('dt', {}, t('colDeadline')), h('dd', {}, t('previewDeadline', { d: p.deadline, clock, due: formatTime(p.dueAt) }),
      p.acknowledgeBy ? [' · ', t('previewAck', { t: formatTime(p.acknowledgeBy) })] : null, ' · ', t('previewYellow', { t: formatTime(p.yellowAt) })),
    h('dt', {}, t('colOnMissed')), h('dd', { 'data-preview-missed': '' },
      p.movesToOnMissedDeadline ? t('previewMissedMove', { tier: tierName(p.movesToOnMissedDeadline) }) : t('previewMissedStay')),
    h('dt', {}, t('rules')), h('dd', {}, p.matchedRules.length === 0 ? t('previewNoRules') : t('previewRules', { n: p.matchedRules.map((i) => i + 1).join('、') })),
    p.tiersToldAtOnce.length > 0 ? [h('dt', {}, t('previewTold')), h('dd', {}, p.tiersToldAtOnce.map(tierName).join('、'))] : null,
    p.weekdaysOnlyYear ? h('dd', { class: 'warning' }, t('previewWeekdays', { y: p.weekdaysOnlyYear })) : null);
}
