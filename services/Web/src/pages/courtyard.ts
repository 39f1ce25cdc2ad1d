// 院落二维码: the small mobile page a resident reaches by scanning his courtyard's code, without signing in. He
// picks what kind of problem it is, describes it, may add a photo, and confirms his phone with the code texted
// to it; then he keeps the status link (/my-case), which shows the status and public steps of his case only.
// Everything shown is set as text, never as HTML.
import { addCasePhoto, fileCase, readCase, readCourtyard, sendCode, type CourtyardPage } from '../api/resident';
import { ApiError } from '../api/http';
import { clear, errorText, field, filePicker, formatTime, h, select } from '../dom';
import { currentLang, dictionary } from '../i18n';
import { shrink } from '../photos';
import { actionName } from '../timeline';

const t = dictionary({
  title: ['向网格员反映问题', 'Report a problem to your grid worker'],
  intro: ['您反映的问题将直接交给本院落的网格员办理。', 'What you report goes straight to the grid worker of this courtyard.'],
  category: ['问题类别', 'Kind of problem'],
  description: ['问题描述', 'What is the problem?'],
  photo: ['照片（选填）', 'Photo (optional)'],
  phone: ['手机号码', 'Mobile phone'],
  phoneHint: ['用于接收验证码和办理结果回访，不会公开。', 'For the code and the follow-up on the result; never shown to others.'],
  getCode: ['获取验证码', 'Text me a code'],
  codeSent: ['验证码已发送，请查看短信。', 'The code was sent: see your text messages.'],
  code: ['短信验证码', 'Code from the text message'],
  submit: ['提交', 'Send'],
  sending: ['提交中…', 'Sending…'],
  filed: ['已提交，网格员会尽快处理。请保存下面的链接，随时查看办理进度：', 'Sent; the grid worker will deal with it soon. Keep this link to follow it:'],
  photoFailed: ['照片未能上传：', 'The photo could not be sent: '],
  noKey: ['二维码链接不完整，请重新扫描院落张贴的二维码。', 'The link is incomplete: scan the code posted in your courtyard again.'],
  caseTitle: ['办理进度', 'Progress of your report'],
  noToken: ['查询链接不完整。', 'The link is incomplete.'],
  place: ['院落', 'Courtyard'],
  filedAt: ['提交时间', 'Sent'],
  status: ['当前状态', 'Status'],
  status_triage: ['待分拨', 'Being placed'],
  status_filed: ['已提交', 'Sent'],
  status_assigned: ['已派给工作人员', 'Given to staff'],
  status_accepted: ['正在办理', 'Being dealt with'],
  status_resolved: ['已办理，待核查', 'Dealt with, being checked'],
  status_reopened: ['重新办理', 'Being dealt with again'],
  status_verified: ['已核查，待领导签字办结', 'Checked; waiting for the leader to sign it off'],
  status_closed: ['已办结', 'Settled'],
  status_merged: ['已与同一问题合并办理', 'Handled together with the same report'],
});

const fragment = (): string => decodeURIComponent(location.hash.replace(/^#/, ''));

function page(main: HTMLElement, title: string): HTMLElement {
  document.title = title;
  const root = h('section', { class: 'card resident' }, h('h1', {}, title));
  clear(main, root);
  return root;
}

const problem = (e: unknown): HTMLElement =>
  h('p', { class: 'error', role: 'alert', 'data-status': e instanceof ApiError ? e.status : '' }, errorText(e));

/** Standalone: the router draws no shell here and asks for no sign-in. */
export async function renderCourtyard(main: HTMLElement): Promise<void> {
  const root = page(main, t('title'));
  const key = fragment();
  if (!key) {
    root.append(h('p', { class: 'error', role: 'alert' }, t('noKey')));
    return;
  }
  try {
    const courtyard = await readCourtyard(key);
    if (courtyard) root.append(h('p', { class: 'place', 'data-field': 'courtyard' }, courtyard.name), h('p', {}, t('intro')), form(key, courtyard, root));
  } catch (e) {
    root.append(problem(e));
  }
}

function form(key: string, courtyard: CourtyardPage, root: HTMLElement): HTMLFormElement {
  const zh = currentLang() === 'zh-CN';
  const category = select('category', courtyard.categories.map((c) => ({ value: c.code, label: zh ? c.nameZh : c.nameEn })), undefined, { required: true });
  const description = h('textarea', { name: 'description', rows: 4, maxlength: 2000, required: true });
  const photo = h('input', { type: 'file', name: 'photo', accept: 'image/*' });
  const phone = h('input', { type: 'tel', name: 'phone', inputmode: 'numeric', autocomplete: 'tel', maxlength: 20, required: true });
  const code = h('input', { type: 'text', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, pattern: '\\d{6}', required: true });
  const status = h('p', { role: 'status', class: 'muted' });
  const getCode = h('button', { type: 'button' }, t('getCode'));
  getCode.addEventListener('click', () => {
    getCode.disabled = true;
    sendCode(key, phone.value.trim()).then(() => {
      status.textContent = t('codeSent');
      code.focus();
    }).catch((e: unknown) => {
      status.textContent = errorText(e);
    }).finally(() => {
      getCode.disabled = false;
    });
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('submit'));
  const el = h('form', { class: 'resident-form' },
    field(t('category'), category), field(t('description'), description), field(t('photo'), filePicker(photo)),
    field(t('phone'), phone, t('phoneHint')), getCode, field(t('code'), code), submit, status);
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    status.textContent = t('sending');
    fileCase(key, { phone: phone.value.trim(), code: code.value.trim(), category: category.value, description: description.value.trim() })
      .then(async (filed) => {
        if (!filed) return;
        const done = h('div', { class: 'ok', role: 'status' }, h('p', {}, t('filed')),
          h('p', {}, h('a', { href: filed.statusLink, 'data-field': 'status-link' }, filed.statusLink)));
        clear(root, h('h1', {}, t('title')), done);
        const file = photo.files?.[0];
        if (!file) return;
        try {
          const { blob, name } = await shrink(file);
          await addCasePhoto(filed.statusToken, blob, name);
        } catch (e) {
          done.append(h('p', { class: 'error', role: 'alert' }, t('photoFailed') + errorText(e)));
        }
      })
      .catch((e: unknown) => {
        submit.disabled = false;
        status.textContent = errorText(e);
      });
  });
  return el;
}

/** The status link: status and public steps of his own case, nothing else. */
export async function renderMyCase(main: HTMLElement): Promise<void> {
  const root = page(main, t('caseTitle'));
  const token = fragment();
  if (!token) {
    root.append(h('p', { class: 'error', role: 'alert' }, t('noToken')));
    return;
  }
  try {
    const c = await readCase(token);
    if (!c) return;
    const zh = currentLang() === 'zh-CN';
    root.append(
      h('dl', { class: 'facts' },
        h('dt', {}, t('place')), h('dd', { 'data-field': 'courtyard' }, c.courtyardName),
        h('dt', {}, t('category')), h('dd', {}, zh ? c.categoryZh : c.categoryEn),
        h('dt', {}, t('filedAt')), h('dd', {}, formatTime(c.filedAt)),
        h('dt', {}, t('status')), h('dd', { 'data-field': 'status', 'data-status': c.status }, t(`status_${c.status}` as 'status_filed'))),
      h('ol', { class: 'steps' }, c.steps.map((s) => h('li', { 'data-step': s.step }, `${formatTime(s.at)} ${actionName(s.step)}`))));
  } catch (e) {
    root.append(problem(e));
  }
}
