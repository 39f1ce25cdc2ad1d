// Case photos (issue #5): scaled down on the phone before they are sent, uploaded to
// POST /incidents/{id}/photos (multipart/form-data, field "photo"), and shown as thumbnails that open
// full size. The photos need the caller's token, which <img src> cannot send: they are fetched and
// shown from object URLs, released when the view closes.
import { addPhoto, photoBytes, type Photo } from './api/incidents';
import { dictionary } from './i18n';
import { formatTime, h, openDialog } from './dom';

const t = dictionary({
  none: ['暂无照片', 'No photos'],
  alt: ['现场照片 {n}/{total}，{by} 上传于 {at}', 'Photo {n} of {total}, added by {by} at {at}'],
  open: ['点击查看原图', 'Open full size'],
  full: ['现场照片 {n}/{total}', 'Photo {n} of {total}'],
  failed: ['照片加载失败', 'The photo could not be loaded'],
});

/** The longest side a photo is sent with: enough to see the problem, small enough for a slow network. */
export const maxSide = 1600;

/**
 * Scales a photo down to at most 1600 px on its longest side and re-encodes it as JPEG, so a
 * 12-megapixel phone picture (4–8 MB) goes out as a few hundred kB. Re-encoding also drops the
 * file's EXIF data (the phone's own GPS track and serial numbers); the case keeps its place anyway.
 * A format the browser cannot draw is sent as it is, and the server decides.
 */
export async function shrink(file: File): Promise<{ blob: Blob; name: string }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { blob: file, name: file.name };
  }
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = h('canvas', { width, height });
    const context = canvas.getContext('2d');
    if (!context) return { blob: file, name: file.name };
    // A transparent PNG turns white, not black, as JPEG has no transparency.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ? { blob, name: `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg` } : { blob: file, name: file.name };
  } finally {
    bitmap.close();
  }
}

/** Uploads one photo of a case. The same bytes twice are stored once (the server answers the first). */
export async function uploadPhoto(incidentId: string, file: File): Promise<Photo | null> {
  const { blob, name } = await shrink(file);
  return addPhoto(incidentId, blob, name);
}

export interface Gallery {
  element: HTMLElement;
  /** Releases the photos' object URLs: call when the view that shows them closes. */
  dispose(): void;
}

/** Thumbnails of a case's photos; each is a button that opens the photo full size in a dialog. */
export function photoGallery(incidentId: string, photos: Photo[]): Gallery {
  if (photos.length === 0) return { element: h('p', { class: 'muted photos-none' }, t('none')), dispose: () => {} };
  const urls: string[] = [];
  let disposed = false;
  const list = h('ul', { class: 'photos' });
  photos.forEach((photo, index) => {
    const labels = { n: index + 1, total: photos.length, by: photo.uploadedBy, at: formatTime(photo.uploadedAt) };
    const alt = t('alt', labels);
    const img = h('img', { alt, width: 96, height: 96, decoding: 'async' });
    const url = photoBytes(incidentId, photo.id).then((blob) => {
      const made = URL.createObjectURL(blob);
      if (disposed) URL.revokeObjectURL(made);
      else urls.push(made);
      return made;
    });
    url.then((src) => { img.src = src; }, () => { img.alt = `${alt}（${t('failed')}）`; });
    const open = async () => {
      try {
        const src = await url;
        openDialog(t('full', labels), h('figure', { class: 'photo-full' },
          h('img', { src, alt }),
          h('figcaption', { class: 'muted small' }, `${photo.uploadedBy} · ${formatTime(photo.uploadedAt)}`)));
      } catch {
        // the thumbnail already says it failed
      }
    };
    list.append(h('li', {}, h('button', { type: 'button', class: 'thumb', title: t('open'), 'data-photo': photo.id, onclick: () => void open() }, img)));
  });
  return {
    element: list,
    dispose: () => {
      disposed = true;
      urls.splice(0).forEach((u) => URL.revokeObjectURL(u));
    },
  };
}
