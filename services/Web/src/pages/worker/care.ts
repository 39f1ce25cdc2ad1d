// Care visits (精准关爱): the people the worker visits, the most overdue first, and recording a visit.
import { careSubjects, recordVisit, unitName, type CareSubject } from '../../api/grids';
import { announce, clear, countdownText, errorText, field, formatTime, h, maskPhone, openDialog } from '../../dom';
import { common } from '../../i18n';
import type { Session } from '../../session';
import { t } from './text';

export function careList(user: Session): { element: HTMLElement; load(): Promise<void> } {
  const element = h('div', { class: 'list' });

  async function load(): Promise<void> {
    try {
      const subjects = await careSubjects(user.id);
      subjects.sort((a, b) => a.visitDueAt.localeCompare(b.visitDueAt));
      clear(element, subjects.length === 0 ? h('p', { class: 'muted' }, t('careEmpty')) : await Promise.all(subjects.map(card)));
    } catch (e) {
      clear(element, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  async function card(s: CareSubject): Promise<HTMLElement> {
    return h('article', { class: `task ${new Date(s.visitDueAt).getTime() < Date.now() ? 'red' : ''}` },
      h('h3', {}, `${s.name}`, h('span', { class: 'tag' }, t(`kind_${s.kind.replaceAll('-', '_')}` as 'kind_disabled'))),
      h('p', { class: 'meta' }, `${await unitName(s.courtyardCode)}${s.phone ? ` · ${maskPhone(s.phone)}` : ''}`),
      h('p', { class: 'meta' }, `${t('visitDue')}: ${formatTime(s.visitDueAt)} `,
        h('span', { class: 'countdown', 'data-due': s.visitDueAt }, countdownText(s.visitDueAt))),
      h('p', { class: 'muted small' }, s.lastVisitAt ? t('lastVisit', { t: formatTime(s.lastVisitAt) }) : t('neverVisited')),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => visitDialog(s) }, t('recordVisit'))));
  }

  function visitDialog(s: CareSubject): void {
    const findings = h('textarea', { name: 'findings', required: true, rows: 3, maxlength: 4000 });
    const form = h('form', {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await recordVisit(s.id, { visitedBy: user.id, findings: findings.value.trim() });
          announce(t('visitRecorded'));
          dialog.close();
          await load();
        } catch (err) {
          announce(errorText(err), 'error');
        }
      },
    }, field(t('findings'), findings), h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')),
      h('button', { type: 'submit', class: 'primary' }, t('recordVisit'))));
    const dialog = openDialog(`${t('recordVisit')}：${s.name}`, form);
  }

  return { element, load };
}
