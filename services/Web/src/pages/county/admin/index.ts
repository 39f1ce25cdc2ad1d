// 系统设置: the settings that were API-only (#17 item 3) as sections of the county page — routing policy with
// its preview, the working calendar's year view, notice rules and deliveries, Open311 clients, the reports' repeat-place
// threshold (#15), units and staff. The county
// administrator changes them (change-settings); county supervisors read them (read-settings); nobody else
// gets the tab (docs/permissions.md).
import type { Catalogue } from '../../../api/incidents';
import { directoryRights } from '../../../components/directory/rights';
import { t as directoryText } from '../../../components/directory/text';
import { unitsAndStaff } from '../../../components/directory/unitsStaff';
import { tabs } from '../../../components/tabs';
import { h } from '../../../dom';
import type { Session } from '../../../session';
import { calendarYearView } from './calendarYear';
import { noticeDeliveries } from './noticeDeliveries';
import { noticeRules } from './noticeRules';
import { open311Clients } from './open311Clients';
import { policyEditor } from './policyEditor';
import { reportSettings } from './reportSettings';
import { t } from './text';
import './settings.css';

/** Whether the caller reads the county's settings at all (the permission model's read-settings). */
export const readsSettings = (user: Session): boolean => user.role === 'county-administrator' || user.role === 'county-supervisor';

export function settingsPanel(user: Session, catalogue: Catalogue): { element: HTMLElement; label: string; load(): void } {
  const ctx = { catalogue, canChange: user.role === 'county-administrator' };
  const sections = {
    policy: [policyEditor(ctx)],
    calendar: [calendarYearView(ctx)],
    notices: [noticeRules(ctx), noticeDeliveries(ctx)],
    open311: [open311Clients(ctx)],
    reports: [reportSettings(ctx)],
    directory: [unitsAndStaff(directoryRights(user))],
  };
  const loaded = new Set<string>();
  const show = (key: string): void => {
    if (loaded.has(key)) return;
    loaded.add(key);
    for (const section of sections[key as keyof typeof sections] ?? []) void section.load();
  };
  let started = false;
  const views = tabs([
    { key: 'policy', label: t('policyTab'), panel: h('div', {}, sections.policy.map((s) => s.element)) },
    { key: 'calendar', label: t('calendarTab'), panel: h('div', {}, sections.calendar.map((s) => s.element)) },
    { key: 'notices', label: t('noticesTab'), panel: h('div', {}, sections.notices.map((s) => s.element)) },
    { key: 'open311', label: t('open311Tab'), panel: h('div', {}, sections.open311.map((s) => s.element)) },
    { key: 'reports', label: t('reportsTab'), panel: h('div', {}, sections.reports.map((s) => s.element)) },
    { key: 'directory', label: directoryText('tab'), panel: h('div', {}, sections.directory.map((s) => s.element)) },
  ], 'policy', (key) => { if (started) show(key); });
  started = true;
  return {
    element: h('div', { class: 'settings', 'data-settings-panel': '' }, views.element),
    label: t('settingsTab'),
    // The first section loads when the tab is first opened (the dashboard does not wait for it).
    load: () => show(views.element.querySelector<HTMLElement>('[role=tab][aria-selected=true]')?.dataset.tab ?? 'policy'),
  };
}
