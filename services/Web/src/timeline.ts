// Names of the actions on a case's timeline (the codes Incidents records), in both languages.
import { dictionary } from './i18n';

const t = dictionary({
  action_filed: ['上报', 'filed'],
  action_assigned: ['分派', 'assigned'],
  action_escalated: ['上报上级', 'escalated'],
  action_flagged_overdue: ['超期督办', 'flagged overdue'],
  action_accepted: ['签收', 'accepted'],
  action_resolved: ['办结', 'resolved'],
  action_escalation_requested: ['申请上报', 'escalation requested'],
  action_verified: ['核查', 'verified'],
  action_reopened: ['重新办理', 'reopened'],
  action_resolved_on_the_spot: ['当场解决', 'resolved on the spot'],
  action_returned: ['退回', 'sent back'],
  action_regraded: ['调整等级', 're-graded'],
  action_casualties_reported: ['报告伤亡', 'casualties reported'],
  action_supervised: ['督办', 'supervised'],
  action_departments_assigned: ['指派部门', 'departments assigned'],
  action_warning: ['预警', 'warning'],
  action_possible_duplicate: ['疑似重复', 'possible duplicate'],
  action_merged: ['合并', 'merged'],
  action_merged_from: ['并入', 'merged in'],
  action_mediation_scheduled: ['安排调解', 'mediation scheduled'],
  action_mediation_agreed: ['调解成功', 'mediation agreed'],
  action_mediation_failed: ['调解未成', 'mediation failed'],
  action_photo_added: ['添加照片', 'photo added'],
});

export function actionName(action: string): string {
  const key = `action_${action.replaceAll('-', '_')}`;
  const text = t(key as 'action_filed');
  return text === key ? action : text;
}
