// A department's work page (吹哨报到): the cases it was called in on — 报到, feedback on its part
// against its own deadline, and, as lead department, 签收 and 办结 — with what else is its to do.
import { departmentQueue, type DepartmentPart } from '../../api/dispatch';
import { departments, staffMember } from '../../api/grids';
import { loadCatalogue } from '../../api/incidents';
import { workPage } from '../../components/work/workPage';
import { clear, h } from '../../dom';
import { dictionary, named } from '../../i18n';
import type { Page } from '../../page';
import { partLine } from './part';

const t = dictionary({
  title: ['部门工作台', 'Department work page'],
  work: ['本部门待办', "Our department's work"],
  noDepartment: ['此账号未关联部门，请联系系统管理员。', 'This account belongs to no department: ask the administrator.'],
});

export const page: Page = {
  title: () => t('title'),
  async render(main, user) {
    const departmentId = user.departmentId ?? (await staffMember(user.id).catch(() => null))?.departmentId ?? null;
    if (!departmentId) {
      clear(main, h('h1', {}, t('title')), h('p', { role: 'alert' }, t('noDepartment')));
      return;
    }
    const department = (await departments().catch(() => [])).find((d) => d.id === departmentId);
    let parts = new Map<string, DepartmentPart>();
    return workPage({
      main,
      title: `${department ? named(department) : departmentId} · ${t('title')}`,
      subtitle: user.name,
      heading: t('work'),
      ctx: { user, catalogue: await loadCatalogue(), department: { id: departmentId, part: (id) => parts.get(id) } },
      // The department's own deadlines and check-ins; a Host without the department inbox still shows the work list.
      before: async () => {
        parts = new Map((await departmentQueue(departmentId).catch(() => [])).map((p) => [p.incidentId, p]));
      },
      options: { card: (i) => ({ extra: partLine(parts.get(i.id)) }) },
    });
  },
};
