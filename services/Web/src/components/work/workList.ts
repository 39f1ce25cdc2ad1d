// "What is mine to do now" (GET /incidents/work): the caller's cases by what he may do to them —
// 待签收, 办理中, 待核查, requests from below, a department's parts, overdue cases below — overdue first.
import { workList as readWork, type Incident, type WorkBucket, type WorkItem } from '../../api/incidents';
import { clear, errorText, h } from '../../dom';
import { caseCard, type CardOptions } from './caseCard';
import type { ActionContext } from './context';
import { t } from './text';

const bucketOrder: WorkBucket[] = ['to-accept', 'in-progress', 'department-parts', 'to-verify', 'move-up-requests', 'overdue-below'];

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
  /** Told after every reading (a tab's count). */
  loaded?(items: WorkItem[]): void;
}

export function workList(ctx: ActionContext, options: WorkListOptions = {}): WorkList {
  const element = h('div', { class: 'work', 'aria-live': 'polite' });
  let items: WorkItem[] = [];

  async function load(): Promise<void> {
    try {
      items = await readWork();
      options.loaded?.(items);
      if (items.length === 0) { clear(element, h('p', { class: 'muted' }, t('workEmpty'))); return; }
      const sections = await Promise.all(bucketOrder.map(async (bucket) => {
        const inBucket = items.filter((i) => i.bucket === bucket);
        if (inBucket.length === 0) return null;
        const id = `bucket-${bucket}`;
        return h('section', { class: 'bucket', 'data-bucket': bucket, 'aria-labelledby': id },
          h('h3', { id }, t('bucketHeading', { name: t(`bucket_${bucket.replaceAll('-', '_')}` as 'bucket_to_accept'), n: inBucket.length })),
          h('div', { class: 'list' }, await Promise.all(inBucket.map((w) => caseCard(ctx, w.case, options.card?.(w.case))))));
      }));
      clear(element, sections);
    } catch (e) {
      clear(element, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  return { element, load, cases: () => items.map((i) => i.case) };
}
