// The assessment's and the patrol log's words, zh-CN first (docs/assessment.md).
import { dictionary } from '../../i18n';
import type { Figures, Weights } from '../../api/visits';

export const t = dictionary({
  assessmentTitle: ['月度考核', 'Monthly assessment'],
  myScoreTitle: ['我的考核', 'My assessment'],
  monthScore: ['{m} 积分', 'Score for {m}'],
  partsChart: ['各考核项目得分', 'Points per item'],
  month: ['月份', 'Month'],
  show: ['查看', 'Show'],
  score: ['积分', 'Score'],
  perPerson: ['人均积分', 'Per person'],
  people: ['人数', 'People'],
  unit: ['单位', 'Unit'],
  person: ['人员', 'Person'],
  item: ['考核项目', 'Item'],
  count: ['数量', 'Count'],
  weight: ['每项分值', 'Points each'],
  points: ['得分', 'Points'],
  unitsBelow: ['下级单位', 'Units below'],
  peopleBelow: ['人员', 'People'],
  noneBelow: ['没有下级单位', 'No units below'],
  nobody: ['暂无人员', 'Nobody registered'],
  showPeople: ['展开全部 {n} 人', 'Show all {n} people'],
  chartLabel: ['下级单位人均积分', 'Per-person score of the units below'],
  total: ['合计', 'Total'],
  patrolDays: ['巡查天数', 'Patrol days'],
  careVisitsOnTime: ['按期关爱走访', 'Care visits on time'],
  casesFound: ['发现上报', 'Cases found'],
  settledOnSpot: ['即知即办', 'Settled on the spot'],
  resolvedOnTime: ['按期办结', 'Resolved on time'],
  satisfied: ['群众满意', 'Residents satisfied'],
  dissatisfied: ['群众不满意（扣分）', 'Residents dissatisfied (penalty)'],
  missedDeadlines: ['超期督办（扣分）', 'Missed deadlines (penalty)'],
  mapTitle: ['巡查轨迹', 'Patrol tracks'],
  mapLabel: ['本月巡查轨迹地图', "Map of this month's patrol tracks"],
  mapSummary: ['本月巡查 {n} 次，其中 {drawn} 次有位置记录（最多显示最近 100 次）。', '{n} patrols this month, {drawn} with positions (the latest 100 at most).'],
  mapNoShapes: ['没有边界数据，无法显示巡查轨迹地图。', 'No boundaries: the map of patrol tracks cannot be drawn.'],
  weightsTitle: ['考核权重', 'Assessment weights'],
  weightsHint: ['每项得分 = 数量 × 分值；扣分项从总分中减去。修改后各月积分按新权重计算。',
    'Points = count × points each; penalties are subtracted. Every month is scored with the weights as they are.'],
  weightsSaved: ['考核权重已保存', 'Weights saved'],
  save: ['保存', 'Save'],
});

/** The items in the order they are shown, each with its figure and its weight. */
export const items: { key: keyof Figures & Parameters<typeof t>[0]; weight: keyof Weights; penalty?: boolean }[] = [
  { key: 'patrolDays', weight: 'patrolDay' },
  { key: 'careVisitsOnTime', weight: 'careVisitOnTime' },
  { key: 'casesFound', weight: 'caseFound' },
  { key: 'settledOnSpot', weight: 'settledOnSpot' },
  { key: 'resolvedOnTime', weight: 'resolvedOnTime' },
  { key: 'satisfied', weight: 'satisfied' },
  { key: 'dissatisfied', weight: 'dissatisfied', penalty: true },
  { key: 'missedDeadlines', weight: 'missedDeadline', penalty: true },
];

/** This month, China-local, as yyyy-MM (the API's month). */
export function thisMonth(): string {
  const china = new Date(Date.now() + 8 * 3600000);
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`;
}
