// Actions that carry one text: a reason (提请上级, 退回, 升级, 提级), a note (反馈, 催办, 督办).
import { moveUp, pullUp, sendBack, supervise, urge } from '../../../api/dispatch';
import { note, requestMoveUp, type Incident } from '../../../api/incidents';
import { field, h } from '../../../dom';
import { flush, isNetworkFailure, offlineNow, queueNote } from '../../../offline/queue';
import type { ActionContext } from '../context';
import { actionLabel, t } from '../text';
import { actionDialog, required } from './form';

type TextAction = 'request-move-up' | 'send-back' | 'move-up' | 'pull-up' | 'note' | 'urge' | 'supervise';

const sends: Record<TextAction, { label: () => string; send: (id: string, text: string) => Promise<unknown>; done: () => string }> = {
  'request-move-up': { label: () => t('reason'), send: requestMoveUp, done: () => t('done_request_move_up') },
  'send-back': { label: () => t('reason'), send: sendBack, done: () => t('done_send_back') },
  'move-up': { label: () => t('reason'), send: moveUp, done: () => t('done_move_up') },
  'pull-up': { label: () => t('reason'), send: pullUp, done: () => t('done_pull_up') },
  note: { label: () => t('noteText'), send: note, done: () => t('done_note') },
  urge: { label: () => t('urgeNote'), send: urge, done: () => t('done_urge') },
  supervise: { label: () => t('superviseNote'), send: supervise, done: () => t('done_supervise') },
};

/** 反馈 from the field: without a network the note waits on the phone (offline/queue.ts) with its key. */
async function noteOrQueue(incident: Incident, value: string): Promise<string> {
  const key = crypto.randomUUID();
  const queue = async (tried: boolean) => {
    await queueNote(key, incident.id, incident.title, value, tried);
    void flush();
    return t('done_note_queued');
  };
  if (offlineNow()) return queue(false);
  try {
    await note(incident.id, value);
    return t('done_note');
  } catch (e) {
    if (isNetworkFailure(e)) return queue(true);
    throw e;
  }
}

export function isTextAction(code: string): code is TextAction {
  return code in sends;
}

export function textActionDialog(ctx: ActionContext, incident: Incident, code: TextAction): void {
  const action = sends[code];
  const label = action.label();
  const text = h('textarea', { name: code === 'note' ? 'text' : 'reason', required: true, rows: 3, maxlength: code === 'note' ? 4000 : 1000 });
  actionDialog({
    ctx, incident, label: actionLabel(code), fields: [field(label, text)],
    send: async () => {
      const value = required(text, label);
      if (value === null) return null;
      if (code === 'note') return noteOrQueue(incident, value);
      await action.send(incident.id, value);
      return action.done();
    },
  });
}
