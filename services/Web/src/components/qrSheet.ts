// 院落二维码: the grid's printable sheet of courtyard QR codes (A4, drawn by the server, offline). It needs the
// caller's token, which a plain link could not send: fetched, then opened as a page of its own to print.
import { getBlob, seg } from '../api/http';
import { announce, errorText, h } from '../dom';
import { dictionary } from '../i18n';

const t = dictionary({
  print: ['打印院落二维码', 'Print courtyard QR codes'],
});

export function qrSheetButton(gridCode: string): HTMLButtonElement {
  const button = h('button', { type: 'button', 'data-action': 'print-qr' }, t('print'));
  button.addEventListener('click', () => {
    // Opened in the click itself, so that no popup blocker stops it; filled when the sheet has come.
    const sheet = window.open('', '_blank');
    getBlob(`/incidents/courtyard-qr/grids/${seg(gridCode)}/sheet`).then((blob) => {
      const url = URL.createObjectURL(blob);
      if (sheet) sheet.location.href = url;
      else location.assign(url);
    }).catch((e: unknown) => {
      sheet?.close();
      announce(errorText(e), 'error');
    });
  });
  return button;
}
