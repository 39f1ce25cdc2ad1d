// Reasons the system gives (where a hotline call was placed, why it waits in triage), rendered from their codes in
// the page's language, zh-CN first: the API stores codes and the values they name, and says them in English too.
// A reason without codes (a person's, or a row from before the codes) is shown as the API gives it.
import type { CodedReason } from './api/incidents';
import { dictionary } from './i18n';

const t = dictionary({
  'placed-by-location': ['按来电位置（{v}）落点', 'placed by its location ({v})'],
  'placed-by-alias': ['按{f}「{v}」（单位登记的别名）落点', "placed by its {f} '{v}', an alias of the unit"],
  triage: ['待县级调度员分拨：{parts}', 'waits for a county dispatcher: {parts}'],
  'outside-grids': ['来电位置不在任何网格内', 'its location lies outside every grid'],
  'alias-unknown': ['{f}「{v}」不是任何单位登记的别名', "its {f} '{v}' is no unit's registered alias"],
  'alias-ambiguous': ['{f}同时是 {v} 个单位的别名', 'its {f} is an alias of {v} units at the moment'],
  'no-location': ['来电未提供位置（经纬度、地址或地址编号）', 'it came without a location (lat/long, address_string or address_id)'],
  field_address_string: ['地址', 'address'],
  field_address_id: ['地址编号', 'address id'],
  separator: ['；', '; '],
});

type Key = Parameters<typeof t>[0];

function say(code: string, values: Record<string, string>): string | null {
  const text = t(code as Key, values);
  return text === code ? null : text;
}

function fieldName(field: string | undefined): string {
  if (!field) return '';
  return say(`field_${field}`, {}) ?? field;
}

/** The reason in the page's language; the English text when a code is unknown to this page (a newer API). */
export function reasonText(coded: CodedReason | null | undefined, english: string | null): string | null {
  if (!coded) return english;
  const parts = coded.parts.map((p) => say(p.code, { f: fieldName(p.field), v: p.value ?? '' }));
  if (parts.some((p) => p === null)) return english;
  const first = coded.parts[0];
  return say(coded.code, { parts: parts.join(t('separator')), f: fieldName(first?.field), v: first?.value ?? '' }) ?? english;
}
