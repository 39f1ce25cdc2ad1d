// The Incidents service: cases, their timeline and photos, the handler's and verifier's actions, the
// catalogue, and the dashboard's figures. Every Incidents URL the pages use is here.
import { getBlob, getJson, postForm, postJson, query, seg } from './http';

export type Tier = 'courtyard' | 'village' | 'township' | 'county';

export interface Named { code: string; nameZh: string; nameEn: string }
export interface Catalogue { categories: Named[]; grades: Named[] }
/** A reason the system gave, as codes the pages render in their language (reasons.ts); `reason` is its English. */
/** `at`: a moment a part names (a mediation's time), shown in the county's zone. */
export interface CodedReason { code: string; parts: { code: string; field?: string; value?: string; at?: string }[] }
export interface TimelineEntry {
  at: string; actor: string; action: string; tier: Tier | null; unitCode: string | null; reason: string | null;
  /** null: the reason is free text (a person's, or a row from before the codes). */
  reasonCode?: CodedReason | null;
}
export interface Photo { id: string; contentType: string; size: number; sha256: string; uploadedBy: string; uploadedAt: string }
/** What the caller may do to a case now (the permission model and the case's state): one code per button. */
export type CaseAction = 'read' | 'settle-on-the-spot' | 'accept' | 'resolve' | 'note' | 'add-photo' | 'request-move-up'
  | 'decide-move-up' | 'send-back' | 'move-up' | 'call-in-departments' | 'department-work' | 'urge' | 'supervise' | 'pull-up'
  | 'take-in-hand' | 'sign-off' | 'regrade' | 'report-casualties' | 'verify' | 'merge' | 'mediate' | 'read-caller' | 'place-triage';

/** Who called the hotline about a case: masked in the case, whole from callerOf (the holder only, audited). */
export interface Caller { name: string | null; phone: string | null; email: string | null }

export interface Incident {
  id: string; unitCode: string; category: string; grade: string; title: string; description: string;
  location: { lat: number; lng: number } | null; status: string; tier: Tier | null; handlingUnitCode: string | null;
  dueAt: string | null; flaggedOverdueAt: string | null; reportedBy: string; filedAt: string; updatedAt: string;
  resolvedBy: string | null; resolvedOnTheSpot: boolean; satisfaction: string | null; supervisedAt: string | null;
  leadDepartmentCode: string | null; possibleDuplicateOf?: string | null; mergedInto?: string | null;
  /** Past its deadline on the tier that holds it. */
  overdue?: boolean;
  allowedActions?: CaseAction[];
  /** The hotline caller, masked ("王**", "139****5678"); absent in list items and for cases staff filed. */
  caller?: Caller | null;
  /** Empty in list items. */
  timeline?: TimelineEntry[]; photos?: Photo[];
  /** 包案: the leader who took the case in hand (null: nobody); in the case and in his own queue. */
  inHand?: InHand | null;
}

/** 包案 on a case: who, since when, his instructions, and his sign-off (null while it is open). */
export interface InHand { leader: string; since: string; instructions: string | null; signedOffAt: string | null }

/** Where a case sits in the caller's work list. */
export type WorkBucket = 'to-accept' | 'in-progress' | 'to-verify' | 'move-up-requests' | 'department-parts' | 'overdue-below';
/** One page of a bucket: `total` cases in it, `items` from `offset` on, `next` the page after (null: none). */
export interface WorkPage { bucket: WorkBucket; total: number; offset: number; items: Incident[]; next: string | null }
export interface Casualties { deaths: number; seriouslyInjured: number; directLossYuan: number }
export interface MediationSession {
  id: string; incidentId: string; mediators: string[]; parties: string[]; scheduledAt: string;
  /** null until the outcome is recorded. */
  outcome: string | null; agreement: string | null; createdBy: string; createdAt: string; recordedBy: string | null; recordedAt: string | null;
}

export interface FileIncident {
  unitCode: string; category: string; grade: string; title: string; description: string;
  location: { lat: number; lng: number } | null; resolution?: string;
}
export interface Verification { result: string; satisfaction: string | null; comment: string | null }

// ---- Catalogue, cached for the page's life ----

let catalogue: Promise<Catalogue> | null = null;
export function loadCatalogue(): Promise<Catalogue> {
  catalogue ??= Promise.all([getJson<Named[]>('/incidents/categories'), getJson<Named[]>('/incidents/grades')])
    .then(([categories, grades]) => ({ categories, grades }));
  catalogue.catch(() => (catalogue = null));
  return catalogue;
}

// ---- Cases ----

