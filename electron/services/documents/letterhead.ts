import {
  AlignmentType,
  BorderStyle,
  Header,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IPropertiesOptions,
  type ISectionPropertiesOptions,
  type ParagraphChild,
} from 'docx';
import type { Letterhead, Signer } from '../../../shared/domain/organization/letterhead.ts';
import type { Organization } from '../../../shared/domain/organization/schemas.ts';
import { mmToTwips, textWidthTwips } from './textMetrics.ts';

/**
 * What every official document shares (Nghị định 30/2020, Phụ lục I): A4 page and margins from the
 * department's settings, Times New Roman everywhere, the header table (cơ quan, Quốc hiệu, Tiêu
 * ngữ, số, ngày), page numbers from page 2, body paragraph formatting and the closing table.
 */

export const FONT = 'Times New Roman';
export const fonts = { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT };
export const BLACK = '000000';
export const A4 = { width: 11906, height: 16838 };

/** Font sizes in half-points (w:sz), moving together with the department's size pair. */
export interface Sizes {
  agency: number;
  quocHieu: number;
  tieuNgu: number;
  number: number;
  dateLine: number;
  title: number;
  body: number;
  signer: number;
  pageNumber: number;
  recipientsLabel: number;
  recipientsList: number;
  table: number;
}

export function sizesFor(fontPair: Letterhead['fontPair']): Sizes {
  const big = fontPair === '13/14';
  return {
    agency: big ? 26 : 24,
    quocHieu: big ? 26 : 24,
    tieuNgu: big ? 28 : 26,
    number: 26,
    dateLine: big ? 28 : 26,
    title: big ? 28 : 26,
    body: big ? 28 : 26,
    signer: big ? 28 : 26,
    pageNumber: big ? 28 : 26,
    recipientsLabel: 24,
    recipientsList: 22,
    table: 24,
  };
}

export interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
}

/** One run: NFC text, Times New Roman in all four slots, black. */
export function run(text: string, style: RunStyle): TextRun {
  return new TextRun({
    text: text.normalize('NFC'),
    font: fonts,
    color: BLACK,
    size: style.size,
    bold: style.bold,
    italics: style.italics,
  });
}

/** Capitals the Vietnamese way ("Sở" → "SỞ"). */
export const caps = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi-VN');

/** Paragraph-mark properties, so even an empty paragraph names the font. */
const mark = (size: number) => ({ font: fonts, size, color: BLACK });

export function centred(
  children: ParagraphChild[],
  size: number,
  spacingAfter = 0,
  spacingBefore = 0,
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: spacingBefore, after: spacingAfter, line: 240, lineRule: LineRuleType.AUTO },
    run: mark(size),
    children,
  });
}

export const FIRST_LINE_INDENT = 567;
export const PARAGRAPH_AFTER = 120;

/** A body paragraph: justified, first-line indent 1 cm, 6 pt after, 1.2 lines. */
export function body(children: ParagraphChild[], size: number, keepNext = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: { before: 0, after: PARAGRAPH_AFTER, line: 288, lineRule: LineRuleType.AUTO },
    keepNext,
    run: mark(size),
    children,
  });
}

/** Lines of a multi-line text field, one paragraph each; blank lines dropped. */
export function lines(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/**
 * A solid rule `length` twips long, centred in `width`: the bottom border of an almost empty
 * paragraph whose indents leave exactly that length.
 */
export function rule(length: number, width: number): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: BLACK, space: 1 } },
    run: mark(2),
    children: [],
  });
}

/** Widths of the lines `text` wraps to in a column `width` twips wide (greedy, by words). */
export function wrappedWidths(text: string, halfPoints: number, bold: boolean, width: number): number[] {
  const out: number[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && textWidthTwips(next, halfPoints, bold) > width) {
      out.push(textWidthTwips(current, halfPoints, bold));
      current = word;
    } else current = next;
  }
  if (current) out.push(textWidthTwips(current, halfPoints, bold));
  return out;
}

/** Twips of text width between the margins. */
export function textWidth(letterhead: Letterhead, landscape = false): number {
  const page = landscape ? A4.height : A4.width;
  return page - mmToTwips(letterhead.margins.left) - mmToTwips(letterhead.margins.right);
}

