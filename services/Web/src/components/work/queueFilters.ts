// A unit's queue's filter bar (the command centre's board, the county page's unit queue): the queue narrowed by the
// fields its rows show that Dispatch holds — category, grade and 签收 (GET /dispatch/command-centres/{unit}/queue?
// category=&grade=&accepted=); the totals and pages are of the narrowed queue. A case's title and place live in
// Incidents: 案件查询 and the work list search those.
import type { Catalogue } from '../../api/incidents';
import { field, h } from '../../dom';
import { named } from '../../i18n';
import { gradeText } from '../caseText';
import { t } from './text';

export interface QueueFilters {
  element: HTMLElement;
  /** The filters chosen, empty ones left out. */
  value(): Record<string, string>;
}

export function queueFilters(catalogue: Catalogue, changed: () => void): QueueFilters {
  const options = (codes: { code: string; text: string }[]) =>
    [h('option', { value: '' }, t('filterAny')), ...codes.map((c) => h('option', { value: c.code }, c.text))];
  const controls = {
    category: h('select', { name: 'category' }, options(catalogue.categories.map((c) => ({ code: c.code, text: named(c, c.code) })))),
    grade: h('select', { name: 'grade' }, options(catalogue.grades.map((g) => ({ code: g.code, text: gradeText(catalogue, g.code) })))),
    accepted: h('select', { name: 'accepted' }, options([{ code: 'true', text: t('filterAcceptedYes') }, { code: 'false', text: t('filterAcceptedNo') }])),
  };
  const value = (): Record<string, string> => Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value]).filter(([, v]) => v !== ''));
  const element = h('form', { class: 'work-filters queue-filters', onsubmit: (e: Event) => e.preventDefault(), onchange: () => changed() },
    h('div', { class: 'filters' },
      field(t('filterCategory'), controls.category), field(t('filterGrade'), controls.grade), field(t('filterAccepted'), controls.accepted)));
  return { element, value };
}
