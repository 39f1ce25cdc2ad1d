// The settings the county administrator writes and the county reads (docs/api.md, docs/deadlines.md):
// routing policy and its preview, the working calendar, notice rules and their deliveries, Open311 clients.
// Typed here so the settings pages read like the API.
import { authFetch } from '../session';
import { failure, getJson, postJson, putJson, query, seg } from './http';
import type { Tier } from './incidents';

export type MissedDeadlineAction = 'supervise' | 'escalate';
export type DeadlineClock = 'natural' | 'working';
export interface TierDeadlines { courtyard: string; village: string; township: string; county: string }
export interface PolicyRule {
  category?: string | null; grade?: string | null; lowestTier: Tier; deadline?: string | null;
  onMissedDeadline?: MissedDeadlineAction | null; clock?: DeadlineClock | null;
}
export interface RoutingPolicy {
  version: number; rules: PolicyRule[]; deadlines: TierDeadlines; acknowledgementDeadlines: TierDeadlines | null;
  yellowFraction: number; clock: DeadlineClock; onMissedDeadline: MissedDeadlineAction;
}
/** Where a sample case would go (POST /dispatch/policy/preview): nothing is filed or stored. */
export interface RoutingPreview {
  policyVersion: number | null; tier: Tier; unitCode: string; unitName: string; deadline: string;
  dueAt: string; acknowledgeBy: string | null; yellowAt: string; clock: DeadlineClock; onMissedDeadline: MissedDeadlineAction;
  movesToOnMissedDeadline: Tier | null; weekdaysOnlyYear: number | null; matchedRules: number[]; tiersToldAtOnce: Tier[];
}
export interface CalendarYear { year: number; holidays: string[]; workdays: string[] }

export const policy = {
  read: () => getJson<RoutingPolicy>('/dispatch/policy'),
  save: (next: RoutingPolicy) => putJson<RoutingPolicy>('/dispatch/policy', next),
  /** `draft` absent: the current version. */
  preview: (sample: { unitCode: string; category: string; grade: string }, draft?: RoutingPolicy) =>
    postJson<RoutingPreview>('/dispatch/policy/preview', { ...sample, policy: draft ?? null }),
};

/** The reports' settings (GET/PUT /incidents/settings/reports): N or more cases of one category at one place in 90 days
 * make a repeat place (重复发生点位). */
export interface ReportSettings { repeatPlaceThreshold: number }

export const reports = {
  read: () => getJson<ReportSettings>('/incidents/settings/reports'),
  save: (next: ReportSettings) => putJson<ReportSettings>('/incidents/settings/reports', next),
};

export const calendar = {
  years: () => getJson<CalendarYear[]>('/dispatch/calendar'),
  save: (year: CalendarYear) => putJson<CalendarYear>(`/dispatch/calendar/${year.year}`, { holidays: year.holidays, workdays: year.workdays }),
};

// ---- Notices (分级分类推送) ----

export type NoticeEvent = 'routed' | 'escalated' | 'yellow' | 'red' | 'flagged-overdue' | 'supervised' | 'returned';
export const noticeEvents: NoticeEvent[] = ['routed', 'escalated', 'yellow', 'red', 'flagged-overdue', 'supervised', 'returned'];
export type NoticeChannel = 'webhook' | 'wecom' | 'dingtalk';
export interface NoticeSubscription {
  id: string; name: string; categories: string[]; grades: string[]; tiers: Tier[]; unitCodePrefix: string | null;
  events: NoticeEvent[]; channel: NoticeChannel; url: string; hasSecret: boolean; enabled: boolean;
  createdAt: string; updatedAt: string; updatedBy: string;
}
export interface SubscriptionRequest {
  name: string; categories: string[]; grades: string[]; tiers: string[]; unitCodePrefix: string | null;
  events: string[]; channel: string; url?: string; secret?: string; enabled: boolean;
}
export interface NoticeDelivery {
  id: string; subscriptionId: string; subscriptionName: string | null; channel: NoticeChannel | null; incidentId: string; kind: string;
  title: string; status: 'pending' | 'sent' | 'failed'; attempts: number; lastStatusCode: number | null; lastError: string | null;
  createdAt: string; lastAttemptAt: string | null; nextAttemptAt: string | null; sentAt: string | null; failedAt: string | null;
}

export const notices = {
  subscriptions: () => getJson<NoticeSubscription[]>('/dispatch/notices/subscriptions'),
  create: (body: SubscriptionRequest) => postJson<NoticeSubscription>('/dispatch/notices/subscriptions', body),
  update: (id: string, body: SubscriptionRequest) => putJson<NoticeSubscription>(`/dispatch/notices/subscriptions/${seg(id)}`, body),
  remove: (id: string) => send('DELETE', `/dispatch/notices/subscriptions/${seg(id)}`),
  deliveries: (status: string | null) => getJson<NoticeDelivery[]>(`/dispatch/notices/deliveries${query({ status, limit: 100 })}`),
  retry: (id: string) => postJson<unknown>(`/dispatch/notices/deliveries/${seg(id)}/retry`, {}),
};

// ---- Open311 client systems (the 12345 hotline, apps) ----

export interface Open311Client { id: string; name: string; createdAt: string; revokedAt: string | null; mayReadDetails: boolean; callbackUrl: string | null }
/** A key issued: shown in this answer only, never again. */
export interface IssuedClient { id: string; name: string; apiKey: string; createdAt: string; mayReadDetails: boolean }

export const open311 = {
  clients: () => getJson<Open311Client[]>('/open311/admin/clients'),
  issue: (name: string, mayReadDetails: boolean) => postJson<IssuedClient>('/open311/admin/clients', { name, mayReadDetails }),
  revoke: (id: string) => send('DELETE', `/open311/admin/clients/${seg(id)}`),
};

/** A request without an answer body (DELETE): problems become ApiErrors as everywhere. */
async function send(method: 'DELETE', url: string): Promise<void> {
  const response = await authFetch(url, { method, headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
}
