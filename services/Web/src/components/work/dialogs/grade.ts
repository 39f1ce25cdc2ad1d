// Changing what a case is: its grade (with a reason), and casualties as they become known.
import { regrade, reportCasualties, type Incident } from '../../../api/incidents';
import { field, h, select } from '../../../dom';
import { named } from '../../../i18n';
import type { ActionContext } from '../context';
import { actionLabel, t } from '../text';
import { actionDialog, required } from './form';

export function regradeDialog(ctx: ActionContext, incident: Incident): void {
  const grade = select('grade', ctx.catalogue.grades.map((g) => ({ value: g.code, label: `${g.code} ${named(g)}` })), incident.grade);
  const reason = h('textarea', { name: 'reason', required: true, rows: 2, maxlength: 1000 });
  actionDialog({
    ctx, incident, label: actionLabel('regrade'), fields: [field(t('newGrade'), grade), field(t('reason'), reason)],
    send: async () => {
      const why = required(reason, t('reason'));
      if (why === null) return null;
      await regrade(incident.id, grade.value, why);
      return t('done_regrade');
    },
  });
}

export function casualtiesDialog(ctx: ActionContext, incident: Incident): void {
  const number = (name: string) => h('input', { name, type: 'number', min: 0, step: 1, value: 0, required: true, inputmode: 'numeric' });
  const deaths = number('deaths'), injured = number('seriouslyInjured'), loss = number('directLossYuan');
  actionDialog({
    ctx, incident, label: actionLabel('report-casualties'),
    fields: [h('div', { class: 'two' }, field(t('deaths'), deaths), field(t('injured'), injured)), field(t('loss'), loss)],
    send: async () => {
      const count = (input: HTMLInputElement) => Math.max(0, Math.floor(Number(input.value) || 0));
      await reportCasualties(incident.id, { deaths: count(deaths), seriouslyInjured: count(injured), directLossYuan: count(loss) });
      return t('done_report_casualties');
    },
  });
}
