// Sign-in. A county's own people sign in with account and password (a one-time password from the
// administrator asks for a new one first); the standalone demo offers one account per role besides, and lands
// each on the work page of his role. With many accounts (older hosts list all staff) the accounts are in a
// list to choose from.
import { chooseNewPassword, listAccounts, signIn, signInWithPassword } from '../auth';
import { signInMethods } from '../api/grids';
import { ApiError } from '../api/http';
import type { StaffMember } from '../session';
import { dictionary } from '../i18n';
import { announce, clear, errorText, field, h } from '../dom';
import { clearFieldErrors, showFieldErrors } from '../components/fieldErrors';
import { navigate } from '../navigation';
import type { Page } from '../page';
import { roleName } from '../roles';

const t = dictionary({
  title: ['登录', 'Sign in'],
  intro: ['演示环境：选择一个账号登录，进入该岗位的工作台。', 'Demo: choose an account to sign in as; you land on that role’s work page.'],
  passwordIntro: ['请输入账号和密码。首次登录或密码被重置后，须先设置自己的新密码。',
    'Enter your account and password. The first time, or after a reset, you choose a password of your own first.'],
  password: ['密码', 'Password'],
  withPassword: ['账号密码登录', 'Sign in with a password'],
  changeTitle: ['设置新密码', 'Choose a new password'],
  changeIntro: ['此密码由管理员重置，仅供首次登录：请设置您自己的新密码。', 'This password was set by an administrator for one sign-in: choose your own.'],
  changeOwn: ['修改密码', 'Change password'],
  currentPassword: ['当前密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  repeatPassword: ['再次输入新密码', 'New password again'],
  passwordRule: ['至少 8 位，含小写字母、大写字母、数字、符号中的 3 种，不含账号。',
    'At least 8 characters, three of: lower case, upper case, digits, symbols; not the account.'],
  mismatch: ['两次输入的新密码不一致', 'The two new passwords differ'],
  saveAndSignIn: ['保存并登录', 'Save and sign in'],
  cancel: ['取消', 'Cancel'],
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

/** The account and password form; a one-time password turns it into the form choosing a new one. */
function passwordForms(): HTMLElement {
  const slot = h('section', { class: 'card signin-password', 'aria-labelledby': 'password-h' });
  const input = (name: string, type: string, autocomplete: string) =>
    h('input', { type, name, 'data-field': name, autocomplete, required: true, maxlength: '128' }) as HTMLInputElement;

  const form = (name: string, fields: HTMLElement[], submitLabel: string, send: (f: HTMLFormElement) => Promise<unknown>, extra: HTMLElement[] = []) => {
    const general = h('div');
    const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
    const f: HTMLFormElement = h('form', {
      'data-form': name,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        clearFieldErrors(f);
        submit.disabled = true;
        try {
          await send(f);
        } catch (err) {
          showFieldErrors(f, err, general);
        } finally {
          submit.disabled = false;
        }
      },
    }, fields, h('div', { class: 'actions' }, submit, ...extra), general);
    return f;
  };

  const signInForm = (account = '') => {
    const accountInput = input('account', 'text', 'username');
    accountInput.value = account;
    const password = input('password', 'password', 'current-password');
    const change = h('button', { type: 'button', class: 'link', onclick: () => show(changeForm(accountInput.value, false)) }, t('changeOwn'));
    return [h('h2', { id: 'password-h' }, t('withPassword')), h('p', { class: 'muted' }, t('passwordIntro')),
      form('sign-in', [field(t('account'), accountInput), field(t('password'), password)], t('signIn'), async () => {
        try {
          await signInWithPassword(accountInput.value.trim(), password.value);
          navigate('/');
        } catch (err) {
          if (err instanceof ApiError && err.problem.code === 'password-change-required') {
            show(changeForm(accountInput.value.trim(), true, password.value));
            return;
          }
          throw err;
        }
      }, [change])];
  };

  // oneTime: the one-time password just typed is the current one, not asked again.
  const changeForm = (account: string, oneTime: boolean, current = '') => {
    const accountInput = input('account', 'text', 'username');
    accountInput.value = account;
    const currentInput = input('currentPassword', 'password', 'current-password');
    const next = input('newPassword', 'password', 'new-password');
    const again = input('repeatPassword', 'password', 'new-password');
    const cancel = h('button', { type: 'button', onclick: () => show(signInForm(accountInput.value)) }, t('cancel'));
    const fields = [oneTime ? null : field(t('account'), accountInput), oneTime ? null : field(t('currentPassword'), currentInput),
      field(t('newPassword'), next, t('passwordRule')), field(t('repeatPassword'), again)].filter((f): f is HTMLElement => f !== null);
    return [h('h2', { id: 'password-h' }, t('changeTitle')), oneTime ? h('p', { role: 'status' }, t('changeIntro')) : null,
      form('change-password', fields, t('saveAndSignIn'), async () => {
        if (next.value !== again.value) throw new ApiError(t('mismatch'), 400, { repeatPassword: [t('mismatch')] });
        await chooseNewPassword(accountInput.value.trim(), oneTime ? current : currentInput.value, next.value);
        navigate('/');
      }, [cancel])];
  };

  const show = (content: (HTMLElement | null)[]) => {
    clear(slot, ...content);
    Array.from(slot.querySelectorAll('input')).find((i) => !i.value)?.focus();
  };
  show(signInForm());
  return slot;
}

export const page: Page = {
  title: () => t('title'),
  async render(main) {
    const methods = await signInMethods();
    // A Host with only passwords lists no accounts; one without a sign-in of its own (X-User) lists its staff.
    const staff = methods && !methods.demoAccounts ? [] : await listAccounts();
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

    const demo = !methods || methods.demoAccounts;
    clear(main,
      h('h1', {}, t('title')),
      demo ? h('p', { class: 'muted' }, t('intro')) : null,
      !demo ? null : staff.length === 0 ? h('p', { role: 'alert' }, t('noStaff')) : staff.length <= buttonsUpTo ? buttons() : picker(),
      // In the demo, below the demo accounts (none of which has a password until an administrator sets one).
      methods?.password ? passwordForms() : null);
  },
};
