// 合并重复: this case is a duplicate of another the page shows (the suspected original first).
import { merge, type Incident } from '../../../api/incidents';
import { field, select } from '../../../dom';
import type { ActionContext } from '../context';
import { actionLabel, t } from '../text';
import { actionDialog } from './form';

export function mergeDialog(ctx: ActionContext, incident: Incident): void {
  const others = (ctx.others?.() ?? []).filter((o) => o.id !== incident.id && o.status !== 'closed' && o.status !== 'merged')
    .sort((a, b) => Number(b.id === incident.possibleDuplicateOf) - Number(a.id === incident.possibleDuplicateOf));
  const into = select('into', others.map((o) => ({ value: o.id, label: o.title })), incident.possibleDuplicateOf ?? undefined);
  into.disabled = others.length === 0;
  actionDialog({
    ctx, incident, label: actionLabel('merge'),
    fields: [field(t('mergeInto'), into, others.length === 0 ? t('mergeNone') : undefined)],
    send: async () => {
      if (!into.value) return null;
      await merge(incident.id, into.value);
      return t('done_merge');
    },
  });
}
