// The patrol log (巡查日志) and the monthly assessment (考核), both Grids' (docs/assessment.md).
import { authFetch } from '../session';
import { getJson, postJson, putJson, query, seg } from './http';

export interface Patrol {
  id: string; kind: 'patrol'; personId: string; unitCode: string; startedAt: string; endedAt: string | null;
  pointCount: number; lastPointAt: string | null;
  /** Ended by the server at its last sign of life after hours without one (Grids:Patrols:IdleEnd), not by the person. */
  endedAutomatically: boolean;
}
export interface TrackPoint { at: string; lat: number; lng: number }
export interface PatrolDetail { visit: Patrol; track: TrackPoint[]; links: { kind: 'care-visit' | 'case'; id: string; at: string }[] }
export interface PatrolCounts { month: string; patrols: number; people: number; personDays: number; days: { date: string; patrols: number; people: number }[] }

export interface Weights {
  patrolDay: number; careVisitOnTime: number; caseFound: number; settledOnSpot: number; resolvedOnTime: number;
  satisfied: number; dissatisfied: number; missedDeadline: number; changedBy?: string; changedAt?: string; version?: number;
}
export interface Figures {
  patrolDays: number; careVisits: number; careVisitsOnTime: number; casesFound: number; settledOnSpot: number; resolved: number;
  resolvedOnTime: number; satisfied: number; dissatisfied: number; missedDeadlines: number;
}
export interface PersonScore { personId: string; name: string; role: string; unitCode: string; figures: Figures; score: number }
export interface UnitScore { unitCode: string; name: string; level: string; people: number; figures: Figures; score: number; perPerson: number }
export interface PersonAssessment { month: string; weights: Weights; person: PersonScore }
export interface UnitAssessment { month: string; weights: Weights; unit: UnitScore; units: UnitScore[]; people: PersonScore[] }

/** The caller's patrol going on now, or null (204). */
export async function currentPatrol(): Promise<PatrolDetail | null> {
  const response = await authFetch('/grids/patrols/current', { headers: { Accept: 'application/json' } });
  if (response.status === 204) return null;
  if (!response.ok) return getJson<PatrolDetail>('/grids/patrols/current');   // the error, as a readable ApiError
  return (await response.json()) as PatrolDetail;
}

export const startPatrol = (): Promise<Patrol | null> => postJson<Patrol>('/grids/patrols', {});
export const endPatrol = (id: string): Promise<Patrol | null> => postJson<Patrol>(`/grids/patrols/${seg(id)}/end`, {});
export const sendPoints = (id: string, points: TrackPoint[]): Promise<{ patrol: Patrol; accepted: number; dropped: number } | null> =>
  postJson(`/grids/patrols/${seg(id)}/points`, { points });
/** The caller's newest patrol of this month, going on or ended, or null. */
export const myLatestPatrol = async (): Promise<Patrol | null> =>
  (await getJson<Patrol[]>(`/grids/patrols${query({ limit: '1' })}`))[0] ?? null;
export const myPatrolCounts = (month?: string): Promise<PatrolCounts> => getJson(`/grids/patrols/counts${query({ month })}`);

/** A unit's patrols of a month with their tracks (newest first, at most 100), for the map. */
export const patrolTracks = (unitCode: string, month?: string): Promise<PatrolDetail[]> =>
  getJson(`/grids/patrols/tracks${query({ unitCode, month })}`);

export const personAssessment = (personId: string, month?: string): Promise<PersonAssessment> =>
  getJson(`/grids/assessment/people/${seg(personId)}${query({ month })}`);
export const unitAssessment = (unitCode: string, month?: string): Promise<UnitAssessment> =>
  getJson(`/grids/assessment/units/${seg(unitCode)}${query({ month })}`);
export const assessmentWeights = (): Promise<Weights> => getJson('/grids/assessment/weights');
export const setAssessmentWeights = (w: Weights): Promise<Weights | null> => putJson<Weights>('/grids/assessment/weights', w);
