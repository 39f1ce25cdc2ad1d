// The grid worker's page, phone first: file a case in under a minute, the grid's open tasks with
// their deadlines (accept, resolve, verify), and the care visits that are due.
import type { Session } from '../auth';
import {
  ApiError, children, getJson, getJsonOrNull, loadCatalogue, postJson, query, unit, unitName,
  type Incident, type Named, type Unit,
} from '../api';
import { common, dictionary, named } from '../i18n';
import {
  announce, clear, countdownText, errorText, field, filePicker, formatTime, h, maskPhone, openDialog, select, startCountdowns,
} from '../dom';
import { photoGallery, uploadPhoto } from '../photos';
import { timelineList } from '../timeline';
import type { Page } from '../main';

const t = dictionary({
  title: ['网格员工作台', 'Grid worker'],
  myGrid: ['我的网格', 'My grid'],
  chooseGrid: ['网格', 'Grid'],
  fileTitle: ['上报事件', 'File a case'],
  category: ['事件类型', 'Category'],
  grade: ['事件等级', 'Grade'],
  place: ['发生地点（院落）', 'Place (courtyard)'],
  wholeGrid: ['整个网格（不确定院落）', 'The whole grid (courtyard unknown)'],
  locate: ['用手机定位', 'Use my location'],
  locating: ['定位中…', 'Locating…'],
  located: ['已定位到 {name}', 'Located: {name}'],
  locateOutside: ['当前位置不在本网格的院落内（{name}），请手动选择。', 'You are not in a courtyard of this grid ({name}); choose one.'],
  locateNone: ['无法确定位置所在院落，请手动选择。', 'Could not find the courtyard at your location; choose one.'],
  locateUnavailable: ['此设备或浏览器不能定位，请手动选择。', 'This device cannot locate you; choose a courtyard.'],
  caseTitle: ['标题', 'Title'],
  caseTitleHint: ['一句话说明，例如“楼道堆放杂物”', 'One line, e.g. "Rubbish piled in the stairwell"'],
  description: ['情况描述', 'Description'],
  photo: ['现场照片', 'Photos'],
  photoHint: ['可选，最多 {n} 张。上报后自动上传，发送前在手机上压缩。', 'Optional, up to {n}. Sent once the case is filed, scaled down on the phone first.'],
  photoTooMany: ['最多 {n} 张照片，只上传前 {n} 张。', 'At most {n} photos: only the first {n} are sent.'],
  photoPreview: ['待上传的照片 {n}：{name}', 'Photo {n} to send: {name}'],
  photoUploading: ['正在上传照片 {n}/{total}…', 'Sending photo {n} of {total}…'],
  photoUploaded: ['照片已上传（{n} 张）：{title}', 'Photos sent ({n}): {title}'],
  photoFailed: ['照片上传失败：{reason}。案件“{title}”已上报，重试只上传照片，不会重复上报。',
    'The photo could not be sent: {reason}. The case "{title}" is filed; retrying sends only the photos, not the case again.'],
  photoRetry: ['重试上传照片', 'Retry sending the photos'],
  photoSkip: ['不上传照片', 'Do without the photos'],
  photoRefused: ['以下照片未被接收：{list}', 'Not accepted: {list}'],
  details: ['详情', 'Details'],
  detailsTitle: ['案件详情', 'Case'],
  photos: ['现场照片', 'Photos'],
  addPhoto: ['添加照片', 'Add a photo'],
  photoAdded: ['照片已添加', 'Photo added'],
  timeline: ['办理过程', 'Timeline'],
  statusLabel: ['状态', 'Status'],
  tierLabel: ['办理层级', 'Tier'],
  filedAtLabel: ['上报时间', 'Filed'],
  onTheSpot: ['已当场解决（即知即办）', 'Resolved on the spot'],
  onTheSpotHint: ['仅限一般（IV级）事项。', 'General (IV) matters only.'],
  resolution: ['处理情况', 'What was done'],
  submit: ['上报', 'File'],
  submitting: ['提交中…', 'Filing…'],
  filed: ['已上报：{title}（{status}）', 'Filed: {title} ({status})'],
  filedRouted: ['已上报：{title}，由{tier}办理', 'Filed: {title}, handled by the {tier} tier'],
  tasksTitle: ['本网格待办', "My grid's tasks"],
  tasksEmpty: ['暂无待办事项', 'Nothing open'],
  handledBy: ['办理层级：{tier}', 'Tier: {tier}'],
  handledElsewhere: ['由上级办理，可跟踪进度', 'Handled above; follow its progress'],
  accept: ['签收', 'Accept'],
  resolve: ['办结', 'Resolve'],
  verify: ['核查', 'Verify'],
  resolveNote: ['处理结果', 'What was done'],
  accepted: ['已签收', 'Accepted'],
  resolved: ['已办结，等待核查', 'Resolved; awaiting verification'],
  verifyResult: ['核查结果', 'Result'],
  solved: ['已解决', 'Solved'],
  partly: ['部分解决', 'Partly solved'],
  notSolved: ['未解决', 'Not solved'],
  satisfaction: ['群众满意度', "Resident's satisfaction"],
  satisfied: ['满意', 'Satisfied'],
  basically: ['基本满意', 'Basically satisfied'],
  dissatisfied: ['不满意', 'Dissatisfied'],
  notAsked: ['未评价', 'Not asked'],
  comment: ['备注', 'Comment'],
  verified: ['核查已记录', 'Verification recorded'],
  resolvedByYou: ['由您办结，需他人核查', 'You resolved it: someone else verifies'],
  careTitle: ['关爱走访', 'Care visits'],
  careEmpty: ['暂无关爱对象', 'No one to visit'],
  visitDue: ['应走访', 'Visit due'],
  lastVisit: ['上次走访：{t}', 'Last visit: {t}'],
  neverVisited: ['尚未走访', 'Not visited yet'],
  recordVisit: ['记录走访', 'Record visit'],
  findings: ['走访情况', 'Findings'],
  visitRecorded: ['走访已记录', 'Visit recorded'],
  kind_elderly_alone: ['独居老人', 'Elderly living alone'],
  kind_left_behind_child: ['留守儿童', 'Left-behind child'],
  kind_disabled: ['残疾人', 'Disabled'],
  kind_assistance: ['救助对象', 'Under assistance'],
  filedAt: ['上报于 {t}', 'Filed {t}'],
  refresh: ['刷新', 'Refresh'],
  notAGridWorker: ['此账号不属于网格，请选择网格：', 'This account has no grid of its own; choose one:'],
});

