// 工作日历: a year at a glance, twelve months of days; the county administrator clicks a day to make it a
// public holiday or a make-up working day (调休) and saves the year (PUT /dispatch/calendar/{year}). A year not
// entered is said to count Monday to Friday (docs/deadlines.md, "A year without its calendar").
import { settings } from '../../../api/dispatch';
import { calendar as calendarApi, type CalendarYear } from '../../../api/settings';
import { showFieldErrors } from '../../../components/fieldErrors';
import { announce, clear, errorText, field, h, select } from '../../../dom';
import { common } from '../../../i18n';
import type { SettingsContext } from './context';
import { t } from './text';

type Kind = 'normal' | 'holiday' | 'workday';
const next: Record<Kind, Kind> = { normal: 'holiday', holiday: 'workday', workday: 'normal' };

export function calendarYearView(ctx: SettingsContext): { element: HTMLElement; load(): Promise<void> } {
  const element = h('section', { class: 'settings-section', 'data-settings': 'calendar', 'aria-labelledby': 'calendar-h' });

  async function load(): Promise<void> {
    clear(element, h('p', { class: 'muted' }, common('loading')));
    try {
      const [years, coverage] = await Promise.all([calendarApi.years(), settings.calendarCoverage()]);
      const thisYear = new Date().getFullYear();
      const choices = [...new Set([...years.map((y) => y.year), thisYear, thisYear + 1, ...(coverage.missingYear ? [coverage.missingYear] : [])])].sort();
      const shown = coverage.missingYear ?? thisYear;
      const yearSelect = select('year', choices.map((y) => ({ value: String(y), label: String(y) })), String(shown), { 'data-field': 'year' });
      const months = h('div', { class: 'year-view' });
      clear(element, h('h3', { id: 'calendar-h' }, t('calendarTab')), field(t('calendarYear'), yearSelect), months);
      const show = (): void => drawYear(ctx, months, years.find((y) => y.year === Number(yearSelect.value)) ?? null, Number(yearSelect.value),
        (saved) => {
          const at = years.findIndex((y) => y.year === saved.year);
          if (at >= 0) years[at] = saved; else years.push(saved);
          show(); // the year is entered now: its warning goes
        });
      yearSelect.addEventListener('change', show);
      show();
    } catch (e) {
      clear(element, h('p', { class: 'error', role: 'alert' }, t('loadFailed', { e: errorText(e) })));
    }
  }

  return { element, load };
}

function drawYear(ctx: SettingsContext, root: HTMLElement, entered: CalendarYear | null, year: number, saved: (y: CalendarYear) => void): void {
  const kinds = new Map<string, Kind>();
  entered?.holidays.forEach((d) => kinds.set(d, 'holiday'));
  entered?.workdays.forEach((d) => kinds.set(d, 'workday'));
  const counts = h('p', { class: 'muted small', 'data-calendar-counts': '' });
  const holidaysAnchor = h('span', { 'data-field': 'holidays', tabindex: '-1' });
  const workdaysAnchor = h('span', { 'data-field': 'workdays', tabindex: '-1' });
  const general = h('div');
  const recount = (): void => {
    const all = [...kinds.values()];
    counts.textContent = t('calendarCounts', { h: all.filter((k) => k === 'holiday').length, w: all.filter((k) => k === 'workday').length });
  };
  recount();

  const day = (date: string, weekend: boolean): HTMLElement => {
    const kind = (): Kind => kinds.get(date) ?? 'normal';
    // The name starts with the number shown (a voice user says what he sees), then the full date and its kind.
    const label = (): string => `${Number(date.slice(8))} · ${date}${kind() === 'holiday' ? ` ${t('holiday')}` : kind() === 'workday' ? ` ${t('workday')}` : weekend ? ` ${t('weekend')}` : ''}`;
    const cell = h('button', {
      type: 'button', class: `day ${kind()}${weekend ? ' weekend' : ''}`, 'data-date': date, 'aria-label': label(), disabled: !ctx.canChange,
      onclick: () => {
        const k = next[kind()];
        if (k === 'normal') kinds.delete(date); else kinds.set(date, k);
        cell.className = `day ${k}${weekend ? ' weekend' : ''}`;
        cell.setAttribute('aria-label', label());
        recount();
      },
    }, String(Number(date.slice(8))));
    return cell;
  };

  const names = t('weekdays').split(',');
  const months = Array.from({ length: 12 }, (_, m) => {
    const first = new Date(Date.UTC(year, m, 1));
    const length = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
    const lead = (first.getUTCDay() + 6) % 7; // Monday first
    const cells: (HTMLElement | null)[] = [...Array<null>(lead).fill(null)];
    for (let d = 1; d <= length; d++) {
      const weekday = (lead + d - 1) % 7;
      cells.push(day(`${year}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`, weekday >= 5));
    }
    const weeks = Array.from({ length: Math.ceil(cells.length / 7) }, (_, w) => cells.slice(w * 7, w * 7 + 7));
    return h('table', { class: 'month' }, h('caption', {}, t('month', { m: m + 1 })),
      h('thead', {}, h('tr', {}, names.map((n) => h('th', { scope: 'col' }, n)))),
      h('tbody', {}, weeks.map((week) => h('tr', {}, week.map((c) => h('td', {}, c ?? ''))))));
  });

  const save = h('button', {
    type: 'button', class: 'primary', 'data-action': 'save-calendar',
    onclick: async () => {
      const body: CalendarYear = {
        year,
        holidays: [...kinds].filter(([, k]) => k === 'holiday').map(([d]) => d).sort(),
        workdays: [...kinds].filter(([, k]) => k === 'workday').map(([d]) => d).sort(),
      };
      save.disabled = true;
      try {
        const stored = await calendarApi.save(body);
        if (stored) saved(stored);
        clear(general);
        announce(t('calendarSaved', { y: year }));
      } catch (err) {
        showFieldErrors(root, err, general);
      } finally {
        save.disabled = false;
      }
    },
  }, t('calendarSave', { y: year }));

  clear(root,
    entered ? null : h('p', { class: 'warning', 'data-calendar-missing': '' }, t('calendarNotEntered', { y: year })),
    h('p', { class: 'muted small' }, ctx.canChange ? t('calendarHint') : t('readOnly')),
    h('p', { class: 'legend small' }, h('span', { class: 'day holiday' }, t('holiday')), ' ', h('span', { class: 'day workday' }, t('workday')), ' ',
      h('span', { class: 'day weekend' }, t('weekend'))),
    counts, holidaysAnchor, workdaysAnchor, h('div', { class: 'months' }, months), general,
    ctx.canChange ? save : null);
}
