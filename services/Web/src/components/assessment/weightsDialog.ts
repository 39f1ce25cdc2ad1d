// The county administrator edits the assessment's weights (read: county supervisors too).
import { ApiError } from '../../api/http';
import { assessmentWeights, setAssessmentWeights, type Weights } from '../../api/visits';
import { announce, clear, errorText, field, h, openDialog } from '../../dom';
import { common } from '../../i18n';
import { items, t } from './text';

export async function openWeightsDialog(): Promise<void> {
  const body = h('div', {}, h('p', { class: 'muted' }, common('loading')));
  const dialog = openDialog(t('weightsTitle'), body);
  let current: Weights;
  try {
    current = await assessmentWeights();
  } catch (e) {
    clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    return;
  }
  const inputs = items.map((i) => ({ i, input: h('input', { type: 'number', name: i.weight, min: '0', max: '100', step: '1', required: true, value: String(current[i.weight]) }) }));
  const form = h('form', {
    onsubmit: async (e: Event) => {
      e.preventDefault();
      const next = { ...current };
      for (const { i, input } of inputs) (next[i.weight] as number) = Number(input.value);
      try {
        await setAssessmentWeights(next);
        announce(t('weightsSaved'));
        dialog.close();
      } catch (err) {
        // The field the server names gets the focus.
        const named = err instanceof ApiError ? inputs.find(({ i }) => err.fields[i.weight]) : undefined;
        named?.input.focus();
        announce(errorText(err), 'error');
      }
    },
  }, h('p', { class: 'muted small' }, t('weightsHint')),
  inputs.map(({ i, input }) => field(t(i.key), input)),
  h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')),
    h('button', { type: 'submit', class: 'primary' }, t('save'))));
  clear(body, form);
}