const one = (id: string) => `/incidents/${seg(id)}`;

/** The caller unmasked, to call before acting (先联系后办理): the holder while he works the case; each reading is audited. */
export function callerOf(id: string): Promise<Caller> {
  return getJson<Caller>(`${one(id)}/caller`);
}

export function incident(id: string): Promise<Incident> {
  return getJson<Incident>(one(id));
}

export function incidents(filter: { unitCode?: string; status?: string; limit?: number }): Promise<Incident[]> {
  return getJson<Incident[]>(`/incidents${query(filter)}`);
}

/** A case list's filters as GET /incidents and its export name them (CaseListQuery.cs): empty ones are left out. */
export type CaseQuery = Record<string, string>;

/** One page of the cases the filters select, newest filed first. */
export function searchIncidents(filter: CaseQuery, limit: number, offset: number): Promise<Incident[]> {
  return getJson<Incident[]>(`/incidents${query({ ...filter, limit, offset })}`);
}

/** A hotline call waiting in the county's triage queue (待分拨) and why no unit was found for it (whyCode: as codes). */
export interface TriageItem { case: Incident; why: string | null; whyCode: CodedReason | null }
/** One page of the triage queue: `total` calls wait, `items` from `offset` on, `next` the page after (null: none). */
export interface TriagePage { total: number; offset: number; items: TriageItem[]; next: string | null }

/** The county's triage queue, oldest first (county dispatchers), a page at a time (limit 1–500). */
export function triageQueue(limit: number, offset = 0): Promise<TriagePage> {
  return getJson<TriagePage>(`/incidents/triage${query({ limit, offset })}`);
}

/** 分拨: places a call waiting in triage on a grid or courtyard; it is then routed like any case. */
export function placeCall(id: string, unitCode: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/place`, { unitCode });
}

/** Files a case; the same key again answers the case filed the first time (a retry files once). */
export function fileIncident(body: FileIncident, idempotencyKey: string): Promise<Incident | null> {
  return postJson<Incident>('/incidents', body, { 'Idempotency-Key': idempotencyKey });
}

/** What is the caller's to do now: the first page of every bucket that holds a case, or one bucket's cases
 * from `offset` on; overdue first, then by deadline. `filter`: the case list's filters (category, grade, status,
 * unitCode, overdue, from, to), narrowing every bucket. */
export async function workList(limit = 50, bucket?: WorkBucket, offset?: number, filter: CaseQuery = {}): Promise<WorkPage[]> {
  return (await getJson<{ buckets: WorkPage[] }>(`/incidents/work${query({ ...filter, limit, bucket, offset })}`)).buckets;
}

export function accept(id: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/accept`, {});
}

export function resolve(id: string, note: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/resolve`, { note });
}

export function verify(id: string, verification: Verification): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/verification`, verification);
}

/** 反馈: a progress note on the timeline. */
export function note(id: string, text: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/notes`, { text });
}

/** 包案: the caller takes the case in hand, with optional instructions. */
export function takeInHand(id: string, instructions: string | null): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/in-hand`, { instructions });
}

/** 签字办结: the leader who took the case in hand closes it after verification. */
export function signOff(id: string, note: string | null): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/sign-off`, { note });
}

/** 我包案的案件: the cases in the caller's hand, newest filed first; `open: false` lists the ended ones too. */
export function casesInHand(open = true, limit = 100): Promise<Incident[]> {
  return getJson<Incident[]>(`/incidents/in-hand${query({ open: String(open), limit })}`);
}

/** 提请上级: asks the tier above to take the case. */
export function requestMoveUp(id: string, reason: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/escalation-requests`, { reason });
}

/** The tier above accepts a request to move up, or declines it (a reason is then required). */
export function decideMoveUp(id: string, approve: boolean, reason?: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/escalation-requests/decision`, { approve, reason });
}

export function regrade(id: string, grade: string, reason: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/grade`, { grade, reason });
}

export function reportCasualties(id: string, casualties: Casualties): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/casualties`, casualties);
}

/** Merges this case (a duplicate) into the case that carries on. */
export function merge(id: string, into: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/merge`, { into });
}

export function mediations(id: string): Promise<MediationSession[]> {
  return getJson<MediationSession[]>(`${one(id)}/mediations`);
}

export function scheduleMediation(id: string, session: { mediators: string[]; parties: string[]; scheduledAt: string }): Promise<MediationSession | null> {
  return postJson<MediationSession>(`${one(id)}/mediations`, session);
}

