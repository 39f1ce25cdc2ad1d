// Sign-in: until the county's identity provider is connected, a person picks a demo account (one per
// role) and lands on the work page of his role. With many accounts (older hosts list all staff) the
// accounts are in a list to choose from.
import { listAccounts, signIn } from '../auth';
import type { StaffMember } from '../session';
import { dictionary } from '../i18n';
import { announce, clear, errorText, field, h } from '../dom';
import { navigate } from '../navigation';
import type { Page } from '../page';
import { roleName } from '../roles';

const t = dictionary({
  title: ['登录', 'Sign in'],
  intro: ['演示环境：选择一个账号登录，进入该岗位的工作台。正式登录（统一身份认证）上线后此页将改为账号密码登录。',
    'Demo: choose an account to sign in as; you land on that role’s work page. Once real sign-in is in place this page asks for credentials.'],
  account: ['账号', 'Account'],
  signIn: ['登录', 'Sign in'],
  accounts: ['演示账号', 'Demo accounts'],
  role_grid: ['网格', 'Grids'],
  role_courtyard: ['院落', 'Courtyards'],
  role_village: ['村/社区', 'Villages'],
  role_township: ['镇街指挥中心', 'Township command centres'],
  role_department: ['部门', 'Departments'],
  role_county: ['区县', 'County'],
  role_other: ['其他', 'Others'],
  noStaff: ['还没有人员数据：请先启动并初始化系统。', 'No staff yet: start the system and let it seed the demo county.'],
});

type Group = 'role_grid' | 'role_courtyard' | 'role_village' | 'role_township' | 'role_department' | 'role_county' | 'role_other';
const groupOrder: Group[] = ['role_grid', 'role_courtyard', 'role_village', 'role_township', 'role_department', 'role_county', 'role_other'];

function group(role: string): Group {
  if (role.startsWith('grid-worker')) return 'role_grid';
  if (role === 'courtyard-lead') return 'role_courtyard';
  if (role === 'village-handler' || role === 'mediator' || role === 'grid-head') return 'role_village';
  if (role === 'township-dispatcher') return 'role_township';
  if (role === 'department-handler') return 'role_department';
  if (role.startsWith('county-')) return 'role_county';
  return 'role_other';
}

/** Beyond this many accounts, a list to choose from instead of a button each. */
const buttonsUpTo = 60;

export const page: Page = {
  title: () => t('title'),
  async render(main) {
    const staff = await listAccounts();
    const go = async (person: StaffMember) => {
      try {
        await signIn(person);
        // The router knows each role's page (for a grid head, by his unit's level).
        navigate('/');
      } catch (e) {
        announce(errorText(e), 'error');
      }
    };
    const byGroup = groupOrder.map((g) => [g, staff.filter((s) => group(s.role) === g)] as const).filter(([, people]) => people.length > 0);

    const buttons = () => h('section', { 'aria-labelledby': 'accounts-h' }, h('h2', { id: 'accounts-h' }, t('accounts')),
      byGroup.map(([g, people]) => h('div', { class: 'account-group' }, h('h3', {}, t(g)),
        h('ul', { class: 'quick' }, people.map((p) => h('li', {},
          h('button', { type: 'button', class: 'big', 'data-account': p.id, onclick: () => void go(p) },
            h('strong', {}, roleName(p.role)), h('span', {}, `${p.name} · ${p.departmentName ?? p.unitCode}`))))))));

    const picker = () => {
      const select = h('select', { name: 'account', required: true });
      for (const [g, people] of byGroup)
        select.append(h('optgroup', { label: t(g) }, people.map((p) => h('option', { value: p.id }, `${p.name} · ${roleName(p.role)} · ${p.unitCode}`))));
      return h('form', {
        class: 'card',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const person = staff.find((s) => s.id === select.value);
          if (person) void go(person);
        },
      }, field(t('account'), select), h('button', { type: 'submit', class: 'primary' }, t('signIn')));
    };

    clear(main,
      h('h1', {}, t('title')),
      h('p', { class: 'muted' }, t('intro')),
      staff.length === 0 ? h('p', { role: 'alert' }, t('noStaff')) : staff.length <= buttonsUpTo ? buttons() : picker());
  },
};
