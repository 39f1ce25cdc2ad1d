// The Grids service: units and their outlines, staff names, departments, care subjects, and the
// standalone sign-in (/auth). Every Grids URL the pages use is here.
import type { StaffMember, TokenAnswer } from '../session';
import { getJson, getJsonOrNull, postJson, publicJson, query, seg } from './http';
import { common } from '../i18n';

export type Level = 'county' | 'township' | 'village' | 'grid' | 'courtyard';

export interface Unit { code: string; name: string; level: Level; parentCode: string | null; retired?: boolean }
export interface Feature { type: 'Feature'; properties: { code: string }; geometry: { type: 'MultiPolygon'; coordinates: number[][][][] } }
export interface Department { id: string; unitCode: string; nameZh: string; nameEn: string; categories: string[] }
export interface StaffName { id: string; name: string; role?: string }
export interface CareSubject {
  id: string; kind: string; name: string; phone: string | null; courtyardCode: string; visitEveryDays: number;
  lastVisitAt: string | null; visitDueAt: string;
}
export interface Located { courtyard: Unit | null; grid: Unit | null }
export interface DemoAccount {
  userId: string; name: string; role: string; unitCode: string;
  /** A department handler's department. */
  departmentId?: string | null; departmentName?: string | null;
}

// ---- Units, cached for the page's life ----

const units = new Map<string, Promise<Unit | null>>();
export function unit(code: string): Promise<Unit | null> {
  let found = units.get(code);
  if (!found) {
    found = getJsonOrNull<Unit>(`/grids/units/${seg(code)}`).catch(() => null);
    units.set(code, found);
  }
  return found;
}

export async function unitName(code: string | null | undefined): Promise<string> {
  if (!code) return '';
  return (await unit(code))?.name ?? code;
}

export function children(parentCode: string, level?: Level): Promise<Unit[]> {
  return getJson<Unit[]>(`/grids/units${query({ parentCode, level })}`);
}

/** Every unit of a level in the county (in service), e.g. the grids and courtyards a call may be placed on. */
export function unitsAt(level: Level): Promise<Unit[]> {
  return getJson<Unit[]>(`/grids/units${query({ level, limit: 5000 })}`);
}

/** The unit and those above it, up to the county (in no promised order). */
export function unitPath(code: string): Promise<Unit[]> {
  return getJson<Unit[]>(`/grids/units/${seg(code)}/path`);
}

const boundaries = new Map<string, Promise<Feature | null>>();
export function boundary(code: string): Promise<Feature | null> {
  let found = boundaries.get(code);
  if (!found) {
    found = getJsonOrNull<Feature>(`/grids/units/${seg(code)}/boundary`).catch(() => null);
    boundaries.set(code, found);
  }
  return found;
}

/** The base map the county configured (GET /grids/map): a tile address or null (boundaries only), its
 * credit line, and the system its tiles are in (what the API serves is WGS-84: docs/coordinates.md). */
export interface MapBase { tileUrl: string | null; attribution: string | null; tileCrs: 'wgs84' | 'gcj02'; subdomains: string; maxZoom: number }
let mapBaseRead: Promise<MapBase> | null = null;
export function mapBase(): Promise<MapBase> {
  // A failed read draws boundaries only this time and is asked again next time.
  mapBaseRead ??= getJson<MapBase>('/grids/map').catch(() => {
    mapBaseRead = null;
    return { tileUrl: null, attribution: null, tileCrs: 'wgs84' as const, subdomains: 'abc', maxZoom: 18 };
  });
  return mapBaseRead;
}

export function locate(at: { lat: number; lng: number }): Promise<Located | null> {
  return getJsonOrNull<Located>(`/grids/locate${query(at)}`);
}

// ---- Departments and people ----

export function departments(unitCode?: string): Promise<Department[]> {
  return getJson<Department[]>(`/grids/departments${query({ unitCode })}`);
}

const callable = new Map<string, Promise<Department[]>>();
/** The departments that may be called in on a case at this place (属地管理), as the API accepts them: the
 * place's township's teams first, then the county's bureaus. Read once per township. */
