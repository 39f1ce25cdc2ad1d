// Care visits (精准关爱): the people the worker visits, the most overdue first, and recording a visit —
// one that found a problem files a case too; without a network the visit waits on the phone (offline/).
import { careSubjects, recordVisit, unitName, type CareSubject } from '../../api/grids';
import type { Catalogue } from '../../api/incidents';
import { announce, clear, countdownText, errorText, field, formatTime, h, maskPhone, openDialog, select } from '../../dom';
import { common, named } from '../../i18n';
import { flush, isNetworkFailure, offlineNow, queueVisit } from '../../offline/queue';
import type { Session } from '../../session';
import { t } from './text';

/** `onCaseFiled`: a visit filed a case (the work lists may show it once Incidents has it). */
export function careList(user: Session, catalogue: Catalogue, onCaseFiled: () => void): { element: HTMLElement; load(): Promise<void> } {
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
    // A visit that found a problem files it (Grids files the case at the subject's courtyard).
    const filesCase = h('input', { name: 'filesCase', type: 'checkbox', id: `files-case-${s.id}` });
    const category = select('category', catalogue.categories.map((c) => ({ value: c.code, label: named(c) })));
    category.prepend(h('option', { value: '', selected: true, disabled: true }, '—'));
    const grade = select('grade', catalogue.grades.map((g) => ({ value: g.code, label: `${g.code} ${named(g)}` })), 'IV');
    const title = h('input', { name: 'title', maxlength: 200, autocomplete: 'off' });
    const description = h('textarea', { name: 'description', rows: 2, maxlength: 4000 });
    const caseFields = h('fieldset', { class: 'visit-case', hidden: true },
      h('div', { class: 'two' }, field(t('category'), category), field(t('grade'), grade)),
      field(t('caseTitle'), title), field(t('description'), description));
    filesCase.addEventListener('change', () => {
      caseFields.hidden = !filesCase.checked;
      for (const c of [category, title, description]) c.required = filesCase.checked;
    });
    // One key per visit, kept if it has to wait for the network.
    const key = crypto.randomUUID();
    const submit = h('button', { type: 'submit', class: 'primary' }, t('recordVisit'));
    const form = h('form', {
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        if (!form.checkValidity()) { form.querySelector<HTMLElement>(':invalid')?.focus(); form.reportValidity(); return; }
        const incident = filesCase.checked
          ? { category: category.value, grade: grade.value, title: title.value.trim(), description: description.value.trim() }
          : undefined;
        const visit = { visitedBy: user.id, findings: findings.value.trim(), incident };
        const queue = async (tried: boolean) => {
          await queueVisit(key, s.id, s.name, { ...visit, visitedAt: new Date().toISOString() }, tried);
          announce(t('visitQueued', { name: s.name }));
          dialog.close();
          void flush();
        };
        submit.disabled = true;
        try {
          if (offlineNow()) { await queue(false); return; }
          await recordVisit(s.id, visit);
          announce(incident ? t('visitRecordedWithCase', { title: incident.title }) : t('visitRecorded'));
          dialog.close();
          await load();
          if (incident) onCaseFiled();
        } catch (err) {
          if (isNetworkFailure(err)) await queue(true);
          else announce(errorText(err), 'error');
        } finally {
          submit.disabled = false;
        }
      },
    }, field(t('findings'), findings),
    h('div', { class: 'check' }, filesCase, h('label', { for: filesCase.id }, t('visitFilesCase')), h('small', { class: 'hint' }, t('visitFilesCaseHint'))),
    caseFields,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')), submit));
    const dialog = openDialog(`${t('recordVisit')}：${s.name}`, form);
  }

  return { element, load };
}
