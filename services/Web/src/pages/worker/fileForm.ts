// Filing a case from the phone in under a minute: category and grade, the courtyard (found by the
// phone's location when it can be), what happened, photos, and 即知即办 for what was settled on the spot.
// The grid worker's page and the village's page (field roles at a village) both file with it.
import { locate as findPlace, type Unit } from '../../api/grids';
import { ApiError } from '../../api/http';
import { fileIncident, type Catalogue } from '../../api/incidents';
import { statusName, tierName } from '../../components/caseText';
import { announce, errorText, field, filePicker, h, select } from '../../dom';
import { named } from '../../i18n';
import type { Session } from '../../session';
import { flush, isNetworkFailure, offlineNow, queueFiling } from '../../offline/queue';
import { queueView } from '../../offline/view';
import { sendPhotos } from './photoSender';
import { maxPhotos, t } from './text';

/** Where the filer may file: a grid and its courtyards, or a village, its grids and their courtyards. */
export interface FilingPlaces {
  user: Session;
  catalogue: Catalogue;
  /** The places to choose from, the whole unit first. */
  places: { value: string; label: string }[];
  /** The place chosen at first. */
  defaultPlace: string;
  /** The courtyards the phone's location may pick. */
  courtyards: Unit[];
}

/** The grid worker's places: the whole grid, then its courtyards (the first one chosen). */
export function gridPlaces(user: Session, catalogue: Catalogue, grid: Unit, courtyards: Unit[]): FilingPlaces {
  return { user, catalogue, courtyards, defaultPlace: courtyards[0]?.code ?? grid.code,
    places: [{ value: grid.code, label: t('wholeGrid') }, ...courtyards.map((c) => ({ value: c.code, label: c.name }))] };
}

export function fileForm(ctx: FilingPlaces, onFiled: () => void): HTMLFormElement {
  const { user, courtyards, catalogue } = ctx;
  // One key per filling-in of the form, made before the first try and kept with a queued filing: a
  // retry after a lost answer, or the queue's send later, does not file twice.
  let idempotencyKey = crypto.randomUUID();
  let location: { lat: number; lng: number } | null = null;

  const category = select('category', catalogue.categories.map((c) => ({ value: c.code, label: named(c) })), undefined, { required: true });
  category.prepend(h('option', { value: '', selected: true, disabled: true }, '—'));
  const grade = select('grade', catalogue.grades.map((g) => ({ value: g.code, label: `${g.code} ${named(g)}` })), 'IV');
  const place = select('unitCode', ctx.places, ctx.defaultPlace);
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
      const here = { lat: pos.coords.latitude, lng: pos.coords.longitude };
      location = here;
      try {
        const found = await findPlace(here);
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

  /** After a filing was sent or queued: an empty form with a new key. */
  function reset(): void {
    idempotencyKey = crypto.randomUUID();
    form.reset();
    photo.dispatchEvent(new Event('change')); // reset fires none: the chosen-files line and the preview follow
    clearPreview();
    resolutionField.hidden = true;
    grade.disabled = false;
    location = null;
    locateStatus.textContent = '';
    place.value = ctx.defaultPlace;
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
      const body = {
        unitCode: place.value, category: category.value, grade: grade.value, title: title.value.trim(),
        description: description.value.trim(), location, resolution: onTheSpot.checked ? resolution.value.trim() : undefined,
      };
      const photos = chosenPhotos();
      const key = idempotencyKey;
      // No network (known, or found by trying): the filing and its photos wait on the phone with their
      // key (offline/queue.ts) and go when the network returns.
      const queue = async (tried: boolean) => {
        await queueFiling(key, body, photos, tried);
        reset();
        announce(t('filedQueued', { title: body.title }));
        void flush();
      };
      try {
        if (offlineNow()) { await queue(false); return; }
        const filed = await fileIncident(body, key);
        reset();
        announce(filed?.tier && filed.status !== 'closed'
          ? t('filedRouted', { title: filed.title, tier: tierName(filed.tier) })
          : t('filed', { title: filed?.title ?? '', status: statusName(filed?.status ?? 'filed') }));
        onFiled();
        // Routing takes a moment: look again once Dispatch has placed it.
        window.setTimeout(onFiled, 1500);
        // The filing's answer gives the case's id: its photos follow.
        if (filed && photos.length > 0) void sendPhotos(uploadStatus, filed, photos);
      } catch (err) {
        if (isNetworkFailure(err)) await queue(true);
        else if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
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
  uploadStatus,
  queueView());
  return form;
}