export function recordMediationOutcome(id: string, sessionId: string, outcome: { reached: boolean; agreement: string | null }): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/mediations/${seg(sessionId)}/outcome`, outcome);
}

// ---- Photos ----

export function addPhoto(id: string, photo: Blob, name: string): Promise<Photo | null> {
  const form = new FormData();
  form.append('photo', photo, name);
  return postForm<Photo>(`${one(id)}/photos`, form);
}

export function photoBytes(id: string, photoId: string): Promise<Blob> {
  return getBlob(`${one(id)}/photos/${seg(photoId)}`);
}

// ---- The dashboard: figures of a unit over a period ----

export interface Period { unitCode: string; from: string; to: string }
export interface TierCounts { courtyard: number; village: number; township: number; county: number }
export interface Summary {
  unitCode: string; from: string; to: string; filed: number; closed: number;
  villageContainmentRate: number | null; townshipContainmentRate: number | null; onTimeRate: number | null; satisfactionRate: number | null;
  open: TierCounts; overdue: TierCounts;
  /** 群众满意率: residents' own 回访 answers; satisfactionRate is what staff recorded at verification. */
  residentSatisfactionRate: number | null; residentAnswers: number; staffSatisfactionAnswers: number;
}
export interface TrendPoint { day: string; filed: number; closed: number }
export interface Escalations { byReason: { reason: string; count: number }[]; byTownship: { unitCode: string; name: string | null; count: number }[] }
export interface ChildFigures {
  unitCode: string; name: string | null; level: string | null; filed: number; closed: number;
  villageContainmentRate: number | null; townshipContainmentRate: number | null; open: number; overdue: number;
}

export interface Distribution { measure: string; buckets: { upToMinutes: number | null; cases: number }[]; cases: number;
  medianHours: number | null; p90Hours: number | null }
export interface Durations { accept: Distribution; resolve: Distribution }
export interface Ranked { code: string; name: string | null; closed: number; onTimeRate: number | null; overdueNow: number;
  staffSatisfactionRate: number | null; residentSatisfactionRate: number | null; onTimeRank: number | null; overdueRank: number;
  satisfactionRank: number | null }
export interface Rankings { units: Ranked[]; departments: Ranked[] }
export interface RepeatPlaces { threshold: number; from: string; to: string;
  places: { unitCode: string; name: string | null; category: string; cases: number; lastFiledAt: string }[] }

/** 包案 under a unit: taken in the period, in hand now (being worked, or awaiting the sign-off), and how they ended. */
export interface InHandFigures { taken: number; working: number; awaitingSignOff: number; signedOff: number; signedOffSatisfied: number; merged: number }

/** A file the API writes (an export), fetched with the caller's identity. */
export function exportFile(path: string, params: Record<string, string>): Promise<Blob> {
  return getBlob(`${path}${query(params)}`);
}

export const dashboard = {
  durations: (p: Period) => getJson<Durations>(`/incidents/dashboard/durations${query({ ...p })}`),
  rankings: (p: Period) => getJson<Rankings>(`/incidents/dashboard/rankings${query({ ...p })}`),
  repeatPlaces: (p: Period) => getJson<RepeatPlaces>(`/incidents/dashboard/repeat-places${query({ ...p })}`),
  summary: (p: Period) => getJson<Summary>(`/incidents/dashboard/summary${query({ ...p })}`),
  trend: (p: Period) => getJson<TrendPoint[]>(`/incidents/dashboard/trend${query({ ...p })}`),
  escalations: (p: Period) => getJson<Escalations>(`/incidents/dashboard/escalations${query({ ...p })}`),
  children: (p: Period) => getJson<ChildFigures[]>(`/incidents/dashboard/children${query({ ...p })}`),
  inHand: (p: Period) => getJson<InHandFigures>(`/incidents/dashboard/in-hand${query({ ...p })}`),
};

/** Text messages (回访 links) on their way, the number masked (county administrators). */
export function smsDeliveries(): Promise<unknown> {
  return getJson<unknown>('/incidents/admin/sms-deliveries');
}

export interface DemoSms { outId: string; at: string; phoneMasked: string; signName: string; templateCode: string; templateParam: Record<string, string> }
/** 测试短信箱: the texts a demo's gateway kept instead of sending (county administrators). */
export function smsOutbox(): Promise<{ enabled: boolean; messages: DemoSms[] }> {
  return getJson<{ enabled: boolean; messages: DemoSms[] }>('/incidents/admin/sms-outbox');
}

/** The hotline and app systems allowed to file over Open311 (county administrators). */
export function open311Clients(): Promise<unknown> {
  return getJson<unknown>('/open311/admin/clients');
}