export async function callableDepartments(placeCode: string): Promise<Department[]> {
  const path = await unitPath(placeCode).catch(() => [] as Unit[]);
  const owners = ['township', 'county'].flatMap((level) => path.filter((u) => u.level === level).map((u) => u.code));
  const key = owners.join(',');
  let found = callable.get(key);
  if (!found) {
    found = Promise.all(owners.map((code) => departments(code).catch(() => [] as Department[]))).then((lists) => lists.flat());
    callable.set(key, found);
  }
  return found;
}

/** Names (and roles) of staff by account id, for timelines: at most 200 ids a call. */
export function staffNames(ids: string[]): Promise<StaffName[]> {
  return getJson<StaffName[]>(`/grids/staff/names${query({ ids: ids.slice(0, 200).join(',') })}`);
}

/** A member of staff's own record (his department, for a department handler). */
export async function staffMember(id: string): Promise<{ id: string; name: string; role: string; unitCode: string; departmentId: string | null } | null> {
  const found = await getJsonOrNull<{ person: { id: string; name: string; role: string; unitCode: string; departmentId: string | null } }>(
    `/grids/staff/${seg(id)}`);
  return found?.person ?? null;
}

export function careSubjects(gridWorkerId: string): Promise<CareSubject[]> {
  return getJson<CareSubject[]>(`/grids/care/subjects${query({ gridWorkerId, limit: 500 })}`);
}

/** A visit as the API records it; incidentId: the case the visit filed (Incidents files it shortly after). */
export interface CareVisit {
  id: string; subjectId: string; visitedBy: string; visitedAt: string; findings: string; incidentId: string | null;
}
/** A case a visit files: the subject's courtyard is its place. */
export interface VisitIncident { category: string; grade: string; title: string; description: string }

export function recordVisit(subjectId: string, visit: { visitedBy: string; findings: string; visitedAt?: string; incident?: VisitIncident }): Promise<CareVisit | null> {
  return postJson<CareVisit>(`/grids/care/subjects/${seg(subjectId)}/visits`, visit);
}

/** One care subject with the visits recorded, newest last. */
export function careSubject(subjectId: string): Promise<{ subject: CareSubject; visits: CareVisit[] }> {
  return getJson<{ subject: CareSubject; visits: CareVisit[] }>(`/grids/care/subjects/${seg(subjectId)}`);
}

/** Full coverage (网格全域覆盖): villages without grids, grids without a grid worker. */
export function coverage(): Promise<unknown> {
  return getJson<unknown>('/grids/coverage');
}

// ---- Sign-in (before anyone is signed in: no identity goes along) ----

/** The ways this Host signs people in; null when it has no sign-in of its own (callers named by X-User). */
export async function signInMethods(): Promise<{ demoAccounts: boolean; password: boolean } | null> {
  try {
    return await publicJson<{ demoAccounts: boolean; password: boolean }>('/auth/methods');
  } catch {
    return null;
  }
}

/** Account and password: the session's first token. A one-time password is refused with the problem code
 * `password-change-required` (an ApiError), and changePassword signs in instead. */
export async function passwordSignIn(account: string, password: string): Promise<TokenAnswer> {
  return (await publicJson<TokenAnswer>('/auth/sign-in', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account, password }),
  }))!;
}

export async function changePassword(account: string, currentPassword: string, newPassword: string): Promise<TokenAnswer> {
  return (await publicJson<TokenAnswer>('/auth/change-password', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account, currentPassword, newPassword }),
  }))!;
}

/** One account per role, when the Host issues development tokens; null when it does not. */
export async function demoAccounts(): Promise<DemoAccount[] | null> {
  try {
    return await publicJson<DemoAccount[]>('/auth/demo-accounts');
  } catch {
    return null;
  }
}

export async function devToken(userId: string): Promise<string> {
  const answer = await publicJson<{ accessToken: string }>('/auth/dev-token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId }),
  });
  if (!answer) throw new Error(common('requestFailed', { status: 404 }));
  return answer.accessToken;
}

/** Everyone still on the staff (older hosts without development tokens). */
export async function activeStaff(): Promise<StaffMember[]> {
  const staff = await publicJson<(StaffMember & { leftAt?: string | null })[]>('/grids/staff?limit=5000');
  return (staff ?? []).filter((s) => !s.leftAt);
}
