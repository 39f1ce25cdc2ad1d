// Routes are real paths (/worker, /command-centre, /county), which the Host and the gateway answer
// with index.html. The router picks the page for the path (or the person's own page), draws the
// shell, and tells the page it was left. Imports run one way: main → router → pages.
import type { Page } from './page';
import { currentUser } from './session';
import { common } from './i18n';
import { clear, errorText, h } from './dom';
import { onNavigate } from './navigation';
import { unit, type Level } from './api/grids';
import { homeDependsOnLevel, homeOf, pagesFor } from './roles';
import { shell } from './components/shell';

const pages: Record<string, () => Promise<Page>> = {
  '/signin': () => import('./pages/signin').then((m) => m.page),
  '/worker': () => import('./pages/worker').then((m) => m.page),
  '/village': () => import('./pages/village').then((m) => m.page),
  '/command-centre': () => import('./pages/board').then((m) => m.page),
  '/department': () => import('./pages/department').then((m) => m.page),
  '/county': () => import('./pages/county').then((m) => m.page),
};

/** Pages reached without signing in: no shell, no session (the resident's 回访 link, his courtyard's QR page and status link). */
const publicPages: Record<string, () => Promise<(main: HTMLElement) => Promise<void>>> = {
  '/return-visit': () => import('./pages/returnVisit').then((m) => m.renderReturnVisit),
  '/courtyard': () => import('./pages/courtyard').then((m) => m.renderCourtyard),
  '/my-case': () => import('./pages/courtyard').then((m) => m.renderMyCase),
};

let leave: (() => void) | void;
let routing = 0;

async function route(): Promise<void> {
  // A later navigation wins over one still reading who may see what.
  const run = ++routing;
  leave?.();
  leave = undefined;
  document.querySelector('.toast')?.classList.remove('show');
  let path = location.pathname.replace(/\/+$/, '') || '/';
  if (publicPages[path]) {
    const main = h('main', { id: 'main', tabindex: '-1', class: 'public' }, h('p', { class: 'muted' }, common('loading')));
    clear(document.getElementById('app')!, main);
    await (await publicPages[path]())(main);
    return;
  }
  const user = currentUser();
  let allowed: string[] = [];
  if (!user && path !== '/signin') {
    history.replaceState(null, '', '/signin');
    path = '/signin';
  } else if (user) {
    // A grid head's page depends on his unit's level: read once (units are cached for the page's life).
    const level: Level | null = homeDependsOnLevel(user.role) ? (await unit(user.unitCode))?.level ?? null : null;
    if (run !== routing) return;
    allowed = pagesFor(user.role, level);
    if (!pages[path] || !allowed.includes(path)) {
      path = homeOf(user.role, level);
      history.replaceState(null, '', path + location.search);
    }
  }
  const app = document.getElementById('app')!;
  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', { class: 'muted' }, common('loading')));
  clear(app, shell(user, path, allowed), main);
  try {
    const page = await pages[path]();
    document.title = `${page.title()} · ${common('appName')}`;
    const left = await page.render(main, user!, new URLSearchParams(location.search));
    // Left while it was still drawing (signed out, or another link): stop its timers and streams now.
    if (run !== routing) left?.();
    else leave = left;
  } catch (e) {
    if (run !== routing) return;
    console.warn(e);
    clear(main, h('p', { class: 'error', role: 'alert' }, `${common('error')}: ${errorText(e)}`),
      h('button', { type: 'button', onclick: () => void route() }, common('retry')));
  }
}

export function startRouter(): void {
  onNavigate(() => void route());
  window.addEventListener('popstate', () => void route());
  void route();
}
