// Each dashboard panel's figures as a file (issue #15 item 1): XLSX and CSV of the view the panel shows, for the unit
// and period the page shows, from GET /incidents/dashboard/{view}/export (services/Incidents/Dashboard/
// DashboardExportsApi.cs; 包案 from /incidents/dashboard/in-hand/export). The file holds the view's JSON figures.
import type { Period } from '../../api/incidents';
import { exportButton } from '../../components/exports';
import { clear, h } from '../../dom';
import { dictionary } from '../../i18n';

const t = dictionary({
  export: ['导出', 'Export'],
  exportOf: ['导出：{what}', 'Export: {what}'],
});

/** The dashboard's views that have a file. */
export type DashboardView = 'summary' | 'trend' | 'escalations' | 'children' | 'durations' | 'rankings' | 'repeat-places' | 'in-hand';

const formats = ['xlsx', 'csv'] as const;

/** The name the API gives the view's file (dashboard-{view}-{unit}-{from}-{to}), so a saved file reads the same
 * whether the browser takes the page's name or the server's. */
export function viewFileName(view: DashboardView, period: Period, format: (typeof formats)[number]): string {
  const day = (d: string) => d.replaceAll('-', '');
  return `dashboard-${view}-${period.unitCode}-${day(period.from)}-${day(period.to)}.${format}`;
}

/** A panel's XLSX and CSV buttons, named as a group after what the panel shows; `show` points them at a period
 * (the buttons are made again, so each names its file). */
export function viewExports(view: DashboardView, what: string): { element: HTMLElement; show(period: Period): void } {
  const element = h('div', { class: 'view-exports', role: 'group', 'aria-label': t('exportOf', { what }), 'data-view': view });
  return {
    element,
    show(period) {
      const status = h('p', { class: 'small', 'aria-live': 'polite' });
      const params = { unitCode: period.unitCode, from: period.from, to: period.to };
      clear(element, h('span', { class: 'muted small', 'aria-hidden': 'true' }, t('export')),
        formats.map((format) => exportButton(format.toUpperCase(), `/incidents/dashboard/${view}/export`, { ...params, format },
          viewFileName(view, period, format), status)),
        status);
    },
  };
}
