// zh-CN first, English on request. Each page keeps its own small dictionary of [Chinese, English]
// pairs; the language choice is remembered in the browser.

export type Lang = 'zh-CN' | 'en';
type Pairs = Record<string, readonly [string, string]>;

const storageKey = 'governance.lang';
let lang: Lang = localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
document.documentElement.lang = lang;

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
}

/** The Accept-Language every API call sends: the API says its problems (validation messages, refusals) in the
 * page's language — Chinese unless English was chosen (docs/api.md "Problems and their language"). */
export function acceptLanguage(): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}

/** A page's dictionary: t('key') in the current language; t('key', {n: 3}) fills {n}. */
export function dictionary<P extends Pairs>(pairs: P): (key: keyof P & string, values?: Record<string, string | number>) => string {
  return (key, values) => {
    const pair = pairs[key];
    let text = pair ? pair[lang === 'zh-CN' ? 0 : 1] : key;
    if (values) for (const [k, v] of Object.entries(values)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}

/** A name the API gives in both languages (categories, grades, departments). */
export function named(item: { nameZh: string; nameEn: string } | undefined, fallback = ''): string {
  if (!item) return fallback;
  return lang === 'zh-CN' ? item.nameZh : item.nameEn;
}

/** Words every page shares. */
export const common = dictionary({
  appName: ['基层治理', 'Governance'],
  language: ['English', '中文'],
  languageLabel: ['切换到英文', 'Switch to Chinese'],
  signOut: ['退出', 'Sign out'],
  zoomIn: ['放大', 'Zoom in'],
  zoomOut: ['缩小', 'Zoom out'],
  signedInAs: ['当前用户', 'Signed in as'],
  loading: ['加载中…', 'Loading…'],
  retry: ['重试', 'Retry'],
  cancel: ['取消', 'Cancel'],
  close: ['关闭', 'Close'],
  save: ['保存', 'Save'],
  none: ['暂无', 'None'],
  chooseFiles: ['选择照片', 'Choose photos'],
  noFileChosen: ['未选择照片', 'No photo chosen'],
  filesChosen: ['已选择 {n} 张照片', '{n} photos chosen'],
  error: ['出错了', 'Something went wrong'],
  noNetwork: ['网络不通，请稍后再试', 'No network: try again later'],
  requestFailed: ['请求失败（{status}）', 'The request failed ({status})'],
  overdueBy: ['已超期 {t}', 'Overdue by {t}'],
  moreOf: ['还有 {n} 件，加载更多', '{n} more — show them'],
  more: ['还有更多，加载更多', 'More — show them'],
  dueIn: ['剩余 {t}', '{t} left'],
  days: ['{n}天', '{n}d'],
  hours: ['{n}小时', '{n}h'],
  minutes: ['{n}分', '{n}m'],
  seconds: ['{n}秒', '{n}s'],
  tier_courtyard: ['院落/网格', 'Courtyard/grid'],
  tier_village: ['村/社区', 'Village'],
  tier_township: ['乡镇/街道', 'Township'],
  tier_county: ['区县', 'County'],
  status_triage: ['待分拨', 'Waiting to be placed'],
  status_filed: ['已登记', 'Filed'],
  status_assigned: ['待签收', 'Assigned'],
  status_accepted: ['办理中', 'Being handled'],
  status_resolved: ['待核查', 'Awaiting verification'],
  status_reopened: ['重新办理', 'Reopened'],
  status_verified: ['已核查，待领导签字', 'Verified; awaiting the leader’s sign-off'],
  status_closed: ['已办结', 'Closed'],
  status_merged: ['已合并', 'Merged'],
  yellow: ['黄牌', 'Yellow card'],
  red: ['红牌', 'Red card'],
  pageWorker: ['网格员', 'Grid worker'],
  pageVillage: ['村（社区）', 'Village'],
  pageBoard: ['镇街指挥中心', 'Township command centre'],
  pageDepartment: ['部门', 'Department'],
  pageCounty: ['区县治理中心', 'County centre'],
  mainNav: ['页面', 'Pages'],
});
