// Small form controls the settings sections share, each carrying the API's field name (data-field) so a
// problem's message lands next to it (components/fieldErrors.ts).
import type { Named } from '../../../api/incidents';
import { h, select } from '../../../dom';
import { common, named } from '../../../i18n';
import { t } from './text';

export const tiers = ['courtyard', 'village', 'township', 'county'] as const;

export const tierName = (tier: string): string => common(`tier_${tier}` as 'tier_county');

/** A select of codes with their names; `blank` adds a first option for "not set" with that label. */
export function codeSelect(fieldName: string, label: string, items: { value: string; label: string }[], value: string | null | undefined,
  blank?: string): HTMLSelectElement {
  const options = blank === undefined ? items : [{ value: '', label: blank }, ...items];
  return select(fieldName, options, value ?? '', { 'data-field': fieldName, 'aria-label': label });
}

export const namedOptions = (list: Named[]) => list.map((n) => ({ value: n.code, label: named(n, n.code) }));
export const tierOptions = () => tiers.map((tier) => ({ value: tier, label: tierName(tier) }));
export const missedOptions = () => [{ value: 'supervise', label: t('supervise') }, { value: 'escalate', label: t('escalate') }];
export const clockOptions = () => [{ value: 'natural', label: t('natural') }, { value: 'working', label: t('working') }];

export function textInput(fieldName: string, label: string, value: string | null | undefined, attrs: Record<string, string> = {}): HTMLInputElement {
  return h('input', { type: 'text', name: fieldName, 'data-field': fieldName, 'aria-label': label, value: value ?? '', ...attrs });
}

/** A group of checkboxes, one per code, checked where `chosen` has it; `values()` reads them back. */
export function checkGroup(fieldName: string, legend: string, items: { value: string; label: string }[], chosen: string[]):
  { element: HTMLFieldSetElement; values(): string[] } {
  const boxes = items.map((i) => ({ value: i.value, box: h('input', { type: 'checkbox', name: fieldName, value: i.value, checked: chosen.includes(i.value) }) }));
  const element = h('fieldset', { class: 'checks', 'data-field': fieldName, tabindex: '-1' }, h('legend', {}, legend),
    boxes.map(({ box }, n) => h('label', { class: 'check' }, box, ' ', items[n].label)));
  return { element, values: () => boxes.filter((b) => b.box.checked).map((b) => b.value) };
}
