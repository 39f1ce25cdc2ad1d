// Sign-in, in one module: which accounts can sign in, how, and what every API call carries.
//
// Standalone with development tokens (issue #6): GET /auth/demo-accounts lists one account per
// role, POST /auth/dev-token {userId} -> {accessToken}, and every call sends "Authorization: Bearer".
// Without that endpoint (older hosts) the person picks any member of staff from GET /grids/staff and
// calls carry the X-User header. Moving to the county's identity provider changes this file only.

export interface StaffMember {
  id: string;
  name: string;
  role: string;
  unitCode: string;
}

export interface Session extends StaffMember {
  /** Present when the Host issued a token; otherwise the caller is named by X-User. */
  accessToken?: string;
}

const storageKey = 'governance.session';
let session: Session | null = load();
let tokensOffered = false;

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

/** Who can sign in: the demo accounts when the Host issues development tokens, else all staff. */
export async function listAccounts(): Promise<StaffMember[]> {
  const demo = await fetch('/auth/demo-accounts', { headers: { Accept: 'application/json' } });
  if (demo.ok) {
    tokensOffered = true;
    const accounts = (await demo.json()) as { userId: string; name: string; role: string; unitCode: string }[];
    return accounts.map((a) => ({ id: a.userId, name: a.name, role: a.role, unitCode: a.unitCode }));
  }
  tokensOffered = false;
  const staff = await fetch('/grids/staff?limit=5000', { headers: { Accept: 'application/json' } });
  if (!staff.ok) throw new Error(`HTTP ${staff.status}`);
  return ((await staff.json()) as (StaffMember & { leftAt?: string | null })[]).filter((s) => !s.leftAt);
}

/** Signs in as a staff member: with a development token when the Host offers them, else by name. */
export async function signIn(person: StaffMember): Promise<Session> {
  let accessToken: string | undefined;
  if (tokensOffered) {
    const response = await fetch('/auth/dev-token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ userId: person.id }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    accessToken = ((await response.json()) as { accessToken: string }).accessToken;
  }
  session = { id: person.id, name: person.name, role: person.role, unitCode: person.unitCode, accessToken };
  localStorage.setItem(storageKey, JSON.stringify(session));
  return session;
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
