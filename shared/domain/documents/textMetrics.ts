/**
 * How wide a line of Times New Roman is, to size the rules under the agency name, the Tiêu ngữ and
 * the trích yếu (Nghị định 30/2020: 1/3–1/2 of the text, or as long as it). Advance widths in
 * 1/1000 em from the Times Roman / Times Bold metrics; a Vietnamese letter is as wide as its base
 * letter (diacritics sit above or below it), Ơ/Ư a little wider for the horn.
 */

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
// prettier-ignore
const regularUpper = [722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611];
// prettier-ignore
const regularLower = [444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444];
// prettier-ignore
const boldUpper = [722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667];
// prettier-ignore
const boldLower = [500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444];

const punctuation: Record<string, [number, number]> = {
  ' ': [250, 250],
  '-': [333, 333],
  ',': [250, 250],
  '.': [250, 250],
  ':': [278, 333],
  ';': [278, 333],
  '/': [278, 278],
  '(': [333, 333],
  ')': [333, 333],
  '&': [778, 833],
  '%': [833, 1000],
  '"': [408, 555],
  '\u00a0': [250, 250],
};

function measure(ch: string, bold: boolean): number {
  const base = ch.normalize('NFD')[0] ?? ch;
  // A non-breaking hyphen is drawn as a hyphen.
  const letter = base === 'Đ' ? 'D' : base === 'đ' ? 'd' : base === '\u2011' ? '-' : base;
  const u = UPPER.indexOf(letter);
  let width: number;
  if (u >= 0) width = (bold ? boldUpper : regularUpper)[u]!;
  else if (LOWER.indexOf(letter) >= 0) width = (bold ? boldLower : regularLower)[LOWER.indexOf(letter)]!;
  else if (/\d/.test(letter)) width = 500;
  else width = punctuation[letter]?.[bold ? 1 : 0] ?? 500;
  // The horn of Ơ, Ư, ơ, ư sticks out to the right.
  if (/[\u031B]/.test(ch.normalize('NFD'))) width += 60;
  return width;
}

/**
 * Each character measured once: the layout of a 300-activity plan and a 5,000-row sheet ask for
 * the same few hundred characters hundreds of thousands of times.
 */
const measured = [new Map<string, number>(), new Map<string, number>()] as const;

function advance(ch: string, bold: boolean): number {
  const known = measured[bold ? 1 : 0];
  let width = known.get(ch);
  if (width === undefined) known.set(ch, (width = measure(ch, bold)));
  return width;
}

/** Width of `text` in 1/1000 em: widths add up, so a line can be measured word by word. */
export function emWidth(text: string, bold: boolean): number {
  let em = 0;
  for (const ch of text.normalize('NFC')) em += advance(ch, bold);
  return em;
}

/** em/1000 × size in points × 20 twips per point. */
export const emToTwips = (em: number, halfPoints: number) => Math.round((em / 1000) * (halfPoints / 2) * 20);

/** Width in twips (1/20 pt) of `text` set in Times New Roman at `halfPoints` (w:sz). */
export function textWidthTwips(text: string, halfPoints: number, bold: boolean): number {
  return emToTwips(emWidth(text, bold), halfPoints);
}

export const MM = 1440 / 25.4;
export const mmToTwips = (mm: number) => Math.round(mm * MM);
