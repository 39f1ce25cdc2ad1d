// The service worker (public/sw.js) and the queue's sender, started once per page load
// (docs/offline.md). Service workers need a secure origin: HTTPS, or localhost while developing.
import { getJson } from '../api/http';
import { currentUser } from '../session';
import { flush, onQueueChange, waiting } from './queue';

/** How often a page with items waiting tries again when no event says the network is back (a server
 * that was away answers again, and the browser never noticed it was gone). */
const retryEvery = 15_000;

export function startOffline(): void {
  void registerWorker();
  window.addEventListener('online', () => void flush());
  let timer: number | undefined;
  const schedule = async () => {
    const user = currentUser();
    const left = user ? (await waiting()).filter((i) => i.state !== 'refused' && i.state !== 'sign-in').length : 0;
    if (left > 0 && timer === undefined) timer = window.setInterval(() => void flush(), retryEvery);
    if (left === 0 && timer !== undefined) { window.clearInterval(timer); timer = undefined; }
  };
  onQueueChange(() => void schedule());
  void flush().finally(() => void schedule());
}

async function registerWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  try {
    // Registered once; the browser looks for a new /sw.js on every navigation by itself (and offline
    // there is nothing to look at: register() would fail fetching it).
    if (!(await navigator.serviceWorker.getRegistration('/'))) await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const ready = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
        window.setTimeout(resolve, 10_000);
      });
    }
    await keepWhatThisPageLoaded(ready.active);
    document.documentElement.dataset.offlineReady = 'true';
  } catch (e) {
    console.warn('service worker', e);
  }
}

/**
 * On the first visit the page loaded before the worker could keep anything: it names its bundled files
 * (the worker fetches and keeps them) and asks again, through the worker, for the few API answers the
 * worker keeps for offline use (units, the catalogue, the care list: public/sw.js says which). Files a
 * later page loads before the worker controls this one (it may take seconds on a busy phone) are named
 * as they arrive: without that, a page opened offline lacked the chunks of the page shown after sign-in.
 */
async function keepWhatThisPageLoaded(worker: ServiceWorker | null): Promise<void> {
  const bundled = (entries: PerformanceEntryList) => [...new Set(entries.map((e) => new URL(e.name))
    .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/')).map((u) => u.pathname))];
  const name = (urls: string[]) => { if (urls.length > 0) worker?.postMessage({ type: 'cache-assets', urls }); };
  name(bundled(performance.getEntriesByType('resource')));
  // Also past the browser's resource-timing buffer (250 entries), which a long session fills.
  new PerformanceObserver((list) => name(bundled(list.getEntries()))).observe({ type: 'resource' });
  if (!navigator.serviceWorker.controller || !currentUser()) return;
  const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name)).filter((u) => u.origin === location.origin);
  const api = loaded.filter((u) => u.pathname.startsWith('/grids/units') || u.pathname === '/incidents/categories'
    || u.pathname === '/incidents/grades' || u.pathname === '/grids/care/subjects');
  await Promise.all([...new Set(api.map((u) => u.pathname + u.search))].map((u) => getJson(u).catch(() => undefined)));
}
