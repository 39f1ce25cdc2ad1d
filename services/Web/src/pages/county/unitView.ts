// A county, township or village on the dashboard: headline figures, open and overdue by tier,
// escalations by reason (and by township, for the county), the map of units below, their figures,
// filed vs closed, and the unit's own cases. The charts are made once and kept while figures refresh. Each panel
// of figures ends in its view's export (XLSX, CSV) for the unit and period shown.
import { boundary, children, type Feature, type Unit } from '../../api/grids';
import { dashboard, searchIncidents, type Period } from '../../api/incidents';
import { chartIn, type Chart } from '../../charts';
import { geoMap, mapBox, type GeoMap } from '../../components/map/geoMap';
import { clear, h } from '../../dom';
import { renderCases } from './cases';
import { renderBars, renderTrend } from './charts';
import type { CountyContext } from './context';
import { renderChildren, renderHeadline, renderInHand, renderTiers } from './figures';
import { durationsPanel, t as durationsText } from './durations';
import { renderExports, renderRankings, renderRepeatPlaces, t as reportsText } from './reports';
import { reasonName, t } from './text';
import { renderUnitMap, statusKey } from './unitMap';
import { viewExports } from './viewExports';

export interface UnitView {
  /** Shows the unit; `full` rebuilds the layout (a different unit), otherwise only the figures change. */
  show(here: Unit, full: boolean): Promise<void>;
  /** Releases the charts. */
  dispose(): void;
}

/** The newest cases of the period drawn as points (the list's largest page). */
const mapCases = 1000;

export function unitView(ctx: CountyContext, content: HTMLElement): UnitView {
  const slots = {
    headline: h('section', { class: 'headline', 'aria-label': t('headline') }),
    tiers: h('section', { class: 'card' }),
    reason: h('div', { class: 'chart', role: 'img', 'aria-label': t('byReason') }),
    township: h('div', { class: 'chart', role: 'img', 'aria-label': t('byTownship') }),
    trend: h('div', { class: 'chart wide', role: 'img', 'aria-label': t('trend') }),
    map: mapBox('chart map', t('map')),
    mapNote: h('p', { class: 'muted small', 'data-map-note': '' }),
    children: h('section', { class: 'card span3', 'data-section': 'children' }),
    cases: h('section', { class: 'card span3' }),
    rankings: h('section', { class: 'card span2', 'data-section': 'rankings' }),
    repeat: h('section', { class: 'card', 'data-section': 'repeat-places' }),
    inHand: h('section', { class: 'card', 'data-section': 'in-hand' }),
    exports: h('section', { class: 'card span3', 'data-section': 'exports' }),
  };
  // Each panel's export of the view it shows. The township chart and the map show parts of views another panel
  // exports too (escalations by township; the units below), so they offer the same files.
  const files = {
    summary: viewExports('summary', t('exportSummary')),
    reason: viewExports('escalations', t('byReason')),
    township: viewExports('escalations', t('byTownship')),
    map: viewExports('children', t('map')),
    inHand: viewExports('in-hand', t('inHandFigures')),
    children: viewExports('children', t('childrenTitle')),
    trend: viewExports('trend', t('trend')),
    durations: viewExports('durations', durationsText('durations')),
    rankings: viewExports('rankings', reportsText('rankings')),
    repeat: viewExports('repeat-places', reportsText('repeat')),
  };
  let charts: { reason: Chart; township: Chart; trend: Chart; map: Promise<GeoMap>; durations: ReturnType<typeof durationsPanel> } | null = null;
  const disposers: (() => void)[] = [];

  // Three columns on a desktop or wall screen, every row full: the county has its townships' chart beside
  // the reasons, a township or village lets the reasons take that place; the units below take a whole row,
  // since their table has seven columns and their names must read on one line.
  function layout(here: Unit): void {
    const county = here.level === 'county';
    // 办理时效: two distributions side by side take a whole row (below 1100 px, one above the other).
    const durations = durationsPanel(files.durations.element);
    clear(content,
      slots.headline,
      h('div', { class: 'dash-grid' },
        slots.tiers,
        h('section', { class: county ? 'card' : 'card span2', 'data-section': 'by-reason' }, h('h2', {}, t('byReason')), slots.reason,
          files.reason.element),
        county ? h('section', { class: 'card', 'data-section': 'by-township' }, h('h2', {}, t('byTownship')),
          h('p', { class: 'muted small' }, t('byTownshipHint')), slots.township, files.township.element) : null,
        h('section', { class: 'card span2', 'data-section': 'map' }, h('h2', {}, t('map')), h('p', { class: 'muted small' }, t('mapHint')),
          slots.map, slots.mapNote, statusKey(), files.map.element),
        slots.inHand,
        slots.children,
        h('section', { class: 'card span3', 'data-section': 'trend' }, h('h2', {}, t('trend')), slots.trend, files.trend.element),
        durations.element, slots.rankings, slots.repeat, slots.exports,
        slots.cases));
    const made = [slots.reason, slots.township, slots.trend].map((el) => chartIn(el));
    made.forEach(([, dispose]) => disposers.push(dispose));
    const map = geoMap(slots.map);
    disposers.push(() => void map.then((m) => m.dispose()), durations.dispose);
    charts = { reason: made[0][0], township: made[1][0], trend: made[2][0], map, durations };
  }

  async function show(here: Unit, full: boolean): Promise<void> {
    // The unit shown, not whatever the state says by now (a click may have moved on while this was on its way).
    const period = { ...ctx.state, unitCode: here.code };
    const [summary, trend, escalations, kids, units, durations, rankings, repeat, inHand, located] = await Promise.all([
      dashboard.summary(period), dashboard.trend(period), dashboard.escalations(period), dashboard.children(period), children(here.code),
      dashboard.durations(period), dashboard.rankings(period), dashboard.repeatPlaces(period), dashboard.inHand(period),
      searchIncidents({ unitCode: here.code, from: period.from, to: period.to }, mapCases, 0).catch(() => []),
    ]);
    if (full || !charts) layout(here);
    const c = charts!;
    renderHeadline(slots.headline, summary);
    renderTiers(slots.tiers, summary);
    renderBars(c.reason, escalations.byReason.map((r) => [reasonName(r.reason), r.count]));
    renderBars(c.township, escalations.byTownship.map((r) => [r.name ?? r.unitCode, r.count]));
    renderTrend(c.trend, trend);
    const shapes = (await Promise.all(units.map((u) => boundary(u.code)))).filter((f): f is Feature => f !== null);
    renderUnitMap(await c.map, slots.mapNote, shapes, units, kids, located, (code) => void ctx.drill(code));
    renderChildren(slots.children, units, kids, (code) => void ctx.drill(code));
    c.durations.show(durations);
    renderRankings(slots.rankings, rankings);
    renderRepeatPlaces(slots.repeat, repeat, ctx.catalogue);
    renderInHand(slots.inHand, inHand);
    renderExports(slots.exports, period, here);
    showFiles(period);
    await renderCases(ctx, slots.cases, here);
  }

  /** Points every panel's export at the period, and puts the buttons back at the end of the panels a render cleared. */
  function showFiles(period: Period): void {
    Object.values(files).forEach((f) => f.show(period));
    slots.tiers.append(files.summary.element);
    slots.children.append(files.children.element);
    slots.inHand.append(files.inHand.element);
    slots.rankings.append(files.rankings.element);
    slots.repeat.append(files.repeat.element);
  }

  return {
    show,
    dispose() {
      disposers.splice(0).forEach((d) => d());
      charts = null;
    },
  };
}
