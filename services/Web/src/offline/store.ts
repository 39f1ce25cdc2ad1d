// The waiting queue's storage: one IndexedDB object store, so that what was submitted without a
// network survives closing the browser (docs/offline.md). Items carry their photos as Blobs.
import type { FileIncident } from '../api/incidents';

export type QueuedKind = 'filing' | 'care-visit' | 'note';

/** waiting: for the network; sign-in: the session ended, sent once the same person signs in again;
 * refused: the server said no (the reason is kept, the person discards it); photos: the case is filed,
 * its photos wait. */
export type QueuedState = 'waiting' | 'sign-in' | 'refused' | 'photos';

export interface QueuedPhoto { name: string; blob: Blob }

export interface CareVisitBody {
  visitedBy: string; findings: string; visitedAt: string;
  incident?: { category: string; grade: string; title: string; description: string };
}

export interface QueuedItem {
  /** The Idempotency-Key, made when the person submitted: every try sends the same. */
  id: string;
  userId: string;
  kind: QueuedKind;
  createdAt: string;
  /** What the list shows: the case's title, the person visited, the case noted. */
  label: string;
  state: QueuedState;
  reason?: string;
  /** Tries that may have reached the server (an answer can be lost): the next one checks first. */
  attempts: number;
  filing?: FileIncident;
  /** The filed case, once known: the photos go to it. */
  caseId?: string;
  photos: QueuedPhoto[];
  photosRefused: string[];
  subjectId?: string;
  visit?: CareVisitBody;
  incidentId?: string;
  text?: string;
}

const dbName = 'governance-offline';
const storeName = 'queue';
let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  opened.catch(() => (opened = null));
  return opened;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(storeName, mode);
    const request = work(tx.objectStore(storeName));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** The person's items, oldest first (they are sent in the order they were made). */
export async function itemsOf(userId: string): Promise<QueuedItem[]> {
  const all = await run('readonly', (s) => s.getAll() as IDBRequest<QueuedItem[]>);
  return all.filter((i) => i.userId === userId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function save(item: QueuedItem): Promise<unknown> {
  return run('readwrite', (s) => s.put(item));
}

export function remove(id: string): Promise<unknown> {
  return run('readwrite', (s) => s.delete(id));
}
