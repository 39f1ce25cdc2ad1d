// Reasons the system gives (where a hotline call was placed, why it waits in triage), rendered from their codes in
// the page's language, zh-CN first: the API stores codes and the values they name, and says them in English too.
// A reason without codes (a person's, or a row from before the codes) is shown as the API gives it.
import type { CodedReason } from './api/incidents';
import { formatTime } from './dom';
import { dictionary } from './i18n';

const t = dictionary({
  'placed-by-location': ['按来电位置（{v}）落点', 'placed by its location ({v})'],
  'placed-by-alias': ['按{f}「{v}」（单位登记的别名）落点', "placed by its {f} '{v}', an alias of the unit"],
  triage: ['待县级调度员分拨：{parts}', 'waits for a county dispatcher: {parts}'],
  'outside-grids': ['来电位置不在任何网格内', 'its location lies outside every grid'],
  'alias-unknown': ['{f}「{v}」不是任何单位登记的别名', "its {f} '{v}' is no unit's registered alias"],
  'alias-ambiguous': ['{f}同时是 {v} 个单位的别名', 'its {f} is an alias of {v} units at the moment'],
  'no-location': ['来电未提供位置（经纬度、地址或地址编号）', 'it came without a location (lat/long, address_string or address_id)'],
  // The timeline's reasons (services/Incidents/Model/TimelineReasons.cs): a case's step, said in the page's language.
  'policy-version': ['路由策略第{v}版', 'routing policy version {v}'],
  escalation: ['{parts}', '{parts}'],
  verification: ['核查结果：{parts}', 'verification: {parts}'],
  regrade: ['{parts}', '{parts}'],
  casualties: ['{parts}', '{parts}'],
  'mediation-scheduled': ['{parts}', '{parts}'],
  'mediation-no-agreement': ['未达成协议，转乡镇司法所', 'no agreement: on to the township justice office'],
  warning: ['{parts}', '{parts}'],
  'overdue-flag': ['{parts}', '{parts}'],
  'weekdays-only-year': ['{v}年节假日安排未录入', 'the holidays of {v} are not entered'],
  'notified-above': ['{v}级事件', 'grade {v}'],
  departments: ['{parts}', '{parts}'],
  'by-department': ['{parts}', '{parts}'],
  'other-case': ['另一案件', 'another case'],
  version: ['{v}', '{v}'],
  note: ['{v}', '{v}'],
  'grade-change': ['{f}级 → {v}级', 'grade {f} → {v}'],
  'order-493-band': ['伤亡和损失达到《生产安全事故报告和调查处理条例》（国务院令第493号）更高一级', 'casualties and loss reach a higher band of State Council Order 493'],
  deaths: ['死亡{v}人', '{v} dead'],
  'seriously-injured': ['重伤{v}人', '{v} seriously injured'],
  'direct-loss': ['直接经济损失{v}元', 'direct loss ¥{v}'],
  at: ['调解时间 {t}', 'at {t}'],
  mediators: ['调解员 {v}', 'mediators {v}'],
  parties: ['当事人 {v}', 'parties {v}'],
  'flagged-to': ['超期预警 → {f} {v}', 'flagged to {f} {v}'],
  year: ['{v}', '{v}'],
  grade: ['{v}', '{v}'],
  lead: ['牵头部门 {v}', 'lead department {v}'],
  'co-handler': ['协办部门 {v}（{t}前）', 'co-handler {v} (by {t})'],
  department: ['{v}', '{v}'],
  'department-late': ['{v}（逾期）', '{v} (late)'],
  case: ['{v}', '{v}'],
  'deadline-passed': ['超过办理时限', 'the deadline passed'],
  'handler-requested': ['承办人提请', 'the handler asked'],
  'acknowledgement-overdue': ['超时未签收', 'not accepted in time'],
  regraded: ['调整等级后超出本级', 'the new grade starts higher'],
  'rejected-twice': ['两次核查未解决', 'verified as not solved twice'],
  'county-pulled-up': ['区县提级', 'pulled up by the county'],
  'mediation-failed': ['调解未成', 'mediation failed'],
  'township-pulled-up': ['乡镇提级', 'pulled up by the township'],
  solved: ['已解决', 'solved'],
  'partly-solved': ['部分解决', 'partly solved'],
  'not-solved': ['未解决', 'not solved'],
  yellow: ['黄牌（时限将到）', 'yellow card (deadline near)'],
  red: ['红牌（已超期）', 'red card (deadline passed)'],
  resolution: ['办结时限已过', 'resolution deadline missed'],
  acknowledgement: ['签收时限已过', 'acknowledgement deadline missed'],
  location: ['{v}', '{v}'],
  alias: ['{f}「{v}」', "{f} '{v}'"],
  field_courtyard: ['院落/网格', 'courtyard/grid'],
  field_village: ['村/社区', 'village'],
  field_township: ['乡镇/街道', 'township'],
  field_county: ['区县', 'county'],
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
  const parts = coded.parts.map((p) => say(p.code, { f: fieldName(p.field), v: p.value ?? '', t: formatTime(p.at) }));
  if (parts.some((p) => p === null)) return english;
  const first = coded.parts[0];
  return say(coded.code, { parts: parts.join(t('separator')), f: fieldName(first?.field), v: first?.value ?? '' }) ?? english;
}
