// 包案 and its sign-off: both carry an optional text (the leader's instructions, his sign-off note).
import { signOff, takeInHand, type Incident } from '../../../api/incidents';
import { field, h } from '../../../dom';
import type { ActionContext } from '../context';
import { actionLabel, t } from '../text';
import { actionDialog } from './form';

type InHandAction = 'take-in-hand' | 'sign-off';

const sends: Record<InHandAction, { label: () => string; send: (id: string, text: string | null) => Promise<unknown>; done: () => string }> = {
  'take-in-hand': { label: () => t('inHandInstructions'), send: takeInHand, done: () => t('done_take_in_hand') },
  'sign-off': { label: () => t('signOffNote'), send: signOff, done: () => t('done_sign_off') },
};

export function inHandDialog(ctx: ActionContext, incident: Incident, code: InHandAction): void {
  const action = sends[code];
  const text = h('textarea', { name: code === 'take-in-hand' ? 'instructions' : 'note', rows: 3, maxlength: 1000 });
  actionDialog({
    ctx, incident, label: actionLabel(code), fields: [field(action.label(), text)],
    send: async () => {
      await action.send(incident.id, text.value.trim() || null);
      return action.done();
    },
  });
}
