// Who is signed in, kept in the browser, and what every API call carries. Moving to the county's
// identity provider changes this file and auth.ts only.

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
let session: Session | null = load();

function load(): Session | null {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function currentUser(): Session | null {
  return session;
}

export function startSession(next: Session): Session {
  session = next;
  localStorage.setItem(storageKey, JSON.stringify(next));
  return next;
}

export function signOut(): void {
  session = null;
  localStorage.removeItem(storageKey);
}

/** fetch, with the signed-in caller's identity. Every API call (streams too) goes through here.
 * X-User goes along with the token: a Host with authentication switched off names the caller by it,
 * one with authentication on ignores it. */
export function authFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (session?.accessToken) headers.set('Authorization', `Bearer ${session.accessToken}`);
  if (session) headers.set('X-User', session.id);
  return fetch(input, { ...init, headers });
}