/** Photos one case may carry (the server's default, Incidents:Photos:MaxPerCase; it checks its own). */
const maxPhotos = 6;

interface CareSubject {
  id: string; kind: string; name: string; phone: string | null; courtyardCode: string; visitEveryDays: number;
  lastVisitAt: string | null; visitDueAt: string;
}

export const page: Page = {
  title: () => t('title'),
  async render(main, user) {
    const home = await unit(user.unitCode);
    let grid: Unit | null = home?.level === 'grid' ? home : home?.level === 'courtyard' && home.parentCode ? await unit(home.parentCode) : null;
    let gridChoices: Unit[] = [];
    if (!grid && home && (home.level === 'village' || home.level === 'township')) {
      gridChoices = home.level === 'village' ? await children(home.code, 'grid') : [];
      grid = gridChoices[0] ?? null;
    }
    if (!grid) {
      clear(main, h('h1', {}, t('title')), h('p', { role: 'alert' }, t('notAGridWorker')));
      return;
    }
    const catalogue = await loadCatalogue();
    const stops: (() => void)[] = [];
    await renderFor(main, user, grid, gridChoices, catalogue, stops);
    return () => stops.forEach((s) => s());
  },
};

async function renderFor(main: HTMLElement, user: Session, grid: Unit, gridChoices: Unit[],
  catalogue: { categories: Named[]; grades: Named[] }, stops: (() => void)[]): Promise<void> {
  const courtyards = await children(grid.code, 'courtyard');
  const myUnits = new Set([grid.code, ...courtyards.map((c) => c.code)]);
  const tasks = h('div', { class: 'list', 'aria-live': 'polite' });
  const care = h('div', { class: 'list' });

  const gridPicker = gridChoices.length > 1
    ? field(t('chooseGrid'), select('grid', gridChoices.map((g) => ({ value: g.code, label: g.name })), grid.code, {
      onchange: async (e: Event) => {
        const next = gridChoices.find((g) => g.code === (e.target as HTMLSelectElement).value);
        if (next) { stops.forEach((s) => s()); stops.length = 0; await renderFor(main, user, next, gridChoices, catalogue, stops); }
      },
    }))
    : null;

  clear(main,
    h('div', { class: 'page-head' },
      h('h1', {}, t('title')),
      h('p', { class: 'muted' }, `${t('myGrid')}: ${grid.name} · ${user.name}`)),
    gridPicker,
    h('div', { class: 'phone-columns' },
      h('section', { class: 'card', 'aria-labelledby': 'file-h' }, h('h2', { id: 'file-h' }, t('fileTitle')),
        fileForm(user, grid, courtyards, catalogue, () => void loadTasks())),
      h('section', { class: 'card', 'aria-labelledby': 'tasks-h' },
        h('div', { class: 'section-head' }, h('h2', { id: 'tasks-h' }, t('tasksTitle')),
          h('button', { type: 'button', onclick: () => void loadTasks() }, t('refresh'))),
        tasks),
      h('section', { class: 'card', 'aria-labelledby': 'care-h' }, h('h2', { id: 'care-h' }, t('careTitle')), care)));
  stops.push(startCountdowns(main));

  async function loadTasks(): Promise<void> {
    try {
      const lists = await Promise.all([...myUnits].map((code) => getJson<Incident[]>(`/incidents${query({ unitCode: code, limit: 200 })}`)));
      const byId = new Map<string, Incident>();
      for (const i of lists.flat()) byId.set(i.id, i);
      const open = [...byId.values()].filter((i) => i.status !== 'closed' && i.status !== 'merged');
      const mine = (i: Incident) => (i.handlingUnitCode && myUnits.has(i.handlingUnitCode)) || (i.status === 'resolved' && i.resolvedBy !== user.id);
      open.sort((a, b) => Number(mine(b)) - Number(mine(a)) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
      clear(tasks, open.length === 0 ? h('p', { class: 'muted' }, t('tasksEmpty')) : await Promise.all(open.map((i) => taskCard(i))));
    } catch (e) {
      clear(tasks, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  async function taskCard(i: Incident): Promise<HTMLElement> {
    const category = named(catalogue.categories.find((c) => c.code === i.category), i.category);
    const grade = named(catalogue.grades.find((g) => g.code === i.grade), i.grade);
    const here = i.handlingUnitCode !== null && myUnits.has(i.handlingUnitCode);
    const actions = h('div', { class: 'actions' },
      h('button', { type: 'button', 'aria-label': `${t('details')}：${i.title}`, onclick: () => void detailsDialog(i) }, t('details')));
    if (here && i.status === 'assigned')
      actions.append(h('button', { type: 'button', onclick: () => void act(`/incidents/${i.id}/accept`, {}, t('accepted')) }, t('accept')));
    if (here && ['assigned', 'accepted', 'reopened'].includes(i.status))
      actions.append(h('button', { type: 'button', class: 'primary', onclick: () => resolveDialog(i) }, t('resolve')));
    if (i.status === 'resolved') {
      if (i.resolvedBy === user.id) actions.append(h('span', { class: 'muted' }, t('resolvedByYou')));
      else actions.append(h('button', { type: 'button', class: 'primary', onclick: () => verifyDialog(i) }, t('verify')));
    }
    return h('article', { class: `task ${i.flaggedOverdueAt ? 'red' : ''}`, 'data-incident': i.id },
      h('h3', {}, i.title),
      h('p', { class: 'meta' }, `${category} · ${grade} · ${await unitName(i.unitCode)}`),
      h('p', { class: 'meta' },
        h('span', { class: `status s-${i.status}` }, common(`status_${i.status}` as 'status_filed')),
        i.tier ? ` · ${t('handledBy', { tier: common(`tier_${i.tier}` as 'tier_village') })}` : '',
        i.dueAt && i.status !== 'resolved' ? h('span', { class: 'countdown', 'data-due': i.dueAt }, countdownText(i.dueAt)) : null),
      !here && i.status !== 'resolved' ? h('p', { class: 'muted small' }, t('handledElsewhere')) : null,
      h('p', { class: 'muted small' }, t('filedAt', { t: formatTime(i.filedAt) })),
      actions);
  }

  async function act(url: string, body: unknown, done: string): Promise<boolean> {
    try {
      await postJson(url, body);
      announce(done);
      await loadTasks();
      return true;
    } catch (e) {
      announce(errorText(e), 'error');
      return false;
    }
  }

  function resolveDialog(i: Incident): void {
    const note = h('textarea', { name: 'note', required: true, rows: 3, maxlength: 4000 });
    const form = h('form', {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        if (await act(`/incidents/${i.id}/resolve`, { note: note.value.trim() }, t('resolved'))) dialog.close();
      },
    }, field(t('resolveNote'), note), h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')),
      h('button', { type: 'submit', class: 'primary' }, t('resolve'))));
    const dialog = openDialog(`${t('resolve')}：${i.title}`, form);
  }

  function verifyDialog(i: Incident): void {
    const result = select('result', [
      { value: 'solved', label: t('solved') }, { value: 'partly-solved', label: t('partly') }, { value: 'not-solved', label: t('notSolved') },
    ], 'solved');
    const satisfaction = select('satisfaction', [
      { value: 'satisfied', label: t('satisfied') }, { value: 'basically-satisfied', label: t('basically') },
      { value: 'dissatisfied', label: t('dissatisfied') }, { value: '', label: t('notAsked') },
    ], 'satisfied');
    const comment = h('textarea', { name: 'comment', rows: 2, maxlength: 1000 });
    const form = h('form', {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const body = { result: result.value, satisfaction: satisfaction.value || null, comment: comment.value.trim() || null };
        if (await act(`/incidents/${i.id}/verification`, body, t('verified'))) dialog.close();
      },
    }, field(t('verifyResult'), result), field(t('satisfaction'), satisfaction), field(t('comment'), comment),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')),
      h('button', { type: 'submit', class: 'primary' }, t('verify'))));
    const dialog = openDialog(`${t('verify')}：${i.title}`, form);
  }

  /** The case itself: what, where, its photos (and adding one), its timeline. */
  async function detailsDialog(summary: Incident): Promise<void> {
    const body = h('div', { class: 'case' }, h('p', { class: 'muted' }, common('loading')));
    let gallery: { dispose(): void } | null = null;
    openDialog(`${t('detailsTitle')}：${summary.title}`, body, () => gallery?.dispose());
    const photoArea = h('div', { class: 'photo-area' });
    const adding = h('input', { name: 'addPhoto', type: 'file', accept: 'image/*' });
    const addStatus = h('p', { class: 'small', 'aria-live': 'polite' });

    async function show(): Promise<void> {
      try {
        const i = await getJson<Incident>(`/incidents/${encodeURIComponent(summary.id)}`);
        gallery?.dispose();
        const shown = photoGallery(i.id, i.photos ?? []);
        gallery = shown;
        clear(photoArea, shown.element);
        clear(body,
          h('p', { class: 'description' }, i.description),
          h('dl', { class: 'facts' },
            h('dt', {}, t('category')), h('dd', {}, named(catalogue.categories.find((c) => c.code === i.category), i.category)),
            h('dt', {}, t('grade')), h('dd', {}, `${i.grade} ${named(catalogue.grades.find((g) => g.code === i.grade))}`),
            h('dt', {}, t('place')), h('dd', {}, await unitName(i.unitCode)),
            h('dt', {}, t('statusLabel')), h('dd', {}, common(`status_${i.status}` as 'status_filed')),
            h('dt', {}, t('tierLabel')), h('dd', {}, i.tier ? common(`tier_${i.tier}` as 'tier_village') : '—'),
            h('dt', {}, t('filedAtLabel')), h('dd', {}, formatTime(i.filedAt))),
          h('h3', {}, t('photos')), photoArea,
          (i.photos?.length ?? 0) < maxPhotos ? field(t('addPhoto'), filePicker(adding)) : null, addStatus,
          h('h3', {}, t('timeline')),
          timelineList(i.timeline ?? []));
      } catch (e) {
        clear(body, h('p', { class: 'error', role: 'alert' }, errorText(e)));
      }
    }

    adding.addEventListener('change', async () => {
      const file = adding.files?.[0];
      if (!file) return;
      adding.disabled = true;
      addStatus.textContent = t('photoUploading', { n: 1, total: 1 });
      try {
        await uploadPhoto(summary.id, file);
        addStatus.textContent = t('photoAdded');
        adding.value = '';
        adding.dispatchEvent(new Event('change'));
        await show();
      } catch (e) {
        addStatus.textContent = errorText(e);
        addStatus.classList.add('error');
      } finally {
        adding.disabled = false;
      }
    });
    await show();
  }

  async function loadCare(): Promise<void> {
    try {
      const subjects = await getJson<CareSubject[]>(`/grids/care/subjects${query({ gridWorkerId: user.id, limit: 500 })}`);
      subjects.sort((a, b) => a.visitDueAt.localeCompare(b.visitDueAt));
      clear(care, subjects.length === 0 ? h('p', { class: 'muted' }, t('careEmpty')) : await Promise.all(subjects.map(async (s) =>
        h('article', { class: `task ${new Date(s.visitDueAt).getTime() < Date.now() ? 'red' : ''}` },
          h('h3', {}, `${s.name}`, h('span', { class: 'tag' }, t(`kind_${s.kind.replaceAll('-', '_')}` as 'kind_disabled'))),
          h('p', { class: 'meta' }, `${await unitName(s.courtyardCode)}${s.phone ? ` · ${maskPhone(s.phone)}` : ''}`),
          h('p', { class: 'meta' }, `${t('visitDue')}: ${formatTime(s.visitDueAt)} `,
            h('span', { class: 'countdown', 'data-due': s.visitDueAt }, countdownText(s.visitDueAt))),
          h('p', { class: 'muted small' }, s.lastVisitAt ? t('lastVisit', { t: formatTime(s.lastVisitAt) }) : t('neverVisited')),
          h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => visitDialog(s) }, t('recordVisit')))))));
    } catch (e) {
      clear(care, h('p', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }

  function visitDialog(s: CareSubject): void {
    const findings = h('textarea', { name: 'findings', required: true, rows: 3, maxlength: 4000 });
    const form = h('form', {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await postJson(`/grids/care/subjects/${s.id}/visits`, { visitedBy: user.id, findings: findings.value.trim() });
          announce(t('visitRecorded'));
          dialog.close();
          await loadCare();
        } catch (err) {
          announce(errorText(err), 'error');
        }
      },
    }, field(t('findings'), findings), h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, common('cancel')),
      h('button', { type: 'submit', class: 'primary' }, t('recordVisit'))));
    const dialog = openDialog(`${t('recordVisit')}：${s.name}`, form);
  }

  await Promise.all([loadTasks(), loadCare()]);
}

