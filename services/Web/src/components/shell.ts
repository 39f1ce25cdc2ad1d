// The bar above every page: the app's name, the pages the person works on, who is signed in, the
// language switch and signing out.
import type { Session } from '../session';
import { signOut } from '../session';
import { common, currentLang, setLang } from '../i18n';
import { h } from '../dom';
import { navigate, refresh } from '../navigation';

/** `pages`: the pages the person may open, his own first. */
export function shell(user: Session | null, path: string, pages: string[]): HTMLElement {
  // Its name starts with the word shown ("English", in the other language's own tongue), then says what it does: one
  // who speaks what he sees names it (axe's label-content-name-mismatch).
  const other = currentLang() === 'zh-CN' ? 'en' : 'zh-CN';
  const toggle = h('button', {
    type: 'button', class: 'lang', 'aria-label': `${common('language')} · ${common('languageLabel')}`,
    onclick: () => {
      setLang(other);
      refresh();
    },
  }, h('span', { lang: other }, common('language')));
  const names: Record<string, string> = {
    '/worker': common('pageWorker'), '/village': common('pageVillage'), '/command-centre': common('pageBoard'),
    '/department': common('pageDepartment'), '/county': common('pageCounty'),
  };
  const links = pages.map((href) => [href, names[href] ?? href]);
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
