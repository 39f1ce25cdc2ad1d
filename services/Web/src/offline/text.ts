// The offline queue's words, zh-CN first.
import { dictionary } from '../i18n';

export const t = dictionary({
  waitingCount: ['待发送 {n}', 'Waiting to send: {n}'],
  nothingWaiting: ['没有待发送的内容', 'Nothing waiting to send'],
  offline: ['当前无网络：提交的内容保存在本机，联网后自动发送。', 'No network: what you submit is kept on this phone and sent when the network returns.'],
  sendNow: ['立即发送', 'Send now'],
  discard: ['删除', 'Discard'],
  kind_filing: ['上报事件', 'Case'],
  kind_care_visit: ['关爱走访', 'Care visit'],
  kind_note: ['进展反馈', 'Progress note'],
  state_waiting: ['等待网络', 'Waiting for the network'],
  state_photos: ['已上报，照片待发送（{n} 张）', 'Filed; {n} photos waiting'],
  state_sign_in: ['登录已过期：重新登录后发送', 'Signed out: sent after you sign in again'],
  state_refused: ['未被接收：{reason}', 'Refused: {reason}'],
  withPhotos: ['（{n} 张照片）', ' ({n} photos)'],
  queued: ['已保存在本机，联网后自动发送：{label}', 'Kept on this phone, sent when the network returns: {label}'],
  sent_filing: ['已发送：{label}', 'Sent: {label}'],
  sent_care_visit: ['走访已发送：{label}', 'Visit sent: {label}'],
  sent_note: ['反馈已发送：{label}', 'Note sent: {label}'],
  photosRefused: ['以下照片未被接收：{list}', 'Not accepted: {list}'],
  noNetwork: ['网络不通', 'No network'],
});
