// Leaders and their visits (下沉走访), Grids' (docs/leaders.md): a leader's post, plan and visits, and the
// overdue plans and figures under a unit.
import { getJson, getJsonOrNull, postJson, query, seg } from './http';

export interface LeaderPost { post: 'township-committee' | 'county-committee'; linkedUnits: string[] }
export interface LeaderPlan { personId: string; everyDays: number; unitCodes: string[]; since: string; setBy: string }
export interface PlannedUnit { unitCode: string; lastVisitAt: string | null; dueAt: string; overdue: boolean }
export interface LeaderView {
  personId: string; name: string; role: string; unitCode: string; leader: LeaderPost | null; plan: LeaderPlan | null; planned: PlannedUnit[];
}
export interface LeaderFigures { unitCode: string; name: string; visits: number; leaders: number; overdueUnits: number }
export interface LeaderFindingInput {
  text: string;
  incident?: { unitCode: string; category: string; grade: string; title: string; description: string };
}
export interface LeaderVisitInput { unitCode: string; met: string; findings: LeaderFindingInput[]; lat?: number; lng?: number }
export interface LeaderVisit { visit: { id: string; unitCode: string; startedAt: string }; met: string; findings: { text: string; incidentId: string | null }[] }

/** The caller's own post and plan; null when Grids does not know him. */
export function myLeaderPost(): Promise<LeaderView | null> {
  return getJsonOrNull<LeaderView>('/grids/leaders/mine');
}

export function recordLeaderVisit(visit: LeaderVisitInput): Promise<LeaderVisit | null> {
  return postJson<LeaderVisit>('/grids/leaders/visits', visit);
}

export function overdueLeaders(unitCode: string): Promise<LeaderView[]> {
  return getJson<LeaderView[]>(`/grids/leaders/overdue${query({ unitCode })}`);
}

export function leaderFigures(unitCode: string): Promise<LeaderFigures[]> {
  return getJson<LeaderFigures[]>(`/grids/leaders/figures${query({ unitCode })}`);
}

export function leaderOf(personId: string): Promise<LeaderView | null> {
  return getJsonOrNull<LeaderView>(`/grids/leaders/${seg(personId)}`);
}
