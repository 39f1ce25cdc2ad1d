// A case's timeline as every page shows it: when, what (the codes Incidents records, named in both
// languages), on which tier, who (a person's name, not their account id) and why.
import { staffNames } from './api/grids';
import { incident, type TimelineEntry } from './api/incidents';
import { formatTime, h } from './dom';
import { common, dictionary } from './i18n';
import { reasonText } from './reasons';

const t = dictionary({
  action_filed: ['上报', 'filed'],
  action_triage: ['待分拨', 'waiting to be placed'],
  action_placed: ['分拨', 'placed'],
  action_assigned: ['分派', 'assigned'],
  action_escalated: ['升级', 'moved up'],
  action_moved_after_resolution: ['移交未生效（案件已办结）', 'move came after the case was resolved (not applied)'],
  action_flagged_overdue: ['超期预警', 'overdue warning'],
  action_deadline_weekdays_only: ['时限按周一至周五计算（该年节假日安排未录入）', 'deadline counted Monday to Friday (that year’s holidays not entered)'],
  action_accepted: ['签收', 'accepted'],
  action_resolved: ['办结', 'resolved'],
  action_note: ['反馈', 'progress note'],
  action_escalation_requested: ['提请上级', 'asked the tier above'],
  action_escalation_approved: ['上级同意升级', 'request to move up approved'],
  action_escalation_declined: ['上级退回申请', 'request to move up declined'],
  action_verified: ['核查', 'verified'],
  action_reopened: ['重新办理', 'reopened'],
  action_resolved_on_the_spot: ['当场解决', 'resolved on the spot'],
  action_returned: ['退回', 'sent back'],
  action_regraded: ['调整等级', 're-graded'],
  action_casualties_reported: ['报告伤亡', 'casualties reported'],
  action_urged: ['催办', 'urged'],
  action_supervised: ['督办', 'supervised'],
  action_pulled_up: ['提级', 'pulled up'],
  action_departments_assigned: ['吹哨（指派部门）', 'departments called in'],
  action_checked_in: ['部门报到', 'department checked in'],
  action_department_checked_in: ['部门报到', 'department checked in'],
  action_department_finished: ['部门承办完成', "department's part finished"],
  action_department_feedback: ['部门反馈', 'department feedback'],
  action_notified_above: ['重大事项逐级告知', 'tiers above notified'],
  action_warning: ['预警', 'warning'],
  action_possible_duplicate: ['疑似重复', 'possible duplicate'],
  action_merged: ['合并', 'merged'],
  action_merged_from: ['并入', 'merged in'],
  action_mediation_scheduled: ['安排调解', 'mediation scheduled'],
  action_mediation_agreed: ['调解成功', 'mediation agreed'],
  action_mediation_failed: ['调解未成', 'mediation failed'],
  action_photo_added: ['添加照片', 'photo added'],
  action_taken_in_hand: ['领导包案', 'taken in hand by a leader'],
  action_signed_off: ['包案领导签字办结', 'signed off by the leader'],
  other_case: ['另一案件', 'another case'],
  actor_dispatch: ['系统分派', 'Dispatch (automatic)'],
  actor_incidents: ['系统', 'system'],
  actor_system: ['系统自动（{job}）', 'automatic ({job})'],
  job_router: ['系统分派', 'Routing (automatic)'],
  job_dispatch: ['系统分派', 'Routing (automatic)'],
  job_deadline_sweeper: ['时限监控（自动）', 'Deadline watch (automatic)'],
  job_incident_verified: ['核查后自动流转', 'After verification (automatic)'],
  job_mediation_failed: ['调解未成自动流转', 'After failed mediation (automatic)'],
  job_incident_regraded: ['调整等级后自动流转', 'After re-grading (automatic)'],
  actor_open311: ['热线', 'hotline'],
  actor_resident: ['群众（短信回访）', 'the resident (text message)'],
});

export function actionName(action: string): string {
  const key = `action_${action.replaceAll('-', '_')}`;
  const text = t(key as 'action_filed');
  return text === key ? action : text;
}

/** The timeline as a list; people are named once their names arrive (see nameActors). */
export function timelineList(entries: TimelineEntry[], options: { tiers?: boolean } = {}): HTMLOListElement {
  const list = h('ol', { class: 'timeline' }, entries.map((e) => h('li', {},
    h('time', { datetime: e.at }, formatTime(e.at)), ' ', h('strong', {}, actionName(e.action)), ' ',
    options.tiers && e.tier ? [common(`tier_${e.tier}` as 'tier_village'), ' '] : null,
    actor(e.actor, 'muted'),
    e.reasonCode?.code === 'other-case' ? otherCase(e.reasonCode.parts[0]?.value ?? '')
      : e.reason ? h('div', { class: 'reason' }, reasonText(e.reasonCode, e.reason)) : null)));
  void nameActors(list);
  return list;
}

/** Another case (a possible duplicate, merged into or from) by its title once it arrives; its id stays as a
 * tooltip. A case the reader may not open stays "another case" (the id means nothing to a person). */
function otherCase(id: string): HTMLDivElement {
  const name = h('span', { class: 'other-case', 'data-case': id, title: id }, t('other_case'));
  incident(id).then((c) => { name.textContent = `「${c.title}」`; }, () => undefined);
  return h('div', { class: 'reason' }, name);
}

/** Someone named by account id: shown as the id until nameActors finds the name (the id stays as a tooltip). */
export function actor(id: string, className?: string): HTMLSpanElement {
  return h('span', { class: className, 'data-actor': id }, systemActor(id) ?? id);
}

// Names already asked for, for the page's life: a dialog opened twice asks once.
const names = new Map<string, Promise<string | null>>();

/** Replaces the account ids of root and the [data-actor] elements under it with people's names (GET /grids/staff/names). */
export async function nameActors(root: HTMLElement): Promise<void> {
  const elements = [...(root.dataset.actor ? [root] : []), ...root.querySelectorAll<HTMLElement>('[data-actor]')];
  const unknown = [...new Set(elements.map((e) => e.dataset.actor!))].filter((id) => !names.has(id) && systemActor(id) === null);
  if (unknown.length > 0) {
    // A name that cannot be found (left, or a robot's key) stays an id; a failed request is not an error on the page.
    const found = staffNames(unknown).catch(() => []);
    for (const id of unknown) names.set(id, found.then((people) => people.find((p) => p.id === id)?.name ?? null));
  }
  for (const element of elements) {
    const id = element.dataset.actor!;
    const name = systemActor(id) ?? (await names.get(id));
    if (name) {
      element.textContent = name;
      element.title = id;
    }
  }
}

/** The services and hotlines that act on cases themselves. */
function systemActor(id: string): string | null {
  if (id === 'dispatch') return t('actor_dispatch');
  if (id === 'incidents') return t('actor_incidents');
  if (id === 'resident:return-visit') return t('actor_resident');
  if (id.startsWith('open311:')) return `${t('actor_open311')} ${id.slice('open311:'.length)}`;
  // Automatic steps are recorded as system:<job>: the jobs we know by name, others as what they are.
  if (id.startsWith('system:')) {
    const job = id.slice('system:'.length);
    const key = `job_${job.replaceAll('-', '_')}`;
    const name = t(key as 'job_router');
    return name === key ? t('actor_system', { job }) : name;
  }
  return null;
}
