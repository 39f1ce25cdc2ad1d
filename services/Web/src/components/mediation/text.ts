// A unit's mediation sessions (调解安排), zh-CN first.
import { dictionary } from '../../i18n';

export const t = dictionary({
  tab: ['调解安排', 'Mediation sessions'],
  hint: ['本辖区案件的调解场次（近30天及以后），由村（社区）在案件中安排并记录结果。', 'Sessions of the cases in this area (the last 30 days and ahead); villages schedule them and record the outcome on the case.'],
  none: ['暂无调解安排', 'No mediation sessions'],
  when: ['时间', 'When'],
  case: ['案件', 'Case'],
  mediators: ['调解员', 'Mediators'],
  parties: ['当事人', 'Parties'],
  outcome: ['结果', 'Outcome'],
  reached: ['达成协议', 'Agreement reached'],
  notReached: ['未达成', 'Not reached'],
  pending: ['待调解', 'To be held'],
});
