// 回访: the small mobile page a resident reaches from the text message, without signing in. It shows
// what was done (category, place, when, the resolution note) and takes his answer — 满意 / 基本满意 /
// 不满意 and a comment. Everything shown is set as text, never as HTML.
import { answerReturnVisit, readReturnVisit } from '../api/returnVisit';
import { ApiError } from '../api/http';
import { clear, errorText, field, formatTime, h } from '../dom';
import { currentLang, dictionary } from '../i18n';

const t = dictionary({
  title: ['群众回访', 'How did we do?'],
  intro: ['您反映的问题已办结，请告诉我们您是否满意。', 'The matter you reported was dealt with. Please tell us whether you are satisfied.'],
  category: ['事项类别', 'Category'],
  place: ['地点', 'Place'],
  resolvedAt: ['办结时间', 'Resolved'],
  note: ['办理结果', 'What was done'],
  question: ['您对办理结果是否满意？', 'Are you satisfied with how it was dealt with?'],
  satisfied: ['满意', 'Satisfied'],
  basically: ['基本满意', 'Basically satisfied'],
  dissatisfied: ['不满意', 'Dissatisfied'],
  comment: ['意见建议（选填）', 'Comment (optional)'],
  submit: ['提交评价', 'Send'],
  sending: ['提交中…', 'Sending…'],
  thanksClosed: ['感谢您的评价，案件已办结。', 'Thank you. The case is closed.'],
  thanksVerified: ['感谢您的评价，案件经包案领导签字后办结。', 'Thank you. The case closes once the leader in charge signs it off.'],
  thanksReopened: ['感谢您的反馈，案件已退回重新办理，工作人员会尽快与您联系。', 'Thank you. The case goes back to be handled again; staff will be in touch.'],
  noToken: ['链接不完整，请从短信中重新打开。', 'The link is incomplete: open it again from the text message.'],
  choose: ['请选择满意程度。', 'Please choose one.'],
});

/** Standalone: the router draws no shell here and asks for no sign-in. */
export async function renderReturnVisit(main: HTMLElement): Promise<void> {
  document.title = t('title');
  const token = decodeURIComponent(location.hash.replace(/^#/, ''));
  const root = h('section', { class: 'card return-visit' }, h('h1', {}, t('title')));
  clear(main, root);
  if (!token) {
    root.append(h('p', { class: 'error', role: 'alert' }, t('noToken')));
    return;
  }
  try {
    const c = await readReturnVisit(token);
    root.append(h('p', {}, t('intro')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('category')), h('dd', { 'data-field': 'category' }, currentLang() === 'zh-CN' ? c.categoryZh : c.categoryEn),
        h('dt', {}, t('place')), h('dd', { 'data-field': 'place' }, c.placeName ?? ''),
        h('dt', {}, t('resolvedAt')), h('dd', {}, formatTime(c.resolvedAt)),
        h('dt', {}, t('note')), h('dd', { 'data-field': 'note' }, c.resolutionNote ?? '')),
      form(token, root));
  } catch (e) {
    root.append(h('p', { class: 'error', role: 'alert', 'data-status': e instanceof ApiError ? e.status : '' }, errorText(e)));
  }
}

function form(token: string, root: HTMLElement): HTMLFormElement {
  const choices = [['satisfied', t('satisfied')], ['basically-satisfied', t('basically')], ['dissatisfied', t('dissatisfied')]] as const;
  const comment = h('textarea', { name: 'comment', rows: 3, maxlength: 500 });
  const status = h('p', { role: 'status', class: 'muted' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('submit'));
  const el = h('form', { class: 'answer' },
    h('fieldset', {}, h('legend', {}, t('question')),
      choices.map(([value, label]) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'satisfaction', value, required: true }), ' ', label))),
    field(t('comment'), comment), submit, status);
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = el.querySelector<HTMLInputElement>('input[name=satisfaction]:checked')?.value;
    if (!picked) {
      status.textContent = t('choose');
      return;
    }
    submit.disabled = true;
    status.textContent = t('sending');
    answerReturnVisit(token, picked, comment.value.trim() || null).then((done) => {
      clear(root, h('h1', {}, t('title')),
        h('p', { class: 'ok', role: 'status', 'data-answered': done.caseStatus }, done.caseStatus === 'closed' ? t('thanksClosed') : done.caseStatus === 'verified' ? t('thanksVerified') : t('thanksReopened')));
    }).catch((e: unknown) => {
      submit.disabled = false;
      status.textContent = errorText(e);
    });
  });
  return el;
}
