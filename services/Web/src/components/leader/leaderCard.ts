// A leader's own visits (下沉走访): his post and 联系点, his plan with each planned unit's due date (the overdue
// first), and recording a visit whose findings may be filed as cases on the spot. Empty for anyone without a post.
import { children, unit, unitName, type Unit } from '../../api/grids';
import type { Catalogue } from '../../api/incidents';
import { myLeaderPost, recordLeaderVisit, type LeaderView, type PlannedUnit } from '../../api/leaders';
import { announce, clear, errorText, field, formatTime, h, openDialog, select } from '../../dom';
import { common, named } from '../../i18n';
import { t } from './text';

/** @param recorded Called after a visit was recorded (the page's figures follow it). */
export function leaderCard(catalogue: Catalogue, recorded?: () => void): { element: HTMLElement; load(): Promise<void> } {
  const element = h('section', { class: 'card', 'aria-labelledby': 'leader-h', hidden: true });

  async function load(): Promise<void> {
    try {
      const me = await myLeaderPost();
      if (!me?.leader) { element.hidden = true; return; }
      element.hidden = false;
      const planned = [...me.planned].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
      clear(element,
        h('div', { class: 'section-head' }, h('h2', { id: 'leader-h' }, t('myVisits')),
          h('button', { type: 'button', class: 'primary', onclick: () => void visitDialog(me) }, t('recordVisit'))),
        h('p', { class: 'meta' }, t(`post_${me.leader.post.replaceAll('-', '_')}` as 'post_county_committee'), ' · ', t('linked'), '：',
          (await Promise.all(me.leader.linkedUnits.map((c) => unitName(c)))).join('、')),
        h('p', { class: 'muted' }, me.plan ? t('plan', { n: me.plan.everyDays }) : t('noPlan')),
        h('ul', { class: 'list' }, await Promise.all(planned.map(row))));
    } catch (e) {
      element.hidden = false;
      clear(element, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  async function row(p: PlannedUnit): Promise<HTMLElement> {
    return h('li', { class: `task ${p.overdue ? 'red' : ''}`, 'data-unit': p.unitCode },
      h('strong', {}, await unitName(p.unitCode)), ' ',
      p.overdue ? h('span', { class: 'tag' }, t('overdue')) : null,
      h('p', { class: 'meta' }, t('due', { t: formatTime(p.dueAt) }), ' · ',
        p.lastVisitAt ? t('lastVisit', { t: formatTime(p.lastVisitAt) }) : t('neverVisited')));
  }

  /** Where a case may be filed from a visit at the unit: the unit itself when a grid or courtyard, and its grids or courtyards. */
  async function placesAt(code: string): Promise<Unit[]> {
    const here = await unit(code);
    if (!here) return [];
    const below = here.level === 'village' || here.level === 'grid' ? await children(code) : [];
    return [...(here.level === 'grid' || here.level === 'courtyard' ? [here] : []), ...below.filter((u) => u.level === 'grid' || u.level === 'courtyard')];
  }

  async function visitDialog(me: LeaderView): Promise<void> {
    const unitCodes = [...new Set([...(me.plan?.unitCodes ?? []), ...(me.leader?.linkedUnits ?? [])])];
    const where = select('unitCode', await Promise.all(unitCodes.map(async (c) => ({ value: c, label: await unitName(c) }))));
    const met = h('input', { name: 'met', required: true, maxlength: 500 });
    const finding = h('textarea', { name: 'finding', rows: 3, maxlength: 4000 });
    const fileIt = h('input', { type: 'checkbox', name: 'fileCase' });
    const place = select('place', []);
    const category = select('category', catalogue.categories.map((c) => ({ value: c.code, label: named(c) })));
    const grade = select('grade', catalogue.grades.map((g) => ({ value: g.code, label: named(g) })), 'IV');
    const title = h('input', { name: 'title', maxlength: 200 });
    const caseFields = h('fieldset', { hidden: true }, field(t('place'), place), field(t('category'), category), field(t('grade'), grade),
      field(t('caseTitle'), title));
    const fillPlaces = async () => {
      const places = await placesAt(where.value);
      clear(place, places.map((u) => h('option', { value: u.code }, u.name)));
      fileIt.disabled = places.length === 0;
    };
    where.addEventListener('change', () => void fillPlaces());
    fileIt.addEventListener('change', () => { caseFields.hidden = !fileIt.checked; title.required = fileIt.checked; });
    await fillPlaces();
    const form = h('form', {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const text = finding.value.trim();
        const filing = fileIt.checked && text !== '';
        try {
          await recordLeaderVisit({
            unitCode: where.value, met: met.value.trim(),
            findings: text === '' ? [] : [{
              text,
              incident: filing ? { unitCode: place.value, category: category.value, grade: grade.value, title: title.value.trim(), description: text } : undefined,
            }],
          });
          announce(filing ? t('visitRecordedCase') : t('visitRecorded'));
          dialog.close();
          recorded?.();
          await load();
        } catch (err) {
          announce(errorText(err), 'error');
        }
      },
    }, field(t('visitUnit'), where), field(t('met'), met), field(t('finding'), finding),
    h('label', { class: 'check' }, fileIt, ' ', t('fileCase')), caseFields,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')),
      h('button', { type: 'submit', class: 'primary' }, t('recordVisit'))));
    const dialog = openDialog(t('recordVisit'), form);
  }

  return { element, load };
}
