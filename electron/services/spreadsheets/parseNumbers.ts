/**
 * Numbers as Vietnamese clerks type them. The dot groups thousands and the comma marks decimals
 * ("1.234" is one thousand two hundred thirty-four, "12,5" is twelve and a half); spaces around
 * (and non-breaking spaces inside, as a thousands separator) are ignored; "80%" is a percentage.
 * Numbers typed the English way with both marks ("1,234.5") are read by the last mark being the
 * decimal one. Anything else is not a number.
 */

export type ParsedNumber =
  { kind: 'empty' } | { kind: 'number'; value: number; percent: boolean } | { kind: 'invalid' };

const GROUPED_DOTS = /^\d{1,3}(\.\d{3})+$/;
const GROUPED_COMMAS = /^\d{1,3}(,\d{3})+$/;
const PLAIN = /^\d+$/;
const DECIMAL_COMMA = /^\d+,\d+$/;
const DECIMAL_DOT = /^\d+\.\d+$/;

/** The digits part of a number without its sign or % sign; NaN when it is not a number. */
function parseMagnitude(s: string): number {
  if (PLAIN.test(s)) return Number(s);
  // "1.234" and "1.234.567": dots group thousands.
  if (GROUPED_DOTS.test(s)) return Number(s.replaceAll('.', ''));
  if (DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  // "1.5": a single dot not followed by exactly three digits can only be a decimal point.
  if (DECIMAL_DOT.test(s)) return Number(s);
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    const [group, decimal] = lastComma > lastDot ? ['.', ','] : [',', '.'];
    const [whole, fraction, ...rest] = s.split(decimal);
    if (rest.length || !whole || !fraction || !/^\d+$/.test(fraction)) return NaN;
    const grouped = group === '.' ? GROUPED_DOTS : GROUPED_COMMAS;
    if (!grouped.test(whole) && !PLAIN.test(whole)) return NaN;
    return Number(`${whole.replaceAll(group, '')}.${fraction}`);
  }
  return NaN;
}

/** A number typed as text: "1.234", "12,5", " 80 % ", "-3". */
export function parseNumberText(raw: string): ParsedNumber {
  let s = raw.normalize('NFC').trim();
  if (s === '') return { kind: 'empty' };
  // Spaces inside a number group thousands ("1 234"); Excel also uses the non-breaking space.
  s = s.replace(/[\s\u00a0\u202f]+/g, '');
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('−')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  const magnitude = parseMagnitude(s);
  if (!Number.isFinite(magnitude)) return { kind: 'invalid' };
  return { kind: 'number', value: sign * magnitude, percent };
}

/** "1.234", "12,5": a number as a Vietnamese reader expects to see it. */
export function formatNumberVi(n: number): string {
  return n.toLocaleString('vi-VN', { maximumFractionDigits: 2, useGrouping: true });
}

/**
 * The Tỷ lệ column as a percentage (80 for 80%). A cell formatted as a percentage holds the
 * fraction (0.8); "80%" typed as text is 80; a bare number up to 1 is a fraction (0.8 → 80%,
 * 1 → 100%) and above 1 a percentage (80 → 80%).
 */
export function asPercentage(value: number, percentTyped: boolean, percentFormat: boolean): number {
  if (percentTyped) return value;
  if (percentFormat) return value * 100;
  return Math.abs(value) <= 1 ? value * 100 : value;
}

/** Ratio columns accept 0.5 percentage point of rounding between the typed rate and the numbers. */
export const RATE_TOLERANCE_POINTS = 0.5;
