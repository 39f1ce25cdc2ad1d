// The single page app: sign-in, then the page for the person's role. Routes are real paths
// (/worker, /command-centre, /county), which the Host and the gateway answer with index.html.
import './styles.css';
import { currentUser, signOut, type Session } from './auth';
import { common, currentLang, setLang } from './i18n';
import { clear, h } from './dom';

export interface Page {
  /** Renders into main; returns what to do when the page is left (close streams, stop timers). */
  render(main: HTMLElement, user: Session, params: URLSearchParams): Promise<(() => void) | void>;
  title(): string;
}

const pages: Record<string, () => Promise<Page>> = {
  '/signin': () => import('./pages/signin').then((m) => m.page),
  '/worker': () => import('./pages/worker').then((m) => m.page),
  '/command-centre': () => import('./pages/board').then((m) => m.page),
  '/county': () => import('./pages/county').then((m) => m.page),
};

/** Which page a role works on. */
export function homeOf(role: string): string {
  if (role.startsWith('grid-') || role === 'courtyard-lead') return '/worker';
  if (role.startsWith('county-')) return '/county';
  return '/command-centre';
}

export function navigate(path: string): void {
  history.pushState(null, '', path);
  void route();
}

let leave: (() => void) | void;

async function route(): Promise<void> {
  leave?.();
  leave = undefined;
  document.querySelector('.toast')?.classList.remove('show');
  const user = currentUser();
  let path = location.pathname.replace(/\/+$/, '') || '/';
  if (!user && path !== '/signin') {
    history.replaceState(null, '', '/signin');
    path = '/signin';
  } else if (user && (path === '/' || path === '/signin' || !pages[path])) {
    path = homeOf(user.role);
    history.replaceState(null, '', path + location.search);
  }
  const app = document.getElementById('app')!;
  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', { class: 'muted' }, common('loading')));
  clear(app, shell(user, path), main);
  try {
    const page = await pages[path]();
    document.title = `${page.title()} · ${common('appName')}`;
    leave = await page.render(main, user!, new URLSearchParams(location.search));
  } catch (e) {
    console.warn(e);
    clear(main, h('p', { class: 'error', role: 'alert' }, `${common('error')}: ${e instanceof Error ? e.message : String(e)}`),
      h('button', { type: 'button', onclick: () => void route() }, common('retry')));
  }
}

function shell(user: Session | null, path: string): HTMLElement {
  const toggle = h('button', {
    type: 'button', class: 'lang', lang: currentLang() === 'zh-CN' ? 'en' : 'zh-CN', 'aria-label': common('languageLabel'),
    onclick: () => {
      setLang(currentLang() === 'zh-CN' ? 'en' : 'zh-CN');
      void route();
    },
  }, common('language'));
  // Each role sees its own page; county staff also look at the other two.
  const all: [string, string][] = [['/worker', common('pageWorker')], ['/command-centre', common('pageBoard')], ['/county', common('pageCounty')]];
  const links = user?.role.startsWith('county-') ? all : all.filter(([href]) => href === homeOf(user?.role ?? ''));
  return h('header', { class: 'top' },
    h('a', { class: 'brand', href: '/', onclick: (e: Event) => { e.preventDefault(); navigate('/'); } }, common('appName')),
    user ? h('nav', { 'aria-label': common('mainNav') },
      links.map(([href, label]) => h('a', {
        href, 'aria-current': href === path ? 'page' : null,
        onclick: (e: Event) => { e.preventDefault(); navigate(href); },
      }, label))) : null,
    h('div', { class: 'who' },
      user ? h('span', { class: 'user', title: user.id }, `${common('signedInAs')}: ${user.name}`) : null,
      toggle,
      user ? h('button', { type: 'button', onclick: () => { signOut(); navigate('/signin'); } }, common('signOut')) : null));
}

window.addEventListener('popstate', () => void route());
void route();
