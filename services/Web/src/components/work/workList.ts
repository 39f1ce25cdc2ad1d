// "What is mine to do now" (GET /incidents/work): the caller's cases by what he may do to them —
// 待签收, 办理中, 待核查, requests from below, a department's parts, overdue cases below — overdue first.
// Each bucket comes a page at a time with its total: "还有 N 件" loads the next page, and a reading
// again keeps as many as were shown. With `filters`, a filter bar above narrows every bucket and exports
// the list shown (workFilters.ts).
import { workList as readWork, type Incident, type WorkBucket, type WorkPage } from '../../api/incidents';
import { clear, errorText, h } from '../../dom';
import { common } from '../../i18n';
import { followOn, moreButton } from '../moreButton';
import { caseCard, type CardOptions } from './caseCard';
import type { ActionContext } from './context';
import { t } from './text';
import { workFilters, type FilterOptions, type WorkFilters } from './workFilters';

const bucketOrder: WorkBucket[] = ['to-accept', 'in-progress', 'department-parts', 'to-verify', 'move-up-requests', 'overdue-below'];
/** Cases per bucket and page. */
const pageSize = 50;
/** The most one reading asks of a bucket (the API's limit). */
const mostPerReading = 500;

export interface WorkList {
  element: HTMLElement;
  /** Reads the list again and draws it. */
  load(): Promise<void>;
  /** The cases last read. */
  cases(): Incident[];
}

export interface WorkListOptions {
  /** More for one card (a department's own deadline). */
  card?(i: Incident): CardOptions;
  /** Told after every reading how many cases the buckets hold together (a tab's count). */
  loaded?(total: number): void;
  /** A filter bar above the buckets; `placesUnder`: the unit whose places below it offers. */
  filters?: FilterOptions;
}

export function workList(ctx: ActionContext, options: WorkListOptions = {}): WorkList {
  // "Loading" until the first reading is drawn: on a slow phone an empty space would read as "nothing to do".
  const body = h('div', { class: 'work', 'aria-live': 'polite' }, h('p', { class: 'muted' }, common('loading')));
  const element = h('div', { class: 'work-list' }, body);
  let pages = new Map<WorkBucket, WorkPage>();
  let bar: WorkFilters | null = null;
  const filter = () => bar?.value() ?? {};

  /** The first page of each bucket, and of a bucket where more were shown, as many again. */
  async function read(): Promise<Map<WorkBucket, WorkPage>> {
    const read = new Map((await readWork(pageSize, undefined, undefined, filter())).map((p) => [p.bucket, p]));
    await Promise.all([...read.values()].map(async (p) => {
      const shown = pages.get(p.bucket)?.items.length ?? 0;
      if (shown <= p.items.length || p.items.length >= p.total) return;
      const [again] = await readWork(Math.min(shown, mostPerReading), p.bucket, undefined, filter());
      if (again) read.set(p.bucket, again);
    }));
    return read;
  }

  async function more(bucket: WorkBucket): Promise<void> {
    const page = pages.get(bucket);
    if (!page) return;
    const [next] = await readWork(pageSize, bucket, page.items.length, filter());
    if (next) pages.set(bucket, { ...next, offset: 0, items: followOn(page.items, next.items, (i) => i.id) });
    await draw();
  }

  async function section(page: WorkPage): Promise<HTMLElement> {
    const id = `bucket-${page.bucket}`;
    const button = moreButton(page.total - page.items.length, () => more(page.bucket));
    return h('section', { class: 'bucket', 'data-bucket': page.bucket, 'aria-labelledby': id },
      h('h3', { id }, t('bucketHeading', { name: t(`bucket_${page.bucket.replaceAll('-', '_')}` as 'bucket_to_accept'), n: page.total })),
      h('div', { class: 'list' }, await Promise.all(page.items.map((i) => caseCard(ctx, i, options.card?.(i))))),
      button);
  }

  async function draw(): Promise<void> {
    const shown = bucketOrder.map((b) => pages.get(b)).filter((p): p is WorkPage => !!p && p.total > 0);
    const empty = Object.keys(filter()).length > 0 ? t('filterNone') : t('workEmpty');
    if (shown.length === 0) { clear(body, h('p', { class: 'muted' }, empty)); return; }
    clear(body, await Promise.all(shown.map(section)));
  }

  async function load(): Promise<void> {
    try {
      if (options.filters && !bar) {
        // Other filters: the pages shown so far are of the old ones, so the list starts again at its first pages.
        bar = await workFilters(ctx.catalogue, () => { pages = new Map(); void load(); }, options.filters);
        element.prepend(bar.element);
      }
      pages = await read();
      options.loaded?.([...pages.values()].reduce((n, p) => n + p.total, 0));
      await draw();
    } catch (e) {
      clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  return { element, load, cases: () => [...pages.values()].flatMap((p) => p.items) };
}