/** Page size, margins, page numbers in the top margin and an empty first-page header. */
export function sectionProperties(
  letterhead: Letterhead,
  opts: { landscape?: boolean; restartNumbering?: boolean } = {},
): ISectionPropertiesOptions {
  const m = letterhead.margins;
  return {
    titlePage: true,
    page: {
      size: {
        width: A4.width,
        height: A4.height,
        orientation: opts.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: {
        top: mmToTwips(m.top),
        bottom: mmToTwips(m.bottom),
        left: mmToTwips(m.left),
        right: mmToTwips(m.right),
        header: mmToTwips(10),
        footer: mmToTwips(10),
        gutter: 0,
      },
      pageNumbers: opts.restartNumbering ? { start: 1 } : undefined,
    },
  };
}

/** Arabic page number centred in the top margin; nothing on the first page. */
export function pageHeaders(sizes: Sizes) {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          run: mark(sizes.pageNumber),
          children: [
            new TextRun({
              children: [PageNumber.CURRENT],
              font: fonts,
              color: BLACK,
              size: sizes.pageNumber,
            }),
          ],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ run: mark(sizes.pageNumber), children: [] })] }),
  };
}

/** Styles: Times New Roman and black in the document defaults and in every built-in style. */
export function documentStyles(sizes: Sizes): Pick<IPropertiesOptions, 'styles' | 'theme'> {
  const black = { run: { font: fonts, color: BLACK } };
  return {
    styles: {
      default: {
        document: {
          run: { font: fonts, size: sizes.body, color: BLACK },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
        title: black,
        heading1: black,
        heading2: black,
        heading3: black,
        heading4: black,
        heading5: black,
        heading6: black,
        strong: black,
        listParagraph: black,
        caption: black,
        hyperlink: { run: { color: BLACK } },
        footnoteText: black,
      },
    },
    theme: { fonts: { headings: FONT, body: FONT } },
  };
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  left: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  right: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'auto' },
};
const ZERO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

/** A borderless two-column table with zero padding and explicit widths everywhere. */
function layoutTable(widths: [number, number], rows: (Paragraph | Table)[][][], indent = 0): Table {
  const cell = (children: (Paragraph | Table)[], i: 0 | 1) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      margins: ZERO_MARGINS,
      borders: NO_BORDERS,
      verticalAlign: VerticalAlignTable.TOP,
      children,
    });
  return new Table({
    columnWidths: widths,
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    indent: { size: indent, type: WidthType.DXA },
    borders: NO_BORDERS,
    margins: ZERO_MARGINS,
    rows: rows.map((r) => new TableRow({ cantSplit: true, children: [cell(r[0]!, 0), cell(r[1]!, 1)] })),
  });
}

export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

/**
 * Widths of the header columns: the right one 100 mm (the Quốc hiệu on one line), the left one
 * about 65 mm, widened up to 80 mm so the agency's name fits on one line where it can; the table
 * reaches into the left margin (at most to 10 mm from the edge) rather than squeezing either.
 */
export function headerWidths(
  letterhead: Letterhead,
  agency: string,
  sizes: Sizes,
): { left: number; right: number; indent: number } {
  const available = textWidth(letterhead);
  const right = mmToTwips(100);
  const wanted = Math.min(
    mmToTwips(80),
    Math.max(mmToTwips(65), Math.round(textWidthTwips(agency, sizes.agency, true) * 1.1)),
  );
  const reach = Math.max(0, mmToTwips(letterhead.margins.left - 10));
  const indent = -Math.min(reach, Math.max(0, right + wanted - available));
  return { left: available - indent - right, right, indent };
}

/** Length of the rule under the agency name: 40% of its longest line (1/3–1/2 required). */
export const AGENCY_RULE_SHARE = 0.4;

export interface HeaderInput {
  org: Organization;
  sizes: Sizes;
  letterhead: Letterhead;
  /** "Số: 05/BC-SKHCN" or "Số:      /BC-SKHCN" */
  numberLine: string;
  /** "Bắc Ninh, ngày 05 tháng 02 năm 2026" or the blank draft line */
  dateLine: string;
}