function fileForm(user: Session, grid: Unit, courtyards: Unit[], catalogue: { categories: Named[]; grades: Named[] },
  onFiled: () => void): HTMLFormElement {
  // One key per filling-in of the form: a retry after a lost answer does not file twice.
  let idempotencyKey = crypto.randomUUID();
  let location: { lat: number; lng: number } | null = null;

  const category = select('category', catalogue.categories.map((c) => ({ value: c.code, label: named(c) })), undefined, { required: true });
  category.prepend(h('option', { value: '', selected: true, disabled: true }, '—'));
  const grade = select('grade', catalogue.grades.map((g) => ({ value: g.code, label: `${g.code} ${named(g)}` })), 'IV');
  const place = select('unitCode', [{ value: grid.code, label: t('wholeGrid') }, ...courtyards.map((c) => ({ value: c.code, label: c.name }))],
    courtyards[0]?.code ?? grid.code);
  const locateStatus = h('small', { class: 'hint', 'aria-live': 'polite' });
  const locate = h('button', { type: 'button', onclick: () => void useLocation() }, t('locate'));
  const title = h('input', { name: 'title', required: true, maxlength: 200, autocomplete: 'off' });
  const description = h('textarea', { name: 'description', required: true, rows: 3, maxlength: 4000 });
  const photo = h('input', { name: 'photo', type: 'file', accept: 'image/*', capture: 'environment', multiple: true });
  const preview = h('div', { class: 'preview' });
  let previewUrls: string[] = [];
  const uploadStatus = h('div', { class: 'upload-status', 'aria-live': 'polite' });
  const onTheSpot = h('input', { name: 'onTheSpot', type: 'checkbox' });
  const resolution = h('textarea', { name: 'resolution', rows: 2, maxlength: 4000 });
  const resolutionField = field(t('resolution'), resolution);
  resolutionField.hidden = true;
  const submit = h('button', { type: 'submit', class: 'primary big' }, t('submit'));
  const errors = new Map<string, HTMLElement>([['category', category], ['grade', grade], ['unitCode', place], ['title', title],
    ['description', description], ['resolution', resolution]]);

  function chosenPhotos(): File[] {
    return [...(photo.files ?? [])].slice(0, maxPhotos);
  }
  function clearPreview(): void {
    previewUrls.forEach((u) => URL.revokeObjectURL(u));
    previewUrls = [];
    preview.replaceChildren();
  }
  photo.addEventListener('change', () => {
    clearPreview();
    const files = chosenPhotos();
    previewUrls = files.map((f) => URL.createObjectURL(f));
    preview.append(...files.map((f, n) => h('img', { src: previewUrls[n], alt: t('photoPreview', { n: n + 1, name: f.name }) })));
    if ((photo.files?.length ?? 0) > maxPhotos) preview.append(h('p', { class: 'hint', role: 'status' }, t('photoTooMany', { n: maxPhotos })));
  });

  /** Sends the photos of a case just filed, one by one. When the network or the server fails, the
   * photos not yet sent wait for a retry that sends only them: the case itself is never filed again.
   * A photo the server refuses (not an image, too large, one too many) would be refused again: it is
   * named and the others still go. */
  async function sendPhotos(incident: { id: string; title: string }, files: File[], total = files.length, refused: string[] = []): Promise<void> {
    const left = [...files];
    while (left.length > 0) {
      clear(uploadStatus, h('p', { class: 'small' }, t('photoUploading', { n: total - left.length + 1, total })));
      try {
        await uploadPhoto(incident.id, left[0]);
      } catch (e) {
        if (!(e instanceof ApiError && [400, 409, 413].includes(e.status))) {
          const retry = h('button', { type: 'button', class: 'primary', onclick: () => void sendPhotos(incident, left, total, refused) }, t('photoRetry'));
          clear(uploadStatus, h('div', { class: 'upload-failed', role: 'alert' },
            h('p', {}, t('photoFailed', { reason: errorText(e), title: incident.title })),
            h('div', { class: 'actions' }, retry, h('button', { type: 'button', onclick: () => clear(uploadStatus) }, t('photoSkip')))));
          retry.focus();
          return;
        }
        refused.push(`${left[0].name}（${errorText(e)}）`);
      }
      left.shift();
    }
    const sent = h('p', { class: 'small ok' }, t('photoUploaded', { n: total - refused.length, title: incident.title }));
    clear(uploadStatus, refused.length === 0 ? sent : h('div', { class: 'upload-failed', role: 'alert' }, sent,
      h('p', {}, t('photoRefused', { list: refused.join('；') })),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => clear(uploadStatus) }, common('close')))));
  }
  onTheSpot.addEventListener('change', () => {
    resolutionField.hidden = !onTheSpot.checked;
    resolution.required = onTheSpot.checked;
    if (onTheSpot.checked) grade.value = 'IV';
    grade.disabled = onTheSpot.checked;
  });

  async function useLocation(): Promise<void> {
    if (!('geolocation' in navigator)) { locateStatus.textContent = t('locateUnavailable'); return; }
    locateStatus.textContent = t('locating');
    navigator.geolocation.getCurrentPosition(async (pos) => {
      location = { lat: pos.coords.latitude, lng: pos.coords.longitude };
      try {
        const found = await getJsonOrNull<{ courtyard: Unit | null; grid: Unit | null }>(`/grids/locate${query(location)}`);
        const courtyard = found?.courtyard;
        if (courtyard && courtyards.some((c) => c.code === courtyard.code)) {
          place.value = courtyard.code;
          locateStatus.textContent = t('located', { name: courtyard.name });
        } else if (courtyard) locateStatus.textContent = t('locateOutside', { name: courtyard.name });
        else locateStatus.textContent = t('locateNone');
      } catch (e) {
        locateStatus.textContent = errorText(e);
      }
    }, () => { locateStatus.textContent = t('locateUnavailable'); }, { enableHighAccuracy: true, timeout: 15000 });
  }

  const form = h('form', {
    class: 'file-form', novalidate: true,
    onsubmit: async (e: Event) => {
      e.preventDefault();
      form.querySelectorAll('.field-error').forEach((el) => el.remove());
      form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
      if (!form.checkValidity()) {
        const firstBad = form.querySelector<HTMLElement>(':invalid');
        firstBad?.focus();
        form.reportValidity();
        return;
      }
      submit.disabled = true;
      submit.textContent = t('submitting');
      try {
        const body = {
          unitCode: place.value, category: category.value, grade: grade.value, title: title.value.trim(),
          description: description.value.trim(), location, resolution: onTheSpot.checked ? resolution.value.trim() : undefined,
        };
        const filed = await postJson<Incident>('/incidents', body, { 'Idempotency-Key': idempotencyKey });
        const photos = chosenPhotos();
        idempotencyKey = crypto.randomUUID();
        form.reset();
        photo.dispatchEvent(new Event('change')); // reset fires none: the chosen-files line and the preview follow
        clearPreview();
        resolutionField.hidden = true;
        grade.disabled = false;
        location = null;
        locateStatus.textContent = '';
        place.value = courtyards[0]?.code ?? grid.code;
        announce(filed?.tier && filed.status !== 'closed'
          ? t('filedRouted', { title: filed.title, tier: common(`tier_${filed.tier}` as 'tier_village') })
          : t('filed', { title: filed?.title ?? '', status: common(`status_${filed?.status ?? 'filed'}` as 'status_filed') }));
        onFiled();
        // Routing takes a moment: look again once Dispatch has placed it.
        window.setTimeout(onFiled, 1500);
        // The filing's answer gives the case's id: its photos follow.
        if (filed && photos.length > 0) void sendPhotos(filed, photos);
      } catch (err) {
        if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
          for (const [key, messages] of Object.entries(err.fields)) {
            const control = errors.get(key.split('.')[0]) ?? submit;
            control.setAttribute('aria-invalid', 'true');
            control.insertAdjacentElement('afterend', h('small', { class: 'field-error', role: 'alert' }, messages.join(' ')));
          }
        } else announce(errorText(err), 'error');
      } finally {
        submit.disabled = false;
        submit.textContent = t('submit');
      }
    },
  },
  h('div', { class: 'two' }, field(t('category'), category), field(t('grade'), grade)),
  field(t('place'), place),
  h('div', { class: 'locate' }, locate, locateStatus),
  field(t('caseTitle'), title, t('caseTitleHint')),
  field(t('description'), description),
  field(t('photo'), filePicker(photo), t('photoHint', { n: maxPhotos })),
  preview,
  h('div', { class: 'check' }, onTheSpot, h('label', { for: onTheSpot.id || (onTheSpot.id = `spot-${user.id}`) }, t('onTheSpot')),
    h('small', { class: 'hint' }, t('onTheSpotHint'))),
  resolutionField,
  submit,
  uploadStatus);
  return form;
}
