// The village's (村/社区) work page — villages are not command centres: what is the village's to do
// now (签收, 办结, 反馈, 提请上级, 调解 …), requests from the grids below, and their overdue cases to
// urge or supervise, and (for the field roles) filing a case. Village handlers, mediators and a grid
// head at the village work here.
import { unit } from '../../api/grids';
import { loadCatalogue } from '../../api/incidents';
import { unitAssessmentSection } from '../../components/assessment/unitSection';
import { workPage } from '../../components/work/workPage';
import { dictionary } from '../../i18n';
import type { Page } from '../../page';
import { roleName } from '../../roles';
import { villageFiling } from './filing';

const t = dictionary({
  title: ['村（社区）工作台', 'Village work page'],
  work: ['我的待办', 'Mine to do'],
  live: ['实时', 'Live'],
  offline: ['连接中断，正在重连…', 'Disconnected, reconnecting…'],
  connecting: ['连接中…', 'Connecting…'],
});

export const page: Page = {
  title: () => t('title'),
  async render(main, user, params) {
    const code = params.get('unit') ?? user.unitCode;
    const village = await unit(code);
    const catalogue = await loadCatalogue();
    const filing = await villageFiling(user, catalogue, village);
    const stop = await workPage({
      main,
      title: `${village?.name ?? code} · ${t('title')}`,
      subtitle: `${user.name} · ${roleName(user.role)}`,
      heading: t('work'),
      ctx: { user, catalogue },
      beforeList: filing ?? undefined,
      streamUnit: code,
      liveWords: { live: t('live'), offline: t('offline'), connecting: t('connecting') },
    });
    // 考核: the month's scores of the grids and people below the village (docs/assessment.md).
    const assessment = unitAssessmentSection(code);
    main.append(assessment.element);
    await assessment.load();
    return () => { assessment.stop(); stop(); };
  },
};
