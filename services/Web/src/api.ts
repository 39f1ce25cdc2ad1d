// Small typed helpers over authFetch: JSON in and out, RFC 7807 problems turned into readable errors.
import { authFetch } from './auth';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

async function failure(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // not JSON: keep the status line
  }
  const fieldText = problem.errors ? Object.values(problem.errors).flat().join(' ') : '';
  return new ApiError(problem.detail || fieldText || problem.title || `HTTP ${response.status}`, response.status, problem.errors ?? {});
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await authFetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** GET that answers null for 404 (a unit without a boundary, say). */
export async function getJsonOrNull<T>(url: string): Promise<T | null> {
  const response = await authFetch(url, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export async function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T | null> {
  const response = await authFetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return text ? (JSON.parse(text) as T) : null;
}

/** POST multipart/form-data (a photo): the browser sets the boundary, so no Content-Type here. */
export async function postForm<T>(url: string, form: FormData): Promise<T | null> {
  const response = await authFetch(url, { method: 'POST', headers: { Accept: 'application/json' }, body: form });
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return text ? (JSON.parse(text) as T) : null;
}

/** GET of bytes (a photo) with the caller's token, which an <img src> could not send. */
export async function getBlob(url: string): Promise<Blob> {
  const response = await authFetch(url);
  if (!response.ok) throw await failure(response);
  return response.blob();
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// ---- Shapes the pages read ----

export type Tier = 'courtyard' | 'village' | 'township' | 'county';
export type Level = 'county' | 'township' | 'village' | 'grid' | 'courtyard';

export interface Named { code: string; nameZh: string; nameEn: string }
export interface Unit { code: string; name: string; level: Level; parentCode: string | null; retired?: boolean }
export interface TimelineEntry { at: string; actor: string; action: string; tier: Tier | null; unitCode: string | null; reason: string | null }
export interface Incident {
  id: string; unitCode: string; category: string; grade: string; title: string; description: string;
  location: { lat: number; lng: number } | null; status: string; tier: Tier | null; handlingUnitCode: string | null;
  dueAt: string | null; flaggedOverdueAt: string | null; reportedBy: string; filedAt: string; updatedAt: string;
  resolvedBy: string | null; resolvedOnTheSpot: boolean; satisfaction: string | null; supervisedAt: string | null;
  leadDepartmentCode: string | null; timeline?: TimelineEntry[]; photos?: Photo[];
}
export interface Photo { id: string; contentType: string; size: number; sha256: string; uploadedBy: string; uploadedAt: string }
export interface QueueItem {
  incidentId: string; category: string; grade: string; tier: Tier; unitCode: string; placeCode: string;
  startedAt: string; dueAt: string; acknowledgeBy: string | null; acceptedAt: string | null;
  warning: 'yellow' | 'red' | null; status: string; leadDepartmentCode: string | null; supervisedAt: string | null;
}
export interface Department { id: string; unitCode: string; nameZh: string; nameEn: string; categories: string[] }
export interface Feature { type: 'Feature'; properties: { code: string }; geometry: { type: 'MultiPolygon'; coordinates: number[][][][] } }

// ---- Catalogue and unit names, cached for the page's life ----

let catalogue: Promise<{ categories: Named[]; grades: Named[] }> | null = null;
export function loadCatalogue(): Promise<{ categories: Named[]; grades: Named[] }> {
  catalogue ??= Promise.all([getJson<Named[]>('/incidents/categories'), getJson<Named[]>('/incidents/grades')])
    .then(([categories, grades]) => ({ categories, grades }));
  catalogue.catch(() => (catalogue = null));
  return catalogue;
}

const units = new Map<string, Promise<Unit | null>>();
export function unit(code: string): Promise<Unit | null> {
  let found = units.get(code);
  if (!found) {
    found = getJsonOrNull<Unit>(`/grids/units/${encodeURIComponent(code)}`).catch(() => null);
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

const boundaries = new Map<string, Promise<Feature | null>>();
export function boundary(code: string): Promise<Feature | null> {
  let found = boundaries.get(code);
  if (!found) {
    found = getJsonOrNull<Feature>(`/grids/units/${encodeURIComponent(code)}/boundary`).catch(() => null);
    boundaries.set(code, found);
  }
  return found;
}
