// "还有 N 件，加载更多": the button under a list that shows part of its total (the triage queue, a board, a unit's
// cases), as the work list's buckets have it. Disabled while the next page loads; an error is shown beside it.
import { errorText, h } from '../dom';
import { common } from '../i18n';

/** Null when nothing more is left to show; 'some' when a list says there is more but not how much (a full page). */
export function moreButton(rest: number | 'some', load: () => Promise<void>): HTMLButtonElement | null {
  if (rest !== 'some' && rest <= 0) return null;
  const button = h('button', { type: 'button', class: 'more' }, rest === 'some' ? common('more') : common('moreOf', { n: rest })) as HTMLButtonElement;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await load();
    } catch (e) {
      button.disabled = false;
      button.after(h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  });
  return button;
}

/** The items shown followed by a next page's, each once (a list read again may have moved under the reader). */
export function followOn<T>(shown: T[], next: T[], key: (item: T) => string): T[] {
  const seen = new Set(shown.map(key));
  return [...shown, ...next.filter((i) => !seen.has(key(i)))];
}
