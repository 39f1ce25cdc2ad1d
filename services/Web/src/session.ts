// Who is signed in, and what every API call carries. The access token lives in memory only: a script
// that runs once on a page cannot carry it away from localStorage. The session itself is an HttpOnly
// cookie the Host set at sign-in (docs/sessions.md): restoreSession() turns it into a fresh access token
// when a page loads, and authFetch does so once more when a token is refused. Only who is signed in
// (nothing secret) stays in localStorage, for hosts that name the caller by X-User. Moving to the
// county's identity provider changes this file and auth.ts only.
import { acceptLanguage } from './i18n';

export interface StaffMember {
  id: string;
  name: string;
  role: string;
  unitCode: string;
  /** A department handler's department (吹哨报到), when the account list gives it. */
  departmentId?: string | null;
  departmentName?: string | null;
}

export interface Session extends StaffMember {
  /** Present when the Host issued a token; otherwise the caller is named by X-User. */
  accessToken?: string;
}

const storageKey = 'governance.session';
let session: Session | null = loadProfile();
// Aborts the calls of the person who signs out: the page he leaves may still be reading, and its
// answers (401 once the session is gone) must neither reach a page drawn for someone else nor be
// refreshed with the next person's cookie. Replaced at each sign-in.
let signedIn = new AbortController();

function loadProfile(): Session | null {
  try {
    const raw = localStorage.getItem(storageKey);
    if (!raw) return null;
    // Pages before the session cookie kept the token here too: never use it again.
    return withoutToken(JSON.parse(raw) as Session);
  } catch {
    return null;
  }
}

function withoutToken(s: Session): Session {
  const profile = { ...s };
  delete profile.accessToken;
  return profile;
}

function forget(): void {
  session = null;
  localStorage.removeItem(storageKey);
}

export function currentUser(): Session | null {
  return session;
}

export function startSession(next: Session): Session {
  if (signedIn.signal.aborted) signedIn = new AbortController();
  session = next;
  localStorage.setItem(storageKey, JSON.stringify(withoutToken(next)));
  return next;
}

export function signOut(): void {
  forget();
  signedIn.abort();
  // The answers the service worker kept for offline use (the care list among them) go with the person.
  navigator.serviceWorker?.controller?.postMessage({ type: 'forget-data' });
  void fetch('/auth/sign-out', { method: 'POST' }).catch(() => undefined);
}

/** What every sign-in and /auth/refresh answer: an access token and who it names. */
export interface TokenAnswer {
  accessToken: string;
  account: { userId: string; name: string; role: string; unitCode: string; departmentId?: string | null; departmentName?: string | null };
}

/** The session a sign-in or a refresh answered (the cookie itself the Host set). */
export function startSessionFrom({ accessToken, account: a }: TokenAnswer): Session {
  return startSession({ id: a.userId, name: a.name, role: a.role, unitCode: a.unitCode, departmentId: a.departmentId ?? null,
    departmentName: a.departmentName ?? null, accessToken });
}

let refreshing: Promise<boolean | null> | null = null;
// False once /auth/refresh answered that this Host issues no tokens (callers named by X-User): a call
// without a token is then normal and needs no refresh first.
let hostIssuesTokens = true;

/** The session cookie turned into a fresh access token: true; the session ended (signed out here
 * too): false; the Host issues no tokens (callers named by X-User): null. One request at a time. */
function refresh(): Promise<boolean | null> {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/auth/refresh', { method: 'POST' });
      if (response.status === 404 || response.status === 405) {
        hostIssuesTokens = false;
        return null;
      }
      // 204: nobody is signed in on this browser; 401: the session ended (left, post changed, expired).
      if (response.status !== 200) {
        forget();
        return false;
      }
      startSessionFrom((await response.json()) as TokenAnswer);
      return true;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** On page load, before the first page: the session cookie, if any, signs the person in again. */
export async function restoreSession(): Promise<void> {
  await refresh();
}

/** Before sending what waited offline: a page opened without a network has no access token yet.
 * true: a token now; false: the session ended (sign in again); null: no network, or a Host without tokens. */
export async function ensureToken(): Promise<boolean | null> {
  if (!session) return false;
  if (session.accessToken) return true;
  return refresh();
}

/** Marks a call made without the token this Host would want (none could be had: no network, or the Host was
 * away). The service worker answers such a call only from what it kept, or as a network failure: sent on at
 * the moment the network returns, it would only be refused (401, which the browser logs) and be repeated. */
export const withoutTokenHeader = 'X-Without-Token';

function send(input: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  if (session?.accessToken) headers.set('Authorization', `Bearer ${session.accessToken}`);
  else if (session && hostIssuesTokens) headers.set(withoutTokenHeader, '1');
  if (session) headers.set('X-User', session.id);
  headers.set('Accept-Language', acceptLanguage()); // problems come back in the page's language
  // After a sign-out this rejects at once (AbortError) rather than send a call nobody may make.
  const signal = init.signal ? AbortSignal.any([init.signal, signedIn.signal]) : signedIn.signal;
  return fetch(input, { ...init, headers, signal });
}

/** fetch, with the signed-in caller's identity. Every API call (streams too) goes through here.
 * X-User goes along with the token: a Host with authentication switched off names the caller by it,
 * one with authentication on ignores it. A refused token (expired, or the person's post changed) is
 * refreshed once from the session cookie and the call repeated. A call made without one (the page was
 * opened offline, when no token could be had) fetches one first. */
export async function authFetch(input: string, init: RequestInit = {}): Promise<Response> {
  // A page opened offline has a person but no token yet: fetch one before the call rather than send it
  // bare, be refused (the browser logs every 401) and repeat it.
  if (session && !session.accessToken && hostIssuesTokens) await refresh();
  const response = await send(input, init);
  if (response.status !== 401 || !session) return response;
  if ((await refresh()) !== true) return response;
  return send(input, init);
}
