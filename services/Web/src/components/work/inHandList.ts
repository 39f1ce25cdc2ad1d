// 我包案的案件 (包案, issue #16): the cases in the caller's own hand — each as a card with exactly the actions he
// may take (签字办结 once a case is verified) — and, on request, the ended ones too. Listed for whoever has any:
// the API answers from his account, so a leader (a post on top of his role) sees his own wherever he lands.
import { casesInHand, type Incident } from '../../api/incidents';
import { clear, errorText, h } from '../../dom';
import type { Session } from '../../session';
import { caseCard } from './caseCard';
import type { ActionContext } from './context';
import { t } from './text';

export interface InHandList {
  element: HTMLElement;
  load(): Promise<void>;
}

/** Whether the person holds a leader post (联系点): his token names the units he is linked to (leader-unit). */
export function hasLeaderPosts(user: Session): boolean {
  const payload = user.accessToken?.split('.')[1];
  if (!payload) return false;
  try {
    const claims = JSON.parse(atob(payload.replaceAll('-', '+').replaceAll('_', '/'))) as Record<string, unknown>;
    const units = claims['leader-unit'];
    return typeof units === 'string' ? units.length > 0 : Array.isArray(units) && units.length > 0;
  } catch {
    return false;
  }
}

export function inHandList(ctx: ActionContext, loaded?: (open: number) => void): InHandList {
  const element = h('div', { class: 'work in-hand', 'aria-live': 'polite' });
  const showEnded = h('input', { type: 'checkbox', name: 'ended', onchange: () => void load() });
  const list = h('div', { class: 'list' });
  clear(element, h('h3', {}, t('inHandHeading')), h('label', { class: 'small' }, showEnded, ' ', t('inHandShowEnded')), list);

  async function load(): Promise<void> {
    try {
      const cases: Incident[] = await casesInHand(!showEnded.checked);
      if (!showEnded.checked) loaded?.(cases.length);
      clear(list, cases.length === 0 ? h('p', { class: 'muted' }, t('inHandEmpty')) : await Promise.all(cases.map((i) => caseCard(ctx, i))));
    } catch (e) {
      clear(list, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  return { element, load };
}
