import {
  QUOC_HIEU,
  TIEU_NGU,
  agencyHeading,
  headerColumns,
} from '../../../../shared/domain/organization/agencyHeading.ts';
import type { Letterhead, Signer } from '../../../../shared/domain/organization/letterhead.ts';
import type { Organization } from '../../../../shared/domain/organization/schemas.ts';
import { phraseLines } from '../../../../shared/domain/documents/phraseBreaks.ts';
import { textWidthTwips } from '../../../../shared/domain/documents/textMetrics.ts';
import { NBSP } from '../../../../shared/domain/documents/typography.ts';
import type { Block, CellBlock, ColumnsBlock, ParagraphBlock, Twips } from './model.ts';
import { caps, rule, run, wrappedWidths, type Sizes } from './page.ts';
import { para } from './styles.ts';

/**
 * The header table (cơ quan chủ quản / ban hành with its rule and the number; Quốc hiệu, Tiêu ngữ
 * with its rule and the date line), the title block with the trích yếu, and the closing table (Nơi
 * nhận; authority, title, signature space and name): Nghị định 30/2020, Phụ lục I.
 */

export { QUOC_HIEU, TIEU_NGU };

/** Length of the rule under the agency name and the trích yếu: 40% of its longest line (1/3–1/2). */
export const AGENCY_RULE_SHARE = 0.4;
export const SUMMARY_RULE_SHARE = 0.4;

/** Space for the signature and the seal between the signer's title and name: 85 pt, about 3 cm. */
export const SIGNATURE_SPACE: Twips = 1700;

/**
 * Widths of the header columns, from the left margin (never into it): the right one as wide as
 * the Quốc hiệu on one line, the left one the rest of the text width.
 */
export function headerWidths(letterhead: Letterhead): { left: Twips; right: Twips; indent: Twips } {
  return { ...headerColumns(letterhead), indent: 0 };
}

export interface HeaderInput {
  org: Organization;
  sizes: Sizes;
  letterhead: Letterhead;
  /** "Số: 05/BC-SKHCN" or "Số:      /BC-SKHCN" */
  numberLine: string;
  /** "Bắc Ninh, ngày 05 tháng 02 năm 2026" or the blank draft line */
  dateLine: string;
}

export function headerTable(h: HeaderInput): ColumnsBlock {
  const { sizes } = h;
  const { left, right, indent } = headerWidths(h.letterhead);
  const heading = agencyHeading(h.org);
  const agencyRule =
    Math.max(...heading.agency.map((l) => textWidthTwips(l, heading.size * 2, true))) * AGENCY_RULE_SHARE;
  const tieuNguWidth = textWidthTwips(TIEU_NGU, sizes.tieuNgu * 2, true);
  // The layout sets sizes.agency to the heading's size: only an odd caller gets a direct size.
  const size = heading.size === sizes.agency ? {} : { size: heading.size };
  const leftTop: CellBlock[] = [
    ...heading.parent.map((l) => para('parent', [run(l)], sizes, size)),
    ...heading.agency.map((l) => para('agency', [run(l)], sizes, size)),
    rule(agencyRule, left),
  ];
  const rightTop: CellBlock[] = [
    para('quocHieu', [run(QUOC_HIEU)], sizes),
    para('tieuNgu', [run(TIEU_NGU)], sizes),
    rule(tieuNguWidth, right),
  ];
  const leftBottom: CellBlock[] = [para('number', [run(h.numberLine)], sizes, { field: 'numberLine' })];
  const rightBottom: CellBlock[] = [para('dateLine', [run(h.dateLine)], sizes, { field: 'dateLine' })];
  return {
    type: 'columns',
    role: 'header',
    widths: [left, right],
    indent,
    rows: [
      [leftTop, rightTop],
      [leftBottom, rightBottom],
    ],
  };
}

/** "KẾ HOẠCH" / "BÁO CÁO", then the trích yếu with its rule, then a blank line. */
export function titleBlock(kindTitle: string, summary: string, sizes: Sizes, width: Twips): Block[] {
  const longest = Math.max(...wrappedWidths(summary, sizes.title, true, width));
  return [
    para('title', [run(caps(kindTitle))], sizes),
    para('summary', [run(summary)], sizes),
    rule(longest * SUMMARY_RULE_SHARE, width),
    para('spacer', [], sizes),
  ];
}

/** The Nơi nhận list as printed: "- X;" each, the last "- Lưu: VT, <unit>." */
export function recipientLines(recipients: readonly string[], archiveUnit: string): string[] {
  const archive = archiveUnit.trim() ? `Lưu: VT, ${archiveUnit.trim()}.` : 'Lưu: VT.';
  return [...recipients.map((r) => `- ${r.trim().replace(/[;.]+$/, '')};`), `- ${archive}`];
}

/** "KT. GIÁM ĐỐC" never breaks after "KT.": the abbreviation is tied to what follows. */
export function signerLine(text: string): string {
  return caps(text.trim()).replace(/^(KT|TM|TL|TUQ|Q|Q\.\s*KT)\.\s+/u, (m) => `${m.trim()}${NBSP}`);
}

export interface ClosingInput {
  sizes: Sizes;
  width: Twips;
  /** Nơi nhận lines without "- " and ";" */
  recipients: string[];
  archiveUnit: string;
  signer: Signer;
}

/**
 * Nơi nhận on the left; authority, title, space for signature and seal, and the name on the right.
 * An empty authority (the head signs in person) or title leaves no line; a long title breaks
 * between phrases inside the column.
 */
export function closingTable(c: ClosingInput): ColumnsBlock {
  const { sizes } = c;
  const left = Math.round(c.width * 0.5);
  const right = c.width - left;
  const leftCell: CellBlock[] = [
    para('recipientsLabel', [run('Nơi nhận:')], sizes),
    ...recipientLines(c.recipients, c.archiveUnit).map((l) => para('recipients', [run(l)], sizes)),
  ];
  const signerLines = (text: string): ParagraphBlock[] =>
    text.trim()
      ? phraseLines(signerLine(text).replace(NBSP, ' '), {
          width: right,
          size: sizes.signer,
          bold: true,
        }).map((l) => para('signer', [run(signerLine(l))], sizes))
      : [];
  const rightCell: CellBlock[] = [
    ...signerLines(c.signer.authority),
    ...signerLines(c.signer.title),
    { type: 'signatureSpace', height: SIGNATURE_SPACE, width: right },
    para('signerName', [run(c.signer.name)], sizes, { field: 'signerName' }),
  ];
  return {
    type: 'columns',
    role: 'closing',
    widths: [left, right],
    indent: 0,
    rows: [[leftCell, rightCell]],
  };
}

/** The blank line before the closing table. */
export const beforeClosing = (sizes: Sizes) => para('spacer', [], sizes);
