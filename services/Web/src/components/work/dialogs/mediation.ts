// 乡贤评理堂: schedule a mediation session, or record the outcome of the one held.
import { mediations, recordMediationOutcome, scheduleMediation, type Incident } from '../../../api/incidents';
import { field, formatTime, fromCountyTime, h, uid } from '../../../dom';
import type { ActionContext } from '../context';
import { actionLabel, t } from '../text';
import { actionDialog, required } from './form';

const names = (text: string) => text.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean);

export async function mediationDialog(ctx: ActionContext, incident: Incident): Promise<void> {
  const sessions = await mediations(incident.id).catch(() => []);
  const open = sessions.find((s) => s.outcome === null);
  if (open) outcomeDialog(ctx, incident, open.id, open.scheduledAt);
  else scheduleDialog(ctx, incident);
}

function scheduleDialog(ctx: ActionContext, incident: Incident): void {
  const mediators = h('input', { name: 'mediators', required: true, autocomplete: 'off' });
  const parties = h('input', { name: 'parties', required: true, autocomplete: 'off' });
  const when = h('input', { name: 'scheduledAt', type: 'datetime-local', required: true });
  actionDialog({
    ctx, incident, label: `${actionLabel('mediate')} · ${t('schedule')}`,
    fields: [field(t('mediators'), mediators), field(t('parties'), parties), field(t('scheduledAt'), when)],
    send: async () => {
      const m = required(mediators, t('mediators')), p = m === null ? null : required(parties, t('parties'));
      const at = p === null ? null : required(when, t('scheduledAt'));
      if (m === null || p === null || at === null) return null;
      await scheduleMediation(incident.id, { mediators: names(m), parties: names(p), scheduledAt: fromCountyTime(at) });
      return t('done_mediation_scheduled');
    },
  });
}

function outcomeDialog(ctx: ActionContext, incident: Incident, sessionId: string, scheduledAt: string): void {
  const group = uid('outcome');
  const reached = h('input', { type: 'radio', name: group, value: 'reached', checked: true, id: uid('r') });
  const failed = h('input', { type: 'radio', name: group, value: 'failed', id: uid('r') });
  const agreement = h('textarea', { name: 'agreement', rows: 3, maxlength: 4000 });
  actionDialog({
    ctx, incident, label: `${actionLabel('mediate')} · ${t('record')}`,
    fields: [
      h('fieldset', {}, h('legend', {}, t('outcomeOf', { at: formatTime(scheduledAt) })),
        h('div', { class: 'check' }, reached, h('label', { for: reached.id }, t('reached'))),
        h('div', { class: 'check' }, failed, h('label', { for: failed.id }, t('notReached')))),
      field(t('agreement'), agreement),
    ],
    send: async () => {
      const text = reached.checked ? required(agreement, t('agreement')) : agreement.value.trim() || null;
      if (reached.checked && text === null) return null;
      await recordMediationOutcome(incident.id, sessionId, { reached: reached.checked, agreement: text });
      return t('done_mediation_recorded');
    },
  });
}
