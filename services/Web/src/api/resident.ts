// The courtyard's public page (院落二维码), without sign-in. The QR's "<code>.<key>" and the status link's token
// are read from the page's #fragment (never sent to a server by the browser, so no access log keeps them) and
// travel in headers, not in the URL.
import { failure } from './http';
import { acceptLanguage } from '../i18n';

export interface CourtyardPage { unitCode: string; name: string; categories: { code: string; nameZh: string; nameEn: string }[] }
export interface ResidentCaseFiled { statusToken: string; statusLink: string }
export interface ResidentCase {
  courtyardName: string; category: string; categoryZh: string; categoryEn: string; status: string; filedAt: string;
  steps: { at: string; step: string }[];
}

async function send<T>(url: string, headers: Record<string, string>, init: RequestInit = {}): Promise<T | null> {
  const response = await fetch(url, { ...init, headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage(), ...headers, ...(init.headers as Record<string, string> | undefined) } });
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : ((await response.json()) as T);
}

const courtyard = (key: string): Record<string, string> => ({ 'X-Courtyard-Key': key });
const resident = (token: string): Record<string, string> => ({ 'X-Resident-Token': token });
const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export const readCourtyard = (key: string) => send<CourtyardPage>('/incidents/resident/courtyard', courtyard(key));

export const sendCode = (key: string, phone: string) => send<{ expiresAt: string }>('/incidents/resident/code', courtyard(key), json({ phone }));

export const fileCase = (key: string, body: { phone: string; code: string; category: string; description: string }) =>
  send<ResidentCaseFiled>('/incidents/resident/cases', courtyard(key), json(body));

export const readCase = (token: string) => send<ResidentCase>('/incidents/resident/case', resident(token));

export function addCasePhoto(token: string, photo: Blob, name: string): Promise<null> {
  const form = new FormData();
  form.append('photo', photo, name);
  return send<null>('/incidents/resident/case/photos', resident(token), { method: 'POST', body: form });
}
