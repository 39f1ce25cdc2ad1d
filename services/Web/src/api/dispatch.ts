// The Dispatch service: command centres' queues, the levers on a case's assignment (departments,
// send back, escalate, pull up, supervise) and the live feed. Every Dispatch URL the pages use is here.
import { getJson, postJson, query, seg } from './http';
import type { Tier } from './incidents';

export type Warning = 'yellow' | 'red';

export interface QueueItem {
  incidentId: string; category: string; grade: string; tier: Tier; unitCode: string; placeCode: string;
  startedAt: string; dueAt: string; acknowledgeBy: string | null; acceptedAt: string | null;
  warning: Warning | null; status: string; leadDepartmentCode: string | null; supervisedAt: string | null;
}
export interface CoHandler { department: string; deadline: string }
/** What the live feed says changed: the pages then read again. */
export interface CaseChanged { incidentId: string; kind: string }

/** The cases a unit handles now, most urgent first. */
export function queue(unitCode: string): Promise<QueueItem[]> {
  return getJson<QueueItem[]>(`/dispatch/command-centres/${seg(unitCode)}/queue`);
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

export function escalate(incidentId: string, reason: string): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/escalate`, { reason });
}

export function pullUp(incidentId: string, reason: string): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/pull-up`, { reason });
}

export function supervise(incidentId: string, reason: string): Promise<unknown> {
  return postJson(`${assignment(incidentId)}/supervise`, { reason });
}
