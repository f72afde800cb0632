import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import { formatCitedDate } from '../../../shared/domain/vietnameseDate.ts';
import type { Block, ParagraphBlock } from './layout/model.ts';
import { caps, lines, run, type Sizes } from './layout/page.ts';
import { para } from './layout/styles.ts';

/** Paragraph builders shared by the plan and the report bodies. */

/**
 * "I. MỤC ĐÍCH, YÊU CẦU", "1. Công tác lãnh đạo, chỉ đạo": bold; "a) …" and "1.1. …" bold italic.
 * Headings, and only headings, are kept with what follows them.
 */
export function heading(text: string, sizes: Sizes, level: 1 | 2 | 3 = 1): ParagraphBlock {
  return para(level === 1 ? 'heading1' : level === 2 ? 'heading2' : 'heading3', [run(text)], sizes);
}

/** "1. Tồn tại, hạn chế", "a) Nguyên nhân", "1.2. Kết quả": a short numbered line that ends no sentence. */
const TYPED_HEADING = /^(?:(\d+\.\d+(?:\.\d+)*\.?|[a-zđ]\))|(\d+\.|[IVX]+\.))\s+\S/u;
const HEADING_MAX = 120;

function typedHeadingLevel(line: string): 2 | 3 | null {
  const m = TYPED_HEADING.exec(line);
  if (!m || line.length > HEADING_MAX || /[.;,]$/.test(line)) return null;
  return m[1] ? 3 : 2;
}

/**
 * A multi-line text field: one justified paragraph per line. A sub-heading the clerk typed ("1.
 * Tồn tại, hạn chế") is set like a generated one, unless nothing follows it.
 */
export function textParagraphs(text: string, sizes: Sizes, italics = false): ParagraphBlock[] {
  const all = lines(text);
  return all.map((l, i) => {
    const level = typedHeadingLevel(l);
    const next = all[i + 1];
    if (level && next !== undefined && typedHeadingLevel(next) === null) return heading(l, sizes, level);
    return para('body', [run(l, { italics })], sizes);
  });
}

/** A part of the document: its title (numbered when printed) and what it holds. */
export interface Section {
  title: string;
  blocks: Block[];
}

/**
 * Sections numbered in print order — "I. KẾT QUẢ THỰC HIỆN" (Roman, capitals) or "1. Công tác
 * lãnh đạo, chỉ đạo" (Arabic) — leaving out any section with nothing in it: no bare headings.
 */
export function numberedSections(
  sections: readonly Section[],
  sizes: Sizes,
  style: 'roman' | 'arabic',
): Block[] {
  return sections
    .filter((s) => s.blocks.length > 0)
    .flatMap((s, i) => [
      style === 'roman'
        ? heading(`${roman(i)}. ${caps(s.title)}`, sizes, 1)
        : heading(`${i + 1}. ${s.title}`, sizes, 2),
      ...s.blocks,
    ]);
}

/** The last paragraph of the body ends with "./." (Nghị định 30/2020: the end of the text). */
export function endWithMark(blocks: Block[]): Block[] {
  const at = blocks.findLastIndex((b) => b.type === 'paragraph' && b.runs.some((r) => r.text.trim()));
  const last = blocks[at];
  if (!last || last.type !== 'paragraph') return blocks;
  const runs = [...last.runs];
  const r = runs[runs.length - 1]!;
  runs[runs.length - 1] = {
    ...r,
    text: r.text.endsWith('./.') ? r.text : `${r.text.replace(/[\s.;:,]+$/, '')}./.`,
  };
  return [...blocks.slice(0, at), { ...last, runs }, ...blocks.slice(at + 1)];
}

/** "Label: text" with the label italic. */
export function labelled(label: string, text: string, sizes: Sizes): ParagraphBlock {
  return para('body', [run(`${label}: `, { italics: true }), run(text)], sizes);
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
