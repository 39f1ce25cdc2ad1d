// Sign-in: which accounts can sign in, and how.
//
// A county's own people (issue #18): account and password (POST /auth/sign-in); a password an
// administrator reset is one-time, and the page asks for a new one before the session starts.
//
// Standalone with development tokens (issue #6): the Host lists one account per role and issues a
// token for any of them; every call then sends "Authorization: Bearer". Without that (older hosts)
// the person picks any member of staff and calls carry the X-User header.
import { activeStaff, changePassword, demoAccounts, devToken, passwordSignIn } from './api/grids';
import { startSession, startSessionFrom, type Session, type StaffMember } from './session';

let tokensOffered = false;

/** Who can sign in: the demo accounts when the Host issues development tokens, else all staff. */
export async function listAccounts(): Promise<StaffMember[]> {
  const demo = await demoAccounts();
  tokensOffered = demo !== null;
  if (demo) return demo.map((a) => ({ id: a.userId, name: a.name, role: a.role, unitCode: a.unitCode, departmentId: a.departmentId ?? null,
    departmentName: a.departmentName ?? null }));
  return activeStaff();
}

/** Signs in as a staff member: with a development token when the Host offers them, else by name. */
export async function signIn(person: StaffMember): Promise<Session> {
  const accessToken = tokensOffered ? await devToken(person.id) : undefined;
  return startSession({ ...person, accessToken });
}

/** Account and password. Throws the ApiError of the refusal: 401 wrong, 429 locked or too many tries, 403 with
 * problem code `password-change-required` when the password was a one-time one. */
export async function signInWithPassword(account: string, password: string): Promise<Session> {
  return startSessionFrom(await passwordSignIn(account, password));
}

/** A new password chosen with the current one (or the one-time one): signs in as well. */
export async function chooseNewPassword(account: string, currentPassword: string, newPassword: string): Promise<Session> {
  return startSessionFrom(await changePassword(account, currentPassword, newPassword));
}
