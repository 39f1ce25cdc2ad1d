// The tier above decides a 提请上级: approve (the case moves up) or decline with a reason (it stays).
import { decideMoveUp, incident as readIncident, type Incident } from '../../../api/incidents';
import { field, h, uid } from '../../../dom';
import type { ActionContext } from '../context';
import { actionLabel, t } from '../text';
import { actionDialog, required } from './form';

export async function decideDialog(ctx: ActionContext, incident: Incident): Promise<void> {
  // The list item has no timeline: the request's reason is read with the case.
  const full = await readIncident(incident.id).catch(() => null);
  const request = [...(full?.timeline ?? [])].reverse().find((e) => e.action === 'escalation-requested');
  const name = uid('decision');
  const choice = (value: string, label: string, checked: boolean) => {
    const input = h('input', { type: 'radio', name, value, checked, id: uid('r') });
    return h('div', { class: 'check' }, input, h('label', { for: input.id }, label));
  };
  const approve = choice('approve', t('approve'), true);
  const decline = choice('decline', t('decline'), false);
  const reason = h('textarea', { name: 'reason', rows: 3, maxlength: 1000 });
  actionDialog({
    ctx, incident, label: actionLabel('decide-move-up'),
    fields: [
      request?.reason ? h('p', { class: 'reason' }, t('requestedBecause', { reason: request.reason })) : null,
      h('fieldset', {}, h('legend', {}, t('decision')), approve, decline),
      field(t('declineReason'), reason),
    ],
    send: async () => {
      const approved = approve.querySelector('input')!.checked;
      if (approved) {
        await decideMoveUp(incident.id, true, reason.value.trim() || undefined);
        return t('done_approved');
      }
      const why = required(reason, t('reason'));
      if (why === null) return null;
      await decideMoveUp(incident.id, false, why);
      return t('done_declined');
    },
  });
}
