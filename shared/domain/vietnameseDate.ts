import { parseIsoDate, type IsoDate } from './calendarDate.ts';

/**
 * "Bắc Ninh, ngày 05 tháng 02 năm 2026" (Nghị định 30/2020, Phụ lục I): the day is padded below 10,
 * the month only for January and February, so "tháng 6" and "tháng 12" stay unpadded.
 */
export function formatDateLine(place: string, date: IsoDate): string {
  const { dd, mm, year } = nd30Parts(date);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

/** "05/9/2025", "05/02/2026", "15/6/2026": a date cited in a document, padded as the date line is. */
export function formatCitedDate(date: IsoDate): string {
  const { dd, mm, year } = nd30Parts(date);
  return `${dd}/${mm}/${year}`;
}

function nd30Parts(date: IsoDate) {
  const { year, month, day } = parseIsoDate(date);
  return {
    dd: String(day).padStart(2, '0'),
    mm: month <= 2 ? String(month).padStart(2, '0') : String(month),
    year,
  };
}

/**
 * The date line of a draft, before the document has been issued: "Bắc Ninh, ngày     tháng     năm
 * 2026" — the year is known, the văn thư writes the day and the month.
 */
export function blankDateLine(place: string, year?: number): string {
  return `${place}, ngày     tháng     năm${year ? ` ${year}` : ''}`;
}

/** "15/6/2026": how the plan itself writes dates in running text. */
export function formatShortDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${day}/${month}/${year}`;
}

/** "15/06/2026": for tables and lists where columns should line up. */
export function formatPaddedDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

export function describeDaysLeft(days: number): string {
  if (days === 0) return 'hạn chót là hôm nay';
  if (days > 0) return `còn ${days} ngày`;
  return `đã quá hạn ${-days} ngày`;
}

/** "ngày 15 tháng 6 năm 2026": a date in the running text of a document, padded as the date line is. */
export function formatRunningDate(date: IsoDate): string {
  const { dd, mm, year } = nd30Parts(date);
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}
