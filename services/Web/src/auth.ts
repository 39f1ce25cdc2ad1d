// Sign-in: which accounts can sign in, and how.
//
// Standalone with development tokens (issue #6): the Host lists one account per role and issues a
// token for any of them; every call then sends "Authorization: Bearer". Without that (older hosts)
// the person picks any member of staff and calls carry the X-User header.
import { activeStaff, demoAccounts, devToken } from './api/grids';
import { startSession, type Session, type StaffMember } from './session';

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
