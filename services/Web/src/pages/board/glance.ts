// The township at a glance, at the top of the wall board: its places' open and overdue cases on every tier
// and today's filed and closed (the dashboard's read model, the figures the county page shows for it), the
// board's own red and yellow cards (its queue), and a small map of the open cases, each a dot coloured by its
// card or status. The map draws only what the case list gives (WGS-84 points on the units' outlines); a case
// filed without a location is counted beside it, not placed.
import type { QueueItem, Warning } from '../../api/dispatch';
import { dashboard, searchIncidents, type Incident, type TierCounts } from '../../api/incidents';
import { geoMap, mapBox } from '../../components/map/geoMap';
import { shapesBelow, type Outline } from '../../components/unitShapes';
import { clear, errorText, formatDate, h } from '../../dom';
import { t } from './text';

export interface Glance { element: HTMLElement; load(board: QueueItem[]): Promise<void>; stop(): void }

/** The most open cases the map reads at once (the case list's limit). */
const mostOnMap = 1000;

type Mark = 'red' | 'yellow' | 'waiting' | 'working' | 'resolved';
// The same colours as the legend's swatches (styles.css, .glance-legend).
const colours: Record<Mark, string> = { red: '#b91c1c', yellow: '#eab308', waiting: '#6b7280', working: '#2563eb', resolved: '#15803d' };
const markText: Record<Mark, Parameters<typeof t>[0]> = {
  red: 'markRed', yellow: 'markYellow', waiting: 'markWaiting', working: 'markWorking', resolved: 'markResolved',
};

/** A case's dot: red and yellow as the cards (its own overdue flag, or the board's card), else where it stands. */
function markOf(i: Incident, cards: Map<string, Warning | null>): Mark {
  const card = cards.get(i.id);
  if (i.overdue || card === 'red') return 'red';
  if (card === 'yellow') return 'yellow';
  if (i.status === 'resolved' || i.status === 'verified') return 'resolved';
  if (i.status === 'accepted' || i.status === 'reopened') return 'working';
  return 'waiting';
}

const total = (c: TierCounts) => c.courtyard + c.village + c.township + c.county;

export function glance(unitCode: string, unitName: string): Glance {
  const figures = h('div', { class: 'glance-figures' });
  const note = h('p', { class: 'muted small', 'data-glance-note': '' });
  const legend = h('ul', { class: 'glance-legend' });
  const box = mapBox('chart glance-map', t('glanceMap'));
  const element = h('section', { class: 'glance', 'aria-labelledby': 'glance-h' },
    h('h2', { id: 'glance-h', class: 'sr-only' }, t('glance')),
    figures,
    h('div', { class: 'glance-place' }, h('h3', {}, t('glanceMap')), box, legend, note));
  const map = geoMap(box);
  let shapes: Promise<Outline[]> | null = null;

  const figure = (key: string, label: string, value: number, tone = '') =>
    h('div', { class: `figure ${tone}`, 'data-glance': key }, h('div', { class: 'value' }, String(value)), h('div', { class: 'label' }, label));

  async function load(board: QueueItem[]): Promise<void> {
    // Today in China time, the dashboard's day; kept on the element so a reader (or a test) knows which day it is.
    const day = formatDate(new Date());
    try {
      const [summary, open] = await Promise.all([
        dashboard.summary({ unitCode, from: day, to: day }),
        searchIncidents({ unitCode, open: 'true' }, mostOnMap, 0),
      ]);
      const reds = board.filter((q) => q.warning === 'red').length, yellows = board.filter((q) => q.warning === 'yellow').length;
      figures.dataset.day = day;
      clear(figures,
        figure('open', t('glanceOpen'), total(summary.open)),
        figure('overdue', t('glanceOverdue'), total(summary.overdue), total(summary.overdue) ? 'late' : ''),
        figure('red', t('glanceRed'), reds, 'red'),
        figure('yellow', t('glanceYellow'), yellows, 'yellow'),
        figure('filed', t('glanceFiled'), summary.filed),
        figure('closed', t('glanceClosed'), summary.closed));
      await drawMap(open, new Map(board.map((q) => [q.incidentId, q.warning])));
    } catch (e) {
      clear(figures, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  async function drawMap(open: Incident[], cards: Map<string, Warning | null>): Promise<void> {
    shapes ??= shapesBelow(unitCode);
    const located = open.filter((i) => i.location !== null);
    const marks = located.map((i) => ({ i, mark: markOf(i, cards) }));
    box.dataset.points = String(located.length);
    box.setAttribute('aria-label', t('glanceMapLabel', { unit: unitName, n: located.length }));
    note.textContent = t('glanceMapNote', { n: located.length, m: open.length - located.length });
    clear(legend, (Object.keys(colours) as Mark[]).map((m) => h('li', { 'data-mark': m },
      h('span', { class: `swatch ${m}` }), ` ${t(markText[m])} ${marks.filter((x) => x.mark === m).length}`)));
    const outlines = await shapes;
    const drawn = (await map).draw({
      areas: outlines.map(({ feature, name }) => ({ feature, fill: '#f3f4f6', fillOpacity: 0.5, tip: h('div', { class: 'chart-tip' }, name) })),
      // A case's title is text someone typed: the tooltip is a DOM element with a text node, never HTML.
      spots: marks.map(({ i, mark }) => ({ at: [i.location!.lng, i.location!.lat], color: colours[mark], tip: h('div', { class: 'chart-tip' }, i.title),
        data: { case: i.id, mark } })),
    });
    if (outlines.length === 0 || !drawn) note.textContent = `${t('glanceNoShapes')} · ${note.textContent}`;
  }

  return { element, load, stop: () => void map.then((m) => m.dispose()) };
}
