// 核查: is it really solved, and is the resident satisfied (群众满意不满意).
import { verify, type Incident } from '../../../api/incidents';
import { field, h, select } from '../../../dom';
import type { ActionContext } from '../context';
import { actionLabel, t } from '../text';
import { actionDialog } from './form';

export function verifyDialog(ctx: ActionContext, incident: Incident): void {
  const result = select('result', [
    { value: 'solved', label: t('solved') }, { value: 'partly-solved', label: t('partly') }, { value: 'not-solved', label: t('notSolved') },
  ], 'solved');
  const satisfaction = select('satisfaction', [
    { value: 'satisfied', label: t('satisfied') }, { value: 'basically-satisfied', label: t('basically') },
    { value: 'dissatisfied', label: t('dissatisfied') }, { value: '', label: t('notAsked') },
  ], 'satisfied');
  const comment = h('textarea', { name: 'comment', rows: 2, maxlength: 1000 });
  actionDialog({
    ctx, incident, label: actionLabel('verify'),
    fields: [field(t('verifyResult'), result), field(t('satisfaction'), satisfaction), field(t('comment'), comment)],
    send: async () => {
      await verify(incident.id, { result: result.value, satisfaction: satisfaction.value || null, comment: comment.value.trim() || null });
      return t('done_verify');
    },
  });
}
