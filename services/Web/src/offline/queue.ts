// What was submitted without a network — filings and their photos, care visits, progress notes —
// waits here (IndexedDB, store.ts) and is sent when the network returns, oldest first
// (docs/offline.md). Every item keeps the key made when the person submitted:
// - a filing sends it as Idempotency-Key, so a retry after a lost answer answers the case filed first;
// - a filing's photos go once the case's id is known; the server stores the same bytes once per case;
// - a care visit or a note, whose API keeps no key, is looked up before it is sent again after a try
//   whose answer was lost (a visit by its visitor and findings, a note by its author and text).
import { careSubject, recordVisit, type VisitIncident } from '../api/grids';
import { ApiError } from '../api/http';
import { addPhoto, fileIncident, incident, note, type FileIncident, type Incident } from '../api/incidents';
import { errorText } from '../dom';
import { shrink } from '../photos';
import { currentUser, ensureToken } from '../session';
import { itemsOf, remove, save, type QueuedItem, type QueuedPhoto } from './store';

/** A failure that says nothing about the request: no network, the server away or overloaded. */
export function isNetworkFailure(e: unknown): boolean {
  return e instanceof TypeError || (e instanceof ApiError && [0, 502, 503, 504].includes(e.status));
}

/** Whether the browser knows it has no network (then nothing is tried now). */
export function offlineNow(): boolean {
  return navigator.onLine === false;
}

const listeners = new Set<() => void>();
/** Called whenever the queue changes; returns the unsubscribe. */
export function onQueueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function changed(): void {
  listeners.forEach((l) => l());
}

export async function waiting(): Promise<QueuedItem[]> {
  const user = currentUser();
  return user ? itemsOf(user.id) : [];
}

function newItem(kind: QueuedItem['kind'], id: string, label: string): QueuedItem {
  return { id, userId: currentUser()!.id, kind, createdAt: new Date().toISOString(), label, state: 'waiting', attempts: 0, photos: [], photosRefused: [] };
}

/** Photos as they would have been sent (scaled down, EXIF gone), to wait in the queue. */
async function shrunk(files: File[]): Promise<QueuedPhoto[]> {
  return Promise.all(files.map(async (f) => { const s = await shrink(f); return { name: s.name, blob: s.blob }; }));
}

/** Queues a filing with its photos (scaled down now, as they would have been sent). `tried`: a try
 * was made whose answer never came. */
export async function queueFiling(key: string, filing: FileIncident, files: File[], tried: boolean): Promise<void> {
  const photos = await shrunk(files);
  await save({ ...newItem('filing', key, filing.title), filing, photos, attempts: tried ? 1 : 0 });
  changed();
}

/** Queues the photos of a case already filed (their upload failed for want of a network). */
export async function queuePhotos(key: string, incidentId: string, title: string, files: File[]): Promise<void> {
  const photos = await shrunk(files);
  await save({ ...newItem('filing', key, title), caseId: incidentId, state: 'photos', photos, attempts: 1 });
  changed();
}

export async function queueVisit(key: string, subjectId: string, name: string,
  visit: { visitedBy: string; findings: string; visitedAt: string; incident?: VisitIncident }, tried: boolean): Promise<void> {
  await save({ ...newItem('care-visit', key, name), subjectId, visit, attempts: tried ? 1 : 0 });
  changed();
}

export async function queueNote(key: string, incidentId: string, title: string, text: string, tried: boolean): Promise<void> {
  await save({ ...newItem('note', key, title), incidentId, text, attempts: tried ? 1 : 0 });
  changed();
}

/** The person gives up an item the server refused. */
export async function discard(id: string): Promise<void> {
  await remove(id);
  changed();
}

/** What a sent item did, for the page to say. */
export interface Sent { item: QueuedItem; filed?: Incident | null }
const sentListeners = new Set<(s: Sent) => void>();
export function onSent(listener: (s: Sent) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

let flushing: Promise<void> | null = null;

/** Sends the signed-in person's waiting items, oldest first; stops at the first network failure. One
 * run at a time in this page, and one per browser where Web Locks exist (two tabs never send the same). */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    try {
      const work = () => sendAll();
      if ('locks' in navigator) await navigator.locks.request('governance-offline-queue', work);
      else await work();
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

async function sendAll(): Promise<void> {
  let items = await waiting();
  if (items.length === 0 || offlineNow()) return;
  const token = await ensureToken();
  if (token === false) {
    // The session ended while offline: everything waits for the same person to sign in again.
    for (const item of items.filter((i) => i.state === 'waiting' || i.state === 'photos')) await save({ ...item, state: 'sign-in' });
    changed();
    return;
  }
  items = await waiting();
  for (const item of items) {
    if (item.state === 'refused') continue;
    try {
      const filed = await sendOne(item);
      await remove(item.id);
      changed();
      sentListeners.forEach((l) => l({ item, filed }));
    } catch (e) {
      if (isNetworkFailure(e)) { changed(); return; }
      if (e instanceof ApiError && e.status === 401) { await save({ ...(await current(item)), state: 'sign-in' }); changed(); return; }
      await save({ ...(await current(item)), state: 'refused', reason: errorText(e) });
      changed();
    }
  }
}

/** The item as stored now (sendOne saves its progress). */
async function current(item: QueuedItem): Promise<QueuedItem> {
  return (await itemsOf(item.userId)).find((i) => i.id === item.id) ?? item;
}

/** Counts a try before it is made: if its answer is lost, the next try knows one may have arrived. */
async function tried(item: QueuedItem): Promise<QueuedItem> {
  const next = { ...item, attempts: item.attempts + 1, state: item.state === 'sign-in' ? (item.caseId ? 'photos' : 'waiting') : item.state } as QueuedItem;
  await save(next);
  return next;
}

async function sendOne(start: QueuedItem): Promise<Incident | null | undefined> {
  let item = start;
  if (item.kind === 'filing') {
    let filed: Incident | null | undefined;
    if (!item.caseId) {
      item = await tried(item);
      filed = await fileIncident(item.filing!, item.id);
      if (!filed) throw new Error('no case in the answer');
      item = { ...item, caseId: filed.id, state: 'photos' };
      await save(item);
      changed();
    }
    while (item.photos.length > 0) {
      const [photo, ...rest] = item.photos;
      try {
        await addPhoto(item.caseId!, photo.blob, photo.name);
      } catch (e) {
        // Not an image, too large, one too many: it would be refused again. Named, and the others go.
        if (!(e instanceof ApiError && [400, 409, 413].includes(e.status))) throw e;
        item = { ...item, photosRefused: [...item.photosRefused, `${photo.name}（${e.message}）`] };
      }
      item = { ...item, photos: rest };
      await save(item);
      changed();
    }
    return filed ?? { id: item.caseId!, title: item.label } as Incident;
  }
  if (item.kind === 'care-visit') {
    if (item.attempts > 0 && await visitArrived(item)) return undefined;
    item = await tried(item);
    await recordVisit(item.subjectId!, item.visit!);
    return undefined;
  }
  if (item.attempts > 0 && await noteArrived(item)) return undefined;
  item = await tried(item);
  await note(item.incidentId!, item.text!);
  return undefined;
}

async function visitArrived(item: QueuedItem): Promise<boolean> {
  const { visits } = await careSubject(item.subjectId!);
  return visits.some((v) => v.visitedBy === item.visit!.visitedBy && v.findings === item.visit!.findings);
}

async function noteArrived(item: QueuedItem): Promise<boolean> {
  const found = await incident(item.incidentId!);
  return (found.timeline ?? []).some((e) => e.action === 'note' && e.actor === item.userId && e.reason === item.text);
}
