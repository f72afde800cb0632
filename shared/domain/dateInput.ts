import { isoDate, parseIsoDate, type IsoDate } from './calendarDate.ts';

/**
 * Dates as a Vietnamese civil servant types them, "05/02/2026" or "5/2/2026" (ngày/tháng/năm),
 * whatever the browser's locale: the ISO date, or null when it is not a real day.
 */
export function parseVietnameseDate(text: string): IsoDate | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  try {
    parseIsoDate(iso);
    return iso;
  } catch {
    return null;
  }
}

/** "05/02/2026" for an ISO date, "" for none. */
export function toVietnameseDate(iso: IsoDate | ''): string {
  if (!iso) return '';
  const { year, month, day } = parseIsoDate(iso);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}
