// The Dispatch service: command centres' queues, the levers on a case's assignment (吹哨, 退回, 升级,
// 提级, 催办, 督办), a department's part in a case, the live feed, and the settings the administrator
// reads. Every Dispatch URL the pages use is here.
import { getJson, postJson, query, seg } from './http';
import type { Tier } from './incidents';

export type Warning = 'yellow' | 'red';

export interface QueueItem {
  incidentId: string; category: string; grade: string; tier: Tier; unitCode: string; placeCode: string;
  startedAt: string; dueAt: string; acknowledgeBy: string | null; acceptedAt: string | null;
  warning: Warning | null; status: string; leadDepartmentCode: string | null; supervisedAt: string | null;
}
export interface CoHandler { department: string; deadline: string }
/** A department's open part in a case it was called in on (吹哨报到): its own deadline (the lead's is
 * the case's) and warning by that deadline, its check-in and feedback. Finished parts leave the inbox. */
export interface DepartmentPart {
  incidentId: string; category: string; grade: string; tier: Tier; unitCode: string; placeCode: string;
  role: 'lead' | 'co-handler'; dueAt: string; overdue: boolean; warning: Warning | null; calledInAt: string;
  checkedInAt: string | null; checkedInBy: string | null; lastFeedbackAt: string | null; feedbackCount: number;
  caseDueAt: string; caseStatus: string;
}
/** What the live feed says changed: the pages then read again. */
export interface CaseChanged { incidentId: string; kind: string }

/** One page of a unit's board: `total` cases on it, `items` from `offset` on, `next` the page after (null: none). */
export interface QueuePage { total: number; offset: number; items: QueueItem[]; next: string | null }

/** The cases a unit handles now, most urgent first, a page at a time (limit 1–500). */
/** `filter`: the board's filters (category, grade, accepted), empty ones left out. */
export function queue(unitCode: string, limit: number, offset = 0, filter: Record<string, string> = {}): Promise<QueuePage> {
  return getJson<QueuePage>(`/dispatch/command-centres/${seg(unitCode)}/queue${query({ ...filter, limit, offset })}`);
}

/** The live feed of a unit (server-sent events, read with live.ts). */
export function liveEventsUrl(unitCode: string): string {
  return `/dispatch/events/stream${query({ unitCode })}`;
}

const assignment = (incidentId: string) => `/dispatch/assignments/${seg(incidentId)}`;

export function assignDepartments(incidentId: string, lead: string, coHandlers: CoHandler[]): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/departments`, { lead, coHandlers });
}

export function sendBack(incidentId: string, reason: string): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/send-back`, { reason });
}

/** 升级: moves the case up a tier at once (the holder at the township; those above take it over). */
export function moveUp(incidentId: string, reason: string): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/escalate`, { reason });
}

/** 提级: a higher tier takes the case. */
export function pullUp(incidentId: string, reason: string): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/pull-up`, { reason });
}

/** 督办. The instructions go as `note` (issue 11's contract) and as `reason`, which Dispatch read before it. */
export function supervise(incidentId: string, note: string): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/supervise`, { note, reason: note });
}

/** 催办. */
export function urge(incidentId: string, note: string): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/urge`, { note });
}

// ---- A department called in (吹哨报到) ----

/** A department's inbox: its open parts, overdue first. */
export function departmentQueue(departmentId: string): Promise<DepartmentPart[]> {
  return getJson<DepartmentPart[]>(`/dispatch/departments/${seg(departmentId)}/queue`);
}

/** 报到. */
export function checkIn(incidentId: string, departmentId: string): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/departments/${seg(departmentId)}/check-in`, {});
}

/** The department's feedback on its part; `finished` ends its part. */
export function departmentFeedback(incidentId: string, departmentId: string, note: string, finished: boolean): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/departments/${seg(departmentId)}/feedback`, { note, finished });
}

// ---- Settings the county administrator reads ----

/** The years the working calendar holds, and the one the administrator must enter next (null: none due). */
export interface CalendarCoverage { knownYears: number[]; missingYear: number | null; countingWeekdaysOnly: boolean }

export const settings = {
  policy: () => getJson<unknown>('/dispatch/policy'),
  calendar: () => getJson<unknown>('/dispatch/calendar'),
  calendarCoverage: () => getJson<CalendarCoverage>('/dispatch/calendar/coverage'),
  noticeSubscriptions: () => getJson<unknown>('/dispatch/notices/subscriptions'),
};

/** A service's audit chain verified (county administrators). */
export function auditVerification(service: 'grids' | 'incidents' | 'dispatch'): Promise<unknown> {
  return getJson<unknown>(`/${service}/audit/verify`);
}
