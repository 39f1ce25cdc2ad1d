// 待分拨: the county dispatcher's triage queue — hotline calls that no location or registered address placed
// (docs/intake.md). Each call shows what the hotline said and why it waits; the dispatcher picks the grid or
// courtyard (a code, or a name from the list) and places it (分拨), after which Dispatch routes it.
// The queue comes a page at a time with its total, as the work lists: "还有 N 件" loads the next page, and a
// reading again keeps as many as were shown.
import { unitsAt, type Unit } from '../../api/grids';
import { ApiError } from '../../api/http';
import { placeCall, triageQueue, type TriageItem, type TriagePage } from '../../api/incidents';
import { followOn, moreButton } from '../../components/moreButton';
import { announce, clear, errorText, field, h, uid } from '../../dom';
import { common } from '../../i18n';
import { reasonText } from '../../reasons';
import { t } from './text';

export interface TriageView { element: HTMLElement; load(): Promise<void> }

/** Calls per page; the most one reading asks for (the API's limit). */
const pageSize = 50;
const mostPerReading = 500;

/** Grids and courtyards to pick from, read once per page (a list to search in; any code may be typed). */
async function placesToPick(): Promise<Unit[]> {
  const none = (): Unit[] => [];
  const [grids, courtyards] = await Promise.all([unitsAt('grid').catch(none), unitsAt('courtyard').catch(none)]);
  return [...grids, ...courtyards].filter((u) => !u.retired);
}

export function triageView(loaded: (n: number) => void): TriageView {
  const list = h('div', { class: 'triage-list' });
  const listId = uid('places');
  const options = h('datalist', { id: listId });
  const counts = h('p', { class: 'counts', 'aria-live': 'polite' });
  const element = h('section', { class: 'card', 'aria-labelledby': 'triage-h' },
    h('h2', { id: 'triage-h' }, t('triageTitle')),
    h('p', { class: 'muted small' }, t('triageHint')), options, counts, list);
  let places: Promise<Unit[]> | null = null;
  let page: TriagePage | null = null;

  async function load(): Promise<void> {
    places ??= placesToPick().then((units) => {
      clear(options, units.map((u) => h('option', { value: u.code }, `${u.name} · ${u.code}`)));
      return units;
    });
    if (!page) clear(list, h('p', { class: 'muted' }, common('loading')));
    try {
      page = await triageQueue(Math.min(Math.max(pageSize, page?.items.length ?? 0), mostPerReading));
      loaded(page.total);
      draw();
    } catch (e) {
      clear(list, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  async function more(): Promise<void> {
    if (!page) return;
    const next = await triageQueue(pageSize, page.items.length);
    page = { ...next, offset: 0, items: followOn(page.items, next.items, (i) => i.case.id) };
    draw();
  }

  function draw(): void {
    if (!page) return;
    clear(counts, t('triageTotal', { n: page.total }));
    clear(list, page.items.length === 0 ? h('p', { class: 'muted' }, t('triageEmpty'))
      : [...page.items.map(row), moreButton(page.total - page.items.length, more)]);
  }

  /** What a refused placement says: a call placed meanwhile names the unit it went to (已分拨). */
  async function refusal(err: unknown): Promise<string> {
    if (!(err instanceof ApiError) || err.problem.code !== 'already-placed') return errorText(err);
    const code = String(err.problem.unitCode ?? '');
    const unit = (await (places ?? Promise.resolve([]))).find((u) => u.code === code);
    return t('triageAlreadyPlaced', { u: unit ? `${unit.name}（${code}）` : code });
  }

  function row(item: TriageItem): HTMLElement {
    const input = h('input', { name: 'unitCode', list: listId, required: true, autocomplete: 'off', maxlength: '32' });
    const form = h('form', {
      class: 'inline', onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await placeCall(item.case.id, input.value.trim());
          announce(t('triagePlaced', { u: input.value.trim() }));
          await load();
        } catch (err) {
          announce(await refusal(err), 'error');
          // Placed meanwhile (or otherwise no longer waiting): the queue as it is now, without that call.
          if (err instanceof ApiError && err.status === 409) await load();
          else input.focus();
        }
      },
    }, field(t('triageUnit'), input), h('button', { type: 'submit', class: 'primary' }, t('triagePlace')));
    const why = reasonText(item.whyCode, item.why);
    return h('article', { class: 'case-card', 'data-id': item.case.id },
      h('h3', {}, item.case.title),
      h('p', {}, item.case.description),
      why ? h('p', { class: 'muted small why' }, `${t('triageWhy')}: ${why}`) : null,
      item.case.allowedActions?.includes('place-triage') ? form : null);
  }

  return { element, load };
}
