// Sign-in: until JWT sign-in (issue #6) exists, a person picks a demo account from the staff list.
import { listAccounts, signIn } from '../auth';
import type { StaffMember } from '../session';
import { dictionary } from '../i18n';
import { announce, clear, errorText, field, h } from '../dom';
import { navigate } from '../navigation';
import type { Page } from '../page';
import { homeOf, roleName } from '../roles';

const t = dictionary({
  title: ['登录', 'Sign in'],
  intro: ['演示环境：选择一个账号登录。正式登录（统一身份认证）上线后此页将改为账号密码登录。',
    'Demo: choose an account to sign in as. Once real sign-in is in place this page asks for credentials.'],
  account: ['账号', 'Account'],
  signIn: ['登录', 'Sign in'],
  quick: ['快速进入', 'Quick start'],
  asWorker: ['网格员', 'Grid worker'],
  asDispatcher: ['镇街指挥中心', 'Township command centre'],
  asCounty: ['区县治理中心', 'County centre'],
  role_grid: ['网格员', 'Grid workers'],
  role_township: ['镇街指挥中心', 'Township command centres'],
  role_county: ['区县', 'County'],
  role_village: ['村/社区', 'Villages'],
  role_department: ['部门', 'Departments'],
  role_courtyard: ['院落长/微网格员', 'Courtyard leads'],
  noStaff: ['还没有人员数据：请先启动并初始化系统。', 'No staff yet: start the system and let it seed the demo county.'],
});

function group(role: string): keyof typeof groupOrder {
  if (role.startsWith('grid-')) return 'role_grid';
  if (role === 'township-dispatcher') return 'role_township';
  if (role.startsWith('county-')) return 'role_county';
  if (role === 'department-handler') return 'role_department';
  if (role === 'courtyard-lead') return 'role_courtyard';
  return 'role_village';
}
const groupOrder = { role_grid: 0, role_township: 1, role_county: 2, role_department: 3, role_village: 4, role_courtyard: 5 };

export const page: Page = {
  title: () => t('title'),
  async render(main) {
    const staff = await listAccounts();
    const go = async (person: StaffMember) => {
      try {
        await signIn(person);
        navigate(homeOf(person.role));
      } catch (e) {
        announce(errorText(e), 'error');
      }
    };

    const picker = h('select', { name: 'account', required: true });
    const groups = new Map<string, StaffMember[]>();
    for (const s of staff) groups.set(group(s.role), [...(groups.get(group(s.role)) ?? []), s]);
    const sorted = [...groups.entries()].sort(([a], [b]) => groupOrder[a as keyof typeof groupOrder] - groupOrder[b as keyof typeof groupOrder]);
    for (const [key, people] of sorted) {
      const og = h('optgroup', { label: t(key as keyof typeof groupOrder) });
      for (const p of people) og.append(h('option', { value: p.id }, `${p.name} · ${roleName(p.role)} · ${p.unitCode}`));
      picker.append(og);
    }

    const first = (pred: (s: StaffMember) => boolean) => staff.find(pred);
    const quick: [string, StaffMember | undefined][] = [
      [t('asWorker'), first((s) => s.role === 'grid-worker-full-time')],
      [t('asDispatcher'), first((s) => s.role === 'township-dispatcher')],
      [t('asCounty'), first((s) => s.role === 'county-supervisor')],
    ];

    const form = h('form', {
      class: 'card',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const person = staff.find((s) => s.id === picker.value);
        if (person) void go(person);
      },
    }, field(t('account'), picker), h('button', { type: 'submit', class: 'primary' }, t('signIn')));

    const quickList = h('ul', { class: 'quick' });
    for (const [label, person] of quick) {
      if (!person) continue;
      quickList.append(h('li', {}, h('button', { type: 'button', class: 'big', 'data-account': person.id, onclick: () => void go(person) },
        h('strong', {}, label), h('span', {}, `${person.name} · ${roleName(person.role)}`))));
    }

    clear(main,
      h('h1', {}, t('title')),
      h('p', { class: 'muted' }, t('intro')),
      staff.length === 0 ? h('p', { role: 'alert' }, t('noStaff')) : null,
      h('section', { 'aria-labelledby': 'quick-h' }, h('h2', { id: 'quick-h' }, t('quick')), quickList),
      form);
  },
};
