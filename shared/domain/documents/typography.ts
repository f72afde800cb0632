import { isoDate, parseIsoDate } from '../calendarDate.ts';
import { formatCitedDate } from '../vietnameseDate.ts';

/**
 * Running text as an official document sets it: Unicode NFC, dates cited in one form ("ngày
 * 05/6/2026", padded as the date line is) and document symbols that never break at their hyphen
 * ("57-NQ/TW", "34/KH-UBND"). The renderers draw U+2011 as a hyphen that does not break (Word's
 * w:noBreakHyphen; a hyphen inside an unbreakable word in the PDF).
 */

export const NB_HYPHEN = '\u2011';
export const NBSP = '\u00a0';

/** A hyphen between a capital or a digit and a capital: "57-NQ", "KH-UBND", "NĐ-CP", "QĐ-TTg". */
const SYMBOL_HYPHEN = /(?<=[0-9A-ZĐ])-(?=[A-ZĐ])/gu;

export function tieSymbols(text: string): string {
  // The check first: most text has no hyphen, and the look-behind scan is the slow part.
  return text.includes('-') ? text.replace(SYMBOL_HYPHEN, NB_HYPHEN) : text;
}

const CITED_DATE = /(^|[^\p{L}\d])([Nn]gày)\s+(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/gu;

/** "ngày 5/6/2026", "ngày 05/06/2026" → "ngày 05/6/2026"; an impossible date is left as typed. */
export function citeDates(text: string): string {
  if (!text.includes('/')) return text;
  return text.replace(CITED_DATE, (all, before: string, word: string, d: string, m: string, y: string) => {
    try {
      const date = isoDate(Number(y), Number(m), Number(d));
      parseIsoDate(date);
      return `${before}${word} ${formatCitedDate(date)}`;
    } catch {
      return all;
    }
  });
}

export function typeset(text: string): string {
  return tieSymbols(citeDates(text.normalize('NFC')));
}
