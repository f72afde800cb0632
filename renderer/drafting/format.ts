import { formatShortDate } from '../../shared/domain/vietnameseDate.ts';
import type { ReportPeriod, Timeliness } from '../../shared/domain/periods/reportPeriods.ts';
import { timelinessLabels } from '../../shared/domain/periods/reportPeriods.ts';

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05:12": the clock time of an instant in Vietnam (UTC+7, no daylight saving). */
export function vietnamTime(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "14:05 ngày 05/01/2026": an instant in Vietnam local time, dd/mm/yyyy as on every screen. */
export function vietnamDateTime(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ngày ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "từ 15/12/2025 đến 14/6/2026" */
export function periodRange(p: Pick<ReportPeriod, 'from' | 'to'>): string {
  return `từ ${safeDate(p.from)} đến ${safeDate(p.to)}`;
}

export function safeDate(iso: string): string {
  try {
    return formatShortDate(iso);
  } catch {
    return iso;
  }
}

/** "Còn hạn · còn 12 ngày", "Quá hạn · trễ 3 ngày", "Đã gửi". */
export function timelinessText(t: { timeliness: Timeliness; daysLeft: number }): string {
  const label = timelinessLabels[t.timeliness];
  if (t.timeliness === 'sent' || t.timeliness === 'not_owed') return label;
  if (t.daysLeft < 0) return `${label} · trễ ${-t.daysLeft} ngày`;
  if (t.daysLeft === 0) return `${label} · hạn chót hôm nay`;
  return `${label} · còn ${t.daysLeft} ngày`;
}

/** "12 KB", "3,4 MB" */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** "87,5" */
export function formatNumber(n: number): string {
  return n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
}