/** The header: cơ quan chủ quản / ban hành with its rule and the number; Quốc hiệu, Tiêu ngữ, date. */
export function headerTable(h: HeaderInput): Table {
  const { sizes } = h;
  const agency = caps(h.org.name);
  const { left, right, indent } = headerWidths(h.letterhead, agency, sizes);
  const agencyLines = wrappedWidths(agency, sizes.agency, true, left);
  const agencyRule = Math.round(Math.max(...agencyLines) * AGENCY_RULE_SHARE);
  const tieuNguWidth = textWidthTwips(TIEU_NGU, sizes.tieuNgu, true);
  const leftTop = [
    centred([run(caps(h.org.parentName), { size: sizes.agency })], sizes.agency),
    centred([run(agency, { size: sizes.agency, bold: true })], sizes.agency),
    rule(agencyRule, left),
  ];
  const rightTop = [
    centred([run(QUOC_HIEU, { size: sizes.quocHieu, bold: true })], sizes.quocHieu),
    centred([run(TIEU_NGU, { size: sizes.tieuNgu, bold: true })], sizes.tieuNgu),
    rule(tieuNguWidth, right),
  ];
  const leftBottom = [centred([run(h.numberLine, { size: sizes.number })], sizes.number, 0, 160)];
  const rightBottom = [
    centred([run(h.dateLine, { size: sizes.dateLine, italics: true })], sizes.dateLine, 0, 160),
  ];
  return layoutTable(
    [left, right],
    [
      [leftTop, rightTop],
      [leftBottom, rightBottom],
    ],
    indent,
  );
}

/** "KẾ HOẠCH" / "BÁO CÁO", then the trích yếu with its rule. */
export function titleBlock(kindTitle: string, summary: string, sizes: Sizes, width: number): Paragraph[] {
  const summaryLines = wrappedWidths(summary, sizes.title, true, width);
  const longest = Math.max(...summaryLines);
  return [
    centred([run(caps(kindTitle), { size: sizes.title, bold: true })], sizes.title, 0, 480),
    centred([run(summary, { size: sizes.title, bold: true })], sizes.title),
    rule(Math.round(longest * 0.4), width),
    centred([], sizes.body, 120),
  ];
}

export interface ClosingInput {
  sizes: Sizes;
  width: number;
  /** Nơi nhận lines without "- " and ";" */
  recipients: string[];
  archiveUnit: string;
  signer: Signer;
}

/** The Nơi nhận list as printed: "- X;" each, the last "- Lưu: VT, <unit>." */
export function recipientLines(recipients: readonly string[], archiveUnit: string): string[] {
  const archive = archiveUnit.trim() ? `Lưu: VT, ${archiveUnit.trim()}.` : 'Lưu: VT.';
  return [...recipients.map((r) => `- ${r.trim().replace(/[;.]+$/, '')};`), `- ${archive}`];
}

/** Nơi nhận on the left; authority, title, space for signature and seal, and the name on the right. */
export function closingTable(c: ClosingInput): Table {
  const { sizes } = c;
  const left = Math.round(c.width * 0.5);
  const right = c.width - left;
  const flush = (text: string, style: RunStyle) =>
    new Paragraph({
      alignment: AlignmentType.LEFT,
      spacing: { before: 0, after: 0 },
      run: mark(style.size),
      children: [run(text, style)],
    });
  const leftCell = [
    flush('Nơi nhận:', { size: sizes.recipientsLabel, bold: true, italics: true }),
    ...recipientLines(c.recipients, c.archiveUnit).map((l) => flush(l, { size: sizes.recipientsList })),
  ];
  const signerStyle = { size: sizes.signer, bold: true };
  const rightCell = [
    ...(c.signer.authority ? [centred([run(caps(c.signer.authority), signerStyle)], sizes.signer)] : []),
    centred([run(caps(c.signer.title), signerStyle)], sizes.signer),
    // Space for the signature and the seal: about 3 cm.
    centred([run(c.signer.name, signerStyle)], sizes.signer, 0, 1700),
  ];
  return layoutTable([left, right], [[leftCell, rightCell]]);
}
