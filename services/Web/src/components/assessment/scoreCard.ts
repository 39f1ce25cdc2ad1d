// A person's own month (the worker page): each item's count, its points each and the points, and the score.
import { personAssessment, type Figures, type Weights } from '../../api/visits';
import { clear, errorText, h } from '../../dom';
import { items, t } from './text';

export function figuresTable(figures: Figures, weights: Weights, score: number, withMisses: boolean): HTMLElement {
  const rows = items.filter((i) => withMisses || i.key !== 'missedDeadlines').map((i) => {
    const n = figures[i.key];
    const w = weights[i.weight] as number;
    return h('tr', { 'data-item': i.key }, h('th', { scope: 'row' }, t(i.key)), h('td', {}, String(n)), h('td', {}, String(w)),
      h('td', {}, String(i.penalty ? -n * w : n * w)));
  });
  return h('table', { class: 'figures-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('item')), h('th', { scope: 'col' }, t('count')),
      h('th', { scope: 'col' }, t('weight')), h('th', { scope: 'col' }, t('points')))),
    h('tbody', {}, rows),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('total')), h('td', {}), h('td', {}), h('td', { 'data-score': '' }, String(score)))));
}

export function myScoreCard(personId: string): { element: HTMLElement; load(): Promise<void> } {
  const body = h('div', {});
  const element = h('section', { class: 'card', 'aria-labelledby': 'score-h' }, h('h2', { id: 'score-h' }, t('myScoreTitle')), body);
  async function load(): Promise<void> {
    try {
      const a = await personAssessment(personId);
      clear(body, h('p', { class: 'big-number' }, `${t('score')}: `, h('strong', {}, String(a.person.score))),
        figuresTable(a.person.figures, a.weights, a.person.score, false));
    } catch (e) {
      clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }
  return { element, load };
}
