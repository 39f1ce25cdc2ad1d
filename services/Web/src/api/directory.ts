// Changing the directory (Grids): units, their boundaries, and staff. The county administrator changes units
// (change-units); staff are his and, below a township inside it, its dispatcher's (change-staff). Reading is
// everyone's (read-directory); phones and ID numbers come masked unless the caller may see them.
import { authFetch } from '../session';
import { failure, getJson, postJson, query, seg } from './http';
import type { Level, Unit } from './grids';

export interface StaffRecord {
  id: string; name: string; role: string; unitCode: string; phone: string | null; idNumber: string | null;
  departmentId: string | null; version: number; leftAt: string | null;
}
export interface StaffInput { id?: string; name: string; role: string; unitCode?: string; phone?: string | null }
export interface ImportResult { rows: number; created: number; updated: number; unchanged: number; warnings?: { code?: string; message?: string }[] | null }

export const units = {
  below: (parentCode: string) => getJson<Unit[]>(`/grids/units${query({ parentCode, limit: 5000 })}`),
  create: (body: { code: string; name: string; level: Level; parentCode: string }) => postJson<Unit>('/grids/units', body),
  rename: (code: string, name: string) => patchJson<Unit>(`/grids/units/${seg(code)}`, { name }),
  /** A GeoJSON FeatureCollection whose features carry the unit's code (docs: deploy/README, "Boundaries"). */
  importBoundaries: async (file: File): Promise<ImportResult> => {
    const response = await authFetch('/grids/import/boundaries', {
      method: 'POST', headers: { 'Content-Type': 'application/geo+json', Accept: 'application/json' }, body: await file.arrayBuffer(),
    });
    if (!response.ok) throw await failure(response);
    return (await response.json()) as ImportResult;
  },
};

export const staff = {
  at: (unitCode: string) => getJson<StaffRecord[]>(`/grids/staff${query({ unitCode, limit: 500 })}`),
  register: (body: StaffInput) => postJson<StaffRecord>('/grids/staff', body),
  update: (id: string, body: Partial<StaffInput>) => patchJson<StaffRecord>(`/grids/staff/${seg(id)}`, body),
  /** 重置密码: a one-time password, answered this once; the person chooses his own at his first sign-in. */
  resetPassword: async (id: string) => (await postJson<{ staffId: string; password: string }>(`/grids/staff/${seg(id)}/password`, {}))!,
};

async function patchJson<T>(url: string, body: unknown): Promise<T> {
  const response = await authFetch(url, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}
