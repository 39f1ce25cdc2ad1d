// 派遣规则: the routing policy as a table of rules (category, grade, lowest tier, deadline, onMissedDeadline,
// clock per rule) and its defaults, saved as a new version; beside it the preview of where a sample case
// would go under the rules as edited (docs/deadlines.md). County supervisors read it and may preview.
import { policy as policyApi, type PolicyRule, type RoutingPolicy, type TierDeadlines } from '../../../api/settings';
import { clearFieldErrors, showFieldErrors } from '../../../components/fieldErrors';
import { announce, clear, errorText, field, h } from '../../../dom';
import { common } from '../../../i18n';
import type { SettingsContext } from './context';
import { clockOptions, codeSelect, missedOptions, namedOptions, textInput, tierName, tierOptions, tiers } from './controls';
import { policyPreview } from './policyPreview';
import { t } from './text';

export function policyEditor(ctx: SettingsContext): { element: HTMLElement; load(): Promise<void> } {
  const element = h('section', { class: 'settings-section', 'data-settings': 'policy', 'aria-labelledby': 'policy-h' });

  async function load(): Promise<void> {
    clear(element, h('p', { class: 'muted' }, common('loading')));
    try {
      draw(await policyApi.read());
    } catch (e) {
      clear(element, h('p', { class: 'error', role: 'alert' }, t('loadFailed', { e: errorText(e) })));
    }
  }

  function draw(current: RoutingPolicy): void {
    const rules: PolicyRule[] = current.rules.map((r) => ({ ...r }));
    const title = h('h3', { id: 'policy-h' }, t('policyTitle', { v: current.version }));
    const body = h('tbody');
    const general = h('div', { 'data-form-error': '' });

    const drawRules = (): void => clear(body, rules.map((rule, i) => ruleRow(ctx, rule, i, current.deadlines, () => { rules.splice(i, 1); drawRules(); })));
    drawRules();

    const deadlines = tierInputs('deadlines', current.deadlines);
    const acks = tierInputs('acknowledgementDeadlines', current.acknowledgementDeadlines);
    const yellow = textInput('yellowFraction', t('yellowFraction'), String(current.yellowFraction), { inputmode: 'decimal' });
    const clock = codeSelect('clock', t('defaultClock'), clockOptions(), current.clock);
    const onMissed = codeSelect('onMissedDeadline', t('defaultOnMissed'), missedOptions(), current.onMissedDeadline);

    /** The policy as edited now (what Save stores and the preview tries). */
    const draft = (): RoutingPolicy => ({
      version: current.version, rules: rules.map((r) => ({ ...r })), deadlines: deadlines.read() ?? current.deadlines,
      acknowledgementDeadlines: acks.read(), yellowFraction: Number(yellow.value), clock: clock.value as RoutingPolicy['clock'],
      onMissedDeadline: onMissed.value as RoutingPolicy['onMissedDeadline'],
    });

    const save = h('button', { type: 'submit', class: 'primary', 'data-action': 'save-policy' }, t('savePolicy'));
    const form = h('form', {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        save.disabled = true;
        try {
          const stored = await policyApi.save(draft());
          announce(t('policySaved', { v: stored?.version ?? '' }));
          if (stored) draw(stored);
        } catch (err) {
          showFieldErrors(element, err, general);
        } finally {
          save.disabled = false;
        }
      },
    },
    h('fieldset', { class: 'plain', disabled: !ctx.canChange },
      h('legend', { class: 'sr-only' }, t('rules')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'policy-rules', 'data-field': 'rules', tabindex: '-1' },
        h('caption', { class: 'sr-only' }, t('rules')),
        h('thead', {}, h('tr', {}, ['#', t('colCategory'), t('colGrade'), t('colLowestTier'), t('colDeadline'), t('colOnMissed'), t('colClock'), t('colActions')]
          .map((c) => h('th', { scope: 'col' }, c)))), body)),
      h('button', { type: 'button', 'data-action': 'add-rule', onclick: () => { rules.push({ lowestTier: 'courtyard' }); drawRules(); body.querySelector<HTMLElement>('tr:last-child select')?.focus(); } }, t('addRule')),
      h('h4', {}, t('tierDeadlines')), deadlines.element,
      h('h4', {}, t('ackDeadlines')), acks.element,
      h('div', { class: 'settings-defaults' }, field(t('yellowFraction'), yellow), field(t('defaultClock'), clock), field(t('defaultOnMissed'), onMissed))),
    general,
    ctx.canChange ? save : h('p', { class: 'muted small' }, t('readOnly')));

    const preview = policyPreview(ctx, draft, (err) => showFieldErrors(element, err, general, 'policy.'), () => clearFieldErrors(element));
    clear(element, title, h('p', { class: 'muted small' }, t('policyHint')), h('div', { class: 'policy-layout' }, form, preview));
  }

  return { element, load };
}

/** One rule as a table row; its controls write into `rule` as they change. */
function ruleRow(ctx: SettingsContext, rule: PolicyRule, i: number, tierDeadlines: TierDeadlines, remove: () => void): HTMLTableRowElement {
  const at = `rules[${i}]`;
  const category = codeSelect(`${at}.category`, t('colCategory'), namedOptions(ctx.catalogue.categories), rule.category, t('any'));
  const grade = codeSelect(`${at}.grade`, t('colGrade'), namedOptions(ctx.catalogue.grades), rule.grade, t('any'));
  const lowest = codeSelect(`${at}.lowestTier`, t('colLowestTier'), tierOptions(), rule.lowestTier);
  const deadline = textInput(`${at}.deadline`, t('colDeadline'), rule.deadline, { placeholder: tierDeadlines[rule.lowestTier], title: t('deadlineHint'), size: '6' });
  const onMissed = codeSelect(`${at}.onMissedDeadline`, t('colOnMissed'), missedOptions(), rule.onMissedDeadline, t('inherit'));
  const clock = codeSelect(`${at}.clock`, t('colClock'), clockOptions(), rule.clock, t('inherit'));
  const sync = (): void => {
    rule.category = category.value || null;
    rule.grade = grade.value || null;
    rule.lowestTier = lowest.value as PolicyRule['lowestTier'];
    deadline.placeholder = tierDeadlines[rule.lowestTier]; // empty: the tier's own deadline
    rule.deadline = deadline.value.trim() || null;
    rule.onMissedDeadline = (onMissed.value || null) as PolicyRule['onMissedDeadline'];
    rule.clock = (clock.value || null) as PolicyRule['clock'];
  };
  for (const control of [category, grade, lowest, deadline, onMissed, clock]) control.addEventListener('change', sync);
  return h('tr', { 'data-rule': i },
    h('th', { scope: 'row' }, String(i + 1)),
    [category, grade, lowest, deadline, onMissed, clock].map((c) => h('td', {}, c)),
    h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `${t('remove')} ${t('ruleN', { n: i + 1 })}`, onclick: remove }, t('remove'))));
}

/** A deadline per tier; `read()` gives null when every box is empty (no such clock). */
function tierInputs(name: string, value: TierDeadlines | null): { element: HTMLElement; read(): TierDeadlines | null } {
  const inputs = tiers.map((tier) => textInput(`${name}.${tier}`, tierName(tier), value?.[tier], { size: '6' }));
  return {
    element: h('div', { class: 'tier-deadlines' }, inputs.map((input, n) => field(tierName(tiers[n]), input))),
    read: () => inputs.every((i) => i.value.trim() === '') ? null
      : Object.fromEntries(tiers.map((tier, n) => [tier, inputs[n].value.trim()])) as unknown as TierDeadlines,
  };
}
