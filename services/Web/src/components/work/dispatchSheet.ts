// 交办单: a case's dispatch sheet, printed on A4 from the case's details (the print stylesheet shows the sheet
// alone). Everything people typed is set as text; photos come as the gallery shows them.
import { unitName } from '../../api/grids';
import type { Catalogue, Incident } from '../../api/incidents';
import { h } from '../../dom';
import { currentLang, dictionary } from '../../i18n';
import { photoGallery } from '../../photos';
import { timelineList } from '../../timeline';
import { categoryName, gradeText, statusName, tierName } from '../caseText';

const t = dictionary({
  sheet: ['交办单', 'Dispatch sheet'],
  print: ['打印交办单', 'Print dispatch sheet'],
  number: ['案件编号', 'Case number'],
  caseTitle: ['事件标题', 'Title'],
  description: ['事件描述', 'Description'],
  place: ['发生地点', 'Place'],
  category: ['事件类型', 'Category'],
  grade: ['事件等级', 'Grade'],
  status: ['状态', 'Status'],
  holder: ['承办单位', 'Holder'],
  deadline: ['办理期限', 'Deadline'],
  filedAt: ['上报时间', 'Filed'],
  photos: ['现场照片', 'Photos'],
  timeline: ['办理过程', 'Timeline'],
  printedAt: ['打印时间', 'Printed'],
  sign: ['承办人签字：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿', 'Received by: ______    Date: ______'],
});

export const printLabel = (): string => t('print');

/** A date and time in full, China time, for a form that leaves the screen. */
function fullTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(currentLang(), {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
}

/** Lays the sheet into the page (outside the dialog) and prints it; removed once printing is done. */
export async function printDispatchSheet(catalogue: Catalogue, i: Incident): Promise<HTMLElement> {
  document.querySelector('.dispatch-sheet')?.remove();
  const gallery = photoGallery(i.id, i.photos ?? []);
  const row = (label: string, value: string): HTMLElement[] => [h('th', { scope: 'row' }, label), h('td', {}, value)];
  const holder = i.tier ? `${tierName(i.tier)} · ${i.handlingUnitCode ? await unitName(i.handlingUnitCode) : '—'}` : '—';
  const sheet = h('section', { class: 'dispatch-sheet', 'aria-label': t('sheet') },
    h('h1', {}, t('sheet')),
    h('table', { class: 'sheet-facts' }, h('tbody', {},
      h('tr', {}, ...row(t('number'), i.id)),
      h('tr', {}, ...row(t('caseTitle'), i.title)),
      h('tr', {}, ...row(t('place'), await unitName(i.unitCode))),
      h('tr', {}, ...row(t('category'), categoryName(catalogue, i.category)), ...row(t('grade'), gradeText(catalogue, i.grade))),
      h('tr', {}, ...row(t('holder'), holder), ...row(t('deadline'), fullTime(i.dueAt))),
      h('tr', {}, ...row(t('status'), statusName(i.status)), ...row(t('filedAt'), fullTime(i.filedAt))),
      h('tr', {}, h('th', { scope: 'row' }, t('description')), h('td', { colspan: 3, class: 'sheet-description' }, i.description)))),
    h('h2', {}, t('photos')), gallery.element,
    h('h2', {}, t('timeline')), timelineList(i.timeline ?? [], { tiers: true }),
    h('p', { class: 'sheet-sign' }, t('sign')),
    h('p', { class: 'muted small' }, `${t('printedAt')}：${fullTime(new Date().toISOString())}`));
  document.body.append(sheet);
  document.body.classList.add('printing-sheet');
  window.addEventListener('afterprint', () => {
    sheet.remove();
    gallery.dispose();
    document.body.classList.remove('printing-sheet');
  }, { once: true });
  await imagesReady(sheet, 5000);
  window.print();
  return sheet;
}

/** Photos arrive as blobs after the sheet is laid: print once each has loaded or failed, or after at most `ms`. */
async function imagesReady(root: HTMLElement, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  const loaded = (): boolean => [...root.querySelectorAll('img')].every((img) => img.getAttribute('src') && img.complete);
  while (!loaded() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}
