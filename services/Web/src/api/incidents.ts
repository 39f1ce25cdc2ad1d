// The Incidents service: cases, their timeline and photos, the handler's and verifier's actions, the
// catalogue, and the dashboard's figures. Every Incidents URL the pages use is here.
import { getBlob, getJson, postForm, postJson, query, seg } from './http';

export type Tier = 'courtyard' | 'village' | 'township' | 'county';

export interface Named { code: string; nameZh: string; nameEn: string }
export interface Catalogue { categories: Named[]; grades: Named[] }
export interface TimelineEntry { at: string; actor: string; action: string; tier: Tier | null; unitCode: string | null; reason: string | null }
export interface Photo { id: string; contentType: string; size: number; sha256: string; uploadedBy: string; uploadedAt: string }
export interface Incident {
  id: string; unitCode: string; category: string; grade: string; title: string; description: string;
  location: { lat: number; lng: number } | null; status: string; tier: Tier | null; handlingUnitCode: string | null;
  dueAt: string | null; flaggedOverdueAt: string | null; reportedBy: string; filedAt: string; updatedAt: string;
  resolvedBy: string | null; resolvedOnTheSpot: boolean; satisfaction: string | null; supervisedAt: string | null;
  leadDepartmentCode: string | null; timeline?: TimelineEntry[]; photos?: Photo[];
}

export interface FileIncident {
  unitCode: string; category: string; grade: string; title: string; description: string;
  location: { lat: number; lng: number } | null; resolution?: string;
}
export interface Verification { result: string; satisfaction: string | null; comment: string | null }

// ---- Catalogue, cached for the page's life ----

let catalogue: Promise<Catalogue> | null = null;
export function loadCatalogue(): Promise<Catalogue> {
  catalogue ??= Promise.all([getJson<Named[]>('/incidents/categories'), getJson<Named[]>('/incidents/grades')])
    .then(([categories, grades]) => ({ categories, grades }));
  catalogue.catch(() => (catalogue = null));
  return catalogue;
}

// ---- Cases ----

const one = (id: string) => `/incidents/${seg(id)}`;

export function incident(id: string): Promise<Incident> {
  return getJson<Incident>(one(id));
}

export function incidents(filter: { unitCode?: string; status?: string; limit?: number }): Promise<Incident[]> {
  return getJson<Incident[]>(`/incidents${query(filter)}`);
}

/** Files a case; the same key again answers the case filed the first time (a retry files once). */
export function fileIncident(body: FileIncident, idempotencyKey: string): Promise<Incident | null> {
  return postJson<Incident>('/incidents', body, { 'Idempotency-Key': idempotencyKey });
}

export function accept(id: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/accept`, {});
}

export function resolve(id: string, note: string): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/resolve`, { note });
}

export function verify(id: string, verification: Verification): Promise<Incident | null> {
  return postJson<Incident>(`${one(id)}/verification`, verification);
}

// ---- Photos ----

export function addPhoto(id: string, photo: Blob, name: string): Promise<Photo | null> {
  const form = new FormData();
  form.append('photo', photo, name);
  return postForm<Photo>(`${one(id)}/photos`, form);
}

export function photoBytes(id: string, photoId: string): Promise<Blob> {
  return getBlob(`${one(id)}/photos/${seg(photoId)}`);
}

// ---- The dashboard: figures of a unit over a period ----

export interface Period { unitCode: string; from: string; to: string }
export interface TierCounts { courtyard: number; village: number; township: number; county: number }
export interface Summary {
  unitCode: string; from: string; to: string; filed: number; closed: number;
  villageContainmentRate: number | null; townshipContainmentRate: number | null; onTimeRate: number | null; satisfactionRate: number | null;
  open: TierCounts; overdue: TierCounts;
}
export interface TrendPoint { day: string; filed: number; closed: number }
export interface Escalations { byReason: { reason: string; count: number }[]; byTownship: { unitCode: string; name: string | null; count: number }[] }
export interface ChildFigures {
  unitCode: string; name: string | null; level: string | null; filed: number; closed: number;
  villageContainmentRate: number | null; townshipContainmentRate: number | null; open: number; overdue: number;
}

export const dashboard = {
  summary: (p: Period) => getJson<Summary>(`/incidents/dashboard/summary${query({ ...p })}`),
  trend: (p: Period) => getJson<TrendPoint[]>(`/incidents/dashboard/trend${query({ ...p })}`),
  escalations: (p: Period) => getJson<Escalations>(`/incidents/dashboard/escalations${query({ ...p })}`),
  children: (p: Period) => getJson<ChildFigures[]>(`/incidents/dashboard/children${query({ ...p })}`),
};
