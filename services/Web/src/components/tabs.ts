// Tabs (WAI-ARIA tabs pattern): a page's views, one shown at a time; arrow keys move between tabs.
import { h, uid } from '../dom';

export interface Tab { key: string; label: string; panel: HTMLElement }

export interface Tabs {
  element: HTMLElement;
  select(key: string): void;
  /** Changes a tab's text (a count). */
  label(key: string, text: string): void;
}

export function tabs(list: Tab[], selected: string, onSelect?: (key: string) => void): Tabs {
  const ids = new Map(list.map((tab) => [tab.key, uid('tab')]));
  const buttons = list.map((tab) => h('button', {
    type: 'button', role: 'tab', id: ids.get(tab.key)!, 'aria-controls': `${ids.get(tab.key)}-panel`, 'data-tab': tab.key,
    onclick: () => select(tab.key),
    onkeydown: (e: Event) => {
      const key = (e as KeyboardEvent).key;
      if (key !== 'ArrowRight' && key !== 'ArrowLeft') return;
      const next = list[(list.indexOf(tab) + (key === 'ArrowRight' ? 1 : list.length - 1)) % list.length];
      select(next.key);
      buttons[list.indexOf(next)].focus();
    },
  }, tab.label));
  const panels = list.map((tab) => h('div', {
    role: 'tabpanel', id: `${ids.get(tab.key)}-panel`, 'aria-labelledby': ids.get(tab.key)!, class: 'tab-panel',
  }, tab.panel));

  function select(key: string): void {
    list.forEach((tab, n) => {
      const on = tab.key === key;
      buttons[n].setAttribute('aria-selected', String(on));
      buttons[n].tabIndex = on ? 0 : -1;
      panels[n].hidden = !on;
    });
    onSelect?.(key);
  }
  select(selected);
  return {
    element: h('div', { class: 'tabs' }, h('div', { role: 'tablist', class: 'tab-list' }, buttons), panels),
    select,
    label: (key, text) => { const n = list.findIndex((tab) => tab.key === key); if (n >= 0) buttons[n].textContent = text; },
  };
}
