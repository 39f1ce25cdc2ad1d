// 调解安排: the mediation sessions of the cases at or below a unit, soonest first (GET /incidents/mediations).
// Read-only: a session is scheduled and its outcome recorded on the case, by its mediator or village handler
// (mediate, docs/permissions.md). Titles, names and agreements are shown as text.
import { getJson, query } from '../../api/http';
import { clear, errorText, formatTime, h } from '../../dom';
import { common } from '../../i18n';
import { t } from './text';

export interface UnitMediation {
  id: string; incidentId: string; title: string; placeCode: string; caseStatus: string; scheduledAt: string;
  mediators: string[]; parties: string[]; outcome: string | null; agreement: string | null; recordedAt: string | null;
}

export const unitMediations = (unitCode: string): Promise<UnitMediation[]> =>
  getJson<UnitMediation[]>(`/incidents/mediations${query({ unitCode })}`);

export function unitSessions(unitCode: string): { element: HTMLElement; load(): Promise<void> } {
  const list = h('div');
  const element = h('section', { class: 'mediation-sessions', 'data-section': 'mediations', 'aria-labelledby': 'mediations-h' },
    h('h2', { id: 'mediations-h' }, t('tab')), h('p', { class: 'muted small' }, t('hint')), list);

  async function load(): Promise<void> {
    clear(list, h('p', { class: 'muted' }, common('loading')));
    try {
      const sessions = await unitMediations(unitCode);
      clear(list, sessions.length === 0 ? h('p', {}, t('none')) : h('div', { class: 'table-wrap' }, h('table', { class: 'mediations' },
        h('thead', {}, h('tr', {}, [t('when'), t('case'), t('mediators'), t('parties'), t('outcome')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, sessions.map((s) => h('tr', { 'data-mediation': s.id },
          h('td', {}, formatTime(s.scheduledAt)), h('td', {}, s.title), h('td', {}, s.mediators.join('、')), h('td', {}, s.parties.join('、')),
          h('td', {}, s.outcome === 'reached' ? t('reached') : s.outcome === 'not-reached' ? t('notReached') : t('pending'),
            s.agreement ? h('div', { class: 'small muted' }, s.agreement) : null)))))));
    } catch (e) {
      clear(list, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  return { element, load };
}
