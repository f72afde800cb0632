import type { OutboxItemView } from '../../shared/api/outbox.ts';
import { vietnamDateTime } from '../drafting/format.ts';

/** One line for where a package stands, on the outbox page and under the issued document. */
export function sendStateLabel(i: OutboxItemView): string {
  switch (i.state) {
    case 'queued':
      return i.attempts === 0
        ? 'Chờ gửi'
        : `Chưa gửi được (đã thử ${i.attempts} lần); thử lại lúc ${vietnamDateTime(i.nextAttemptAt)}`;
    case 'sending':
      return 'Đang gửi…';
    case 'sent':
      return `Đã gửi, có biên nhận lúc ${vietnamDateTime(i.receipt?.receivedAt ?? i.sentAt ?? '')}`;
    case 'failed':
      return 'Không gửi được: cần xử lý';
  }
}

/** What Sở KH&CN did with it, once sent. */
export function remoteStatusLabel(i: OutboxItemView): string | null {
  if (i.state !== 'sent' || !i.remoteStatus) return null;
  if (i.remoteStatus === 'accepted') return 'Sở KH&CN đã tiếp nhận';
  if (i.remoteStatus === 'returned') return `Sở KH&CN trả lại: ${i.remoteReason ?? ''}`;
  return 'Sở KH&CN đã nhận, chưa xem xét';
}
