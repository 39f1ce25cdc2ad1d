// The one fetch wrapper under the API clients: JSON in and out with the caller's identity, and
// RFC 7807 problems turned into readable errors that keep the fields they name.
import { authFetch } from '../session';
import { acceptLanguage, common } from '../i18n';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string[]> = {},
    /** The whole problem, for the members an answer adds (e.g. code, unitCode of a 409 already-placed). */
    readonly problem: Problem = {},
  ) {
    super(message);
  }
}

export interface Problem {
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
  /** What kind of refusal, where the API names one (already-placed). */
  code?: string;
  [member: string]: unknown;
}

export async function failure(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // not JSON: keep the status line
  }
  const fieldText = problem.errors ? Object.values(problem.errors).flat().join(' ') : '';
  return new ApiError(problem.detail || fieldText || problem.title || common('requestFailed', { status: response.status }), response.status, problem.errors ?? {}, problem);
}

async function bodyOf<T>(response: Response): Promise<T | null> {
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return text ? (JSON.parse(text) as T) : null;
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
  return bodyOf<T>(await authFetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(body ?? {}),
  }));
}

export async function putJson<T>(url: string, body: unknown): Promise<T | null> {
  return bodyOf<T>(await authFetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
  }));
}

/** POST multipart/form-data (a photo): the browser sets the boundary, so no Content-Type here. */
export async function postForm<T>(url: string, form: FormData): Promise<T | null> {
  return bodyOf<T>(await authFetch(url, { method: 'POST', headers: { Accept: 'application/json' }, body: form }));
}

/** GET of bytes (a photo) with the caller's token, which an <img src> could not send. */
export async function getBlob(url: string): Promise<Blob> {
  const response = await authFetch(url);
  if (!response.ok) throw await failure(response);
  return response.blob();
}

/** A request made before anyone signs in: no identity goes with it. null when the route is absent (404). */
export async function publicJson<T>(url: string, init: RequestInit = {}): Promise<T | null> {
  const response = await fetch(url, { ...init, headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage(), ...(init.headers as Record<string, string> | undefined) } });
  if (response.status === 404) return null;
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** One path segment, escaped. */
export const seg = encodeURIComponent;
