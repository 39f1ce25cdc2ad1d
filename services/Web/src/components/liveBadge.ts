// The little badge that says whether a page's live feed is connected.
import { h } from '../dom';

export type LiveState = 'connecting' | 'live' | 'offline';

/** A status badge; `show` sets its state with the page's words for it. */
export function liveBadge(words: Record<LiveState, string>): { element: HTMLElement; show(state: LiveState): void } {
  const element = h('span', { class: 'live connecting', role: 'status' }, words.connecting);
  return {
    element,
    show(state) {
      element.className = `live ${state === 'live' ? 'on' : state === 'offline' ? 'off' : 'connecting'}`;
      element.textContent = words[state];
    },
  };
}
