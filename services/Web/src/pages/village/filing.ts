// 上报 at the village: village handlers and a grid head at the village are field roles (they may file),
// so the village page carries the grid worker's filing form, over the village's grids and courtyards.
import { children, type Unit } from '../../api/grids';
import type { Catalogue } from '../../api/incidents';
import { h } from '../../dom';
import { dictionary } from '../../i18n';
import type { Session } from '../../session';
import { fileForm } from '../worker/fileForm';

const t = dictionary({
  fileTitle: ['上报事件', 'File a case'],
  wholeGrid: ['{grid}（整个网格）', '{grid} (whole grid)'],
});

/** The roles at a village that file cases (the permission model's field roles there). */
const filers = new Set(['village-handler', 'grid-head']);

/** The filing card for a field role at the village; null for the others (mediators work cases, they do not file). */
export async function villageFiling(user: Session, catalogue: Catalogue, village: Unit | null): Promise<((reload: () => void) => HTMLElement) | null> {
  if (!village || !filers.has(user.role)) return null;
  const grids = await children(village.code, 'grid');
  const courtyards = await Promise.all(grids.map((g) => children(g.code, 'courtyard')));
  // A case is filed at a grid or a courtyard (the API refuses a village): where it happened decides who handles it.
  const places: { value: string; label: string }[] = [];
  grids.forEach((g, n) => places.push({ value: g.code, label: t('wholeGrid', { grid: g.name }) },
    ...courtyards[n].map((c) => ({ value: c.code, label: `${g.name} · ${c.name}` }))));
  const ctx = { user, catalogue, places, defaultPlace: places[0]?.value ?? '', courtyards: courtyards.flat() };
  return (reload) => h('section', { class: 'card', 'aria-labelledby': 'file-h' }, h('h2', { id: 'file-h' }, t('fileTitle')),
    fileForm(ctx, reload));
}
