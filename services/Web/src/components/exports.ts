// What every page that hands out a file shares (issue #15): a button that fetches an export with the caller's
// identity and gives it to the browser to save, and a case list's unitCode for "the cases under a unit".
import { exportFile } from '../api/incidents';
import type { Unit } from '../api/grids';
import { errorText, h } from '../dom';
import { dictionary } from '../i18n';

const t = dictionary({
  failed: ['导出失败：{e}', 'Export failed: {e}'],
});

/** A button that fetches a file with the caller's identity and hands it to the browser to save; a failure is
 * written into status. `params` is read when pressed, so a button follows filters changed after it was drawn. */
export function exportButton(label: string, path: string, params: Record<string, string> | (() => Record<string, string>), name: string,
  status: HTMLElement): HTMLButtonElement {
  return h('button', { type: 'button', 'data-export': name, onclick: async () => {
    try {
      const url = URL.createObjectURL(await exportFile(path, typeof params === 'function' ? params() : params));
      const link = h('a', { href: url, download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.textContent = '';
    } catch (e) {
      status.textContent = t('failed', { e: errorText(e) });
    }
  } }, label);
}

/** A case list's unitCode for the cases under a unit: none at the county, whose cases are all of them (a case
 * records its township, village and grid, not its county, so the county's code matches only what it holds). An
 * empty value is left out of the query (http.ts query). */
export function caseListUnit(here: Pick<Unit, 'code' | 'level'> | null, code: string): string {
  return here?.level === 'county' ? '' : code;
}
