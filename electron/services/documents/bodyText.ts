import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import { formatCitedDate } from '../../../shared/domain/vietnameseDate.ts';
import type { ParagraphBlock } from './layout/model.ts';
import { body, lines, run, type Sizes } from './layout/page.ts';

/** Paragraph builders shared by the plan and the report bodies. */

/** "I. MỤC ĐÍCH, YÊU CẦU", "1. Công tác lãnh đạo, chỉ đạo": bold, kept with what follows. */
export function heading(text: string, sizes: Sizes): ParagraphBlock {
  return body([run(text, { bold: true })], sizes.body, true);
}

/** A multi-line text field: one justified paragraph per line. */
export function textParagraphs(text: string, sizes: Sizes, italics = false): ParagraphBlock[] {
  return lines(text).map((l) => body([run(l, { italics })], sizes.body));
}

/** "Label: text" with the label italic. */
export function labelled(label: string, text: string, sizes: Sizes): ParagraphBlock {
  return body([run(`${label}: `, { italics: true }), run(text)], sizes.body);
}

/** Vietnamese item letters: a) b) c) d) đ) e) g) h) i) k) … y), then a1) b1) … */
const LETTERS = [
  'a',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'g',
  'h',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'x',
  'y',
];
export function itemLetter(i: number): string {
  const round = Math.floor(i / LETTERS.length);
  return `${LETTERS[i % LETTERS.length]}${round ? String(round) : ''})`;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
export const roman = (i: number) => ROMAN[i] ?? String(i + 1);

/** "Kế hoạch số 34/KH-UBND ngày 20/8/2025 của UBND tỉnh Bắc Ninh" */
export function catalogReference(catalog: Catalog): string {
  return `Kế hoạch số ${catalog.number} ngày ${formatCitedDate(catalog.issuedOn)} của ${catalog.issuer}`;
}

/** The plan's title as it reads after "về": first letter lower case. */
export function catalogSubject(catalog: Catalog): string {
  const t = catalog.title.normalize('NFC').trim();
  return t.charAt(0).toLocaleLowerCase('vi-VN') + t.slice(1);
}

/** The same line ends with ";" except the last, which ends with "." (căn cứ lines). */
export function punctuateList(items: readonly string[]): string[] {
  return items.map((s, i) => `${s.trim().replace(/[;.,]+$/, '')}${i === items.length - 1 ? '.' : ';'}`);
}
