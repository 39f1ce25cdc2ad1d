// The patrol log (巡查日志) on the phone: start and end a patrol; while it is going on and this page is
// open, the positions the browser gives are kept (20 s apart, as the server keeps them) and sent in
// small batches. Sparse tracks are normal; leaving the page keeps the patrol open (it resumes here).
import { ApiError } from '../../api/http';
import { currentPatrol, endPatrol, myLatestPatrol, myPatrolCounts, sendPoints, startPatrol, type Patrol, type PatrolDetail, type TrackPoint } from '../../api/visits';
import { announce, clear, errorText, formatTime, h } from '../../dom';
import { t } from './text';

const spacingMs = 20000;
const batch = 5;
const sendEveryMs = 60000;
// A patrol the server ended by itself is mentioned for a day: the worker learns why he is no longer on patrol.
const autoEndedShownMs = 24 * 3600 * 1000;

export function patrolCard(changed: () => void): { element: HTMLElement; load(): Promise<void>; stop(): void } {
  const status = h('p', { 'data-patrol-status': '' });
  const during = h('p', { class: 'muted small' });
  const note = h('p', { class: 'muted small', role: 'status' });
  const month = h('p', { class: 'muted small', 'data-patrol-month': '' });
  const button = h('button', { type: 'button', class: 'primary', onclick: () => void toggle() });
  const element = h('section', { class: 'card', 'aria-labelledby': 'patrol-h' },
    h('h2', { id: 'patrol-h' }, t('patrolTitle')), status, during, h('div', { class: 'actions' }, button), note, month);
  let current: PatrolDetail | null = null;
  let autoEnded: Patrol | null = null;
  let buffer: TrackPoint[] = [];
  let lastKept = 0;
  let watch: number | null = null;
  let timer = 0;

  function render(): void {
    if (current) {
      const care = current.links.filter((l) => l.kind === 'care-visit').length;
      const cases = current.links.filter((l) => l.kind === 'case').length;
      status.textContent = t('patrolOn', { t: formatTime(current.visit.startedAt), n: current.visit.pointCount });
      during.textContent = t('patrolLinks', { care, cases });
      button.textContent = t('patrolEnd');
    } else {
      status.textContent = t('patrolIdle');
      during.textContent = autoEnded?.endedAt
        ? t('patrolAutoEnded', { s: formatTime(autoEnded.startedAt), e: formatTime(autoEnded.endedAt) }) : '';
      button.textContent = t('patrolStart');
    }
  }

  async function loadMonth(): Promise<void> {
    const c = await myPatrolCounts();
    month.textContent = t('patrolMonth', { days: c.personDays, n: c.patrols });
  }

  async function flush(): Promise<void> {
    if (!current || buffer.length === 0) return;
    const sending = buffer.splice(0, 100);
    try {
      const answer = await sendPoints(current.visit.id, sending);
      if (answer && current) current.visit.pointCount = answer.patrol.pointCount;
      render();
    } catch (e) {
      // A batch the server refuses (400) or a patrol ended elsewhere (409) is not sent again; a network
      // failure keeps the points for the next try.
      if (!(e instanceof ApiError)) buffer = [...sending, ...buffer].slice(-100);
    }
  }

  function watchPositions(): void {
    if (watch !== null || !current) return;
    if (!('geolocation' in navigator)) { note.textContent = t('patrolNoGeo'); return; }
    const startedAt = Date.parse(current.visit.startedAt);
    watch = navigator.geolocation.watchPosition((p) => {
      note.textContent = '';
      // A fix from before the patrol (a cached one) is not part of its track; the server allows two
      // minutes either way for a phone's clock.
      const at = Math.min(p.timestamp, Date.now());
      if (at < startedAt - 60000 || at - lastKept < spacingMs) return;
      lastKept = at;
      buffer.push({ lat: p.coords.latitude, lng: p.coords.longitude, at: new Date(at).toISOString() });
      // The first point goes at once (the worker sees his track has begun), then a few at a time.
      if (buffer.length >= batch || current?.visit.pointCount === 0) void flush();
    }, () => { note.textContent = t('patrolNoFix'); }, { enableHighAccuracy: true, maximumAge: 10000, timeout: 30000 });
    timer = window.setInterval(() => void flush(), sendEveryMs);
  }

  function stopWatching(): void {
    if (watch !== null) navigator.geolocation.clearWatch(watch);
    watch = null;
    window.clearInterval(timer);
  }

  async function toggle(): Promise<void> {
    button.disabled = true;
    try {
      if (current) {
        await flush();
        await endPatrol(current.visit.id);
        stopWatching();
        current = null;
        buffer = [];
        announce(t('patrolEnded'));
      } else {
        autoEnded = null;
        const started = await startPatrol();
        current = started ? { visit: started, track: [], links: [] } : null;
        lastKept = 0;
        announce(t('patrolStarted'));
        watchPositions();
      }
      render();
      await loadMonth();
      changed();
    } catch (e) {
      announce(errorText(e), 'error');
      await load();
    } finally {
      button.disabled = false;
    }
  }

  async function load(): Promise<void> {
    try {
      current = await currentPatrol();
      const latest = current ? null : await myLatestPatrol();
      autoEnded = latest?.endedAutomatically && latest.endedAt && Date.now() - Date.parse(latest.endedAt) < autoEndedShownMs ? latest : null;
      render();
      if (current) watchPositions();
      await loadMonth();
    } catch (e) {
      clear(note, errorText(e));
    }
  }

  return { element, load, stop: () => { void flush(); stopWatching(); } };
}
