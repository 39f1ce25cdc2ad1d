// 回访: the resident's side, without sign-in. The link's token is read from the page's #fragment (never
// sent to a server by the browser, so no access log keeps it) and travels in a header, not in the URL.
import { failure } from './http';
import { acceptLanguage } from '../i18n';

export interface ReturnVisitCase {
  category: string; categoryZh: string; categoryEn: string; placeName: string | null;
  resolvedAt: string | null; resolutionNote: string | null; expiresAt: string | null;
}
export interface ReturnVisitAnswered { satisfaction: string; caseStatus: string }

const header = 'X-Return-Visit-Token';

async function send<T>(url: string, token: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage(), [header]: token, ...(init.headers as Record<string, string> | undefined) },
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export function readReturnVisit(token: string): Promise<ReturnVisitCase> {
  return send<ReturnVisitCase>('/incidents/return-visit', token);
}

export function answerReturnVisit(token: string, satisfaction: string, comment: string | null): Promise<ReturnVisitAnswered> {
  return send<ReturnVisitAnswered>('/incidents/return-visit/answer', token, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ satisfaction, comment }),
  });
}
