import type { Letterhead, Signer } from '../../../../shared/domain/organization/letterhead.ts';
import type { Organization } from '../../../../shared/domain/organization/schemas.ts';
import { mmToTwips, textWidthTwips } from '../textMetrics.ts';
import type { Block, CellBlock, ColumnsBlock, Twips } from './model.ts';
import { caps, centred, flush, rule, run, textWidth, wrappedWidths, type Sizes } from './page.ts';

/**
 * The header table (cơ quan chủ quản / ban hành with its rule and the number; Quốc hiệu, Tiêu ngữ
 * with its rule and the date line), the title block with the trích yếu, and the closing table (Nơi
 * nhận; authority, title, signature space and name): Nghị định 30/2020, Phụ lục I.
 */

export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

/** Length of the rule under the agency name and the trích yếu: 40% of its longest line (1/3–1/2). */
export const AGENCY_RULE_SHARE = 0.4;
export const SUMMARY_RULE_SHARE = 0.4;

/** Space for the signature and the seal between the signer's title and name: 85 pt, about 3 cm. */
export const SIGNATURE_SPACE: Twips = 1700;

/** Space above "KẾ HOẠCH" / "BÁO CÁO", and above the number and date lines. */
const TITLE_BEFORE: Twips = 480;
const NUMBER_BEFORE: Twips = 160;

/**
 * Widths of the header columns: the right one 100 mm (the Quốc hiệu on one line), the left one
 * about 65 mm, widened up to 80 mm so the agency's name fits on one line where it can; the table
 * reaches into the left margin (at most to 10 mm from the edge) rather than squeezing either.
 */
export function headerWidths(
  letterhead: Letterhead,
  agency: string,
  sizes: Sizes,
): { left: Twips; right: Twips; indent: Twips } {
  const available = textWidth(letterhead);
  const right = mmToTwips(100);
  const wanted = Math.min(
    mmToTwips(80),
    Math.max(mmToTwips(65), Math.round(textWidthTwips(agency, sizes.agency * 2, true) * 1.1)),
  );
  const reach = Math.max(0, mmToTwips(letterhead.margins.left - 10));
  const indent = -Math.min(reach, Math.max(0, right + wanted - available));
  return { left: available - indent - right, right, indent };
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
  const agency = caps(h.org.name);
  const { left, right, indent } = headerWidths(h.letterhead, agency, sizes);
  const agencyLines = wrappedWidths(agency, sizes.agency, true, left);
  const agencyRule = Math.max(...agencyLines) * AGENCY_RULE_SHARE;
  const tieuNguWidth = textWidthTwips(TIEU_NGU, sizes.tieuNgu * 2, true);
  const leftTop: CellBlock[] = [
    centred([run(caps(h.org.parentName))], sizes.agency),
    centred([run(agency, { bold: true })], sizes.agency),
    rule(agencyRule, left),
  ];
  const rightTop: CellBlock[] = [
    centred([run(QUOC_HIEU, { bold: true })], sizes.quocHieu),
    centred([run(TIEU_NGU, { bold: true })], sizes.tieuNgu),
    rule(tieuNguWidth, right),
  ];
  const leftBottom: CellBlock[] = [
    { ...centred([run(h.numberLine)], sizes.number, 0, NUMBER_BEFORE), field: 'numberLine' },
  ];
  const rightBottom: CellBlock[] = [
    {
      ...centred([run(h.dateLine, { italics: true })], sizes.dateLine, 0, NUMBER_BEFORE),
      field: 'dateLine',
    },
  ];
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
    centred([run(caps(kindTitle), { bold: true })], sizes.title, 0, TITLE_BEFORE),
    centred([run(summary, { bold: true })], sizes.title),
    rule(longest * SUMMARY_RULE_SHARE, width),
    centred([], sizes.body, 120),
  ];
}

/** The Nơi nhận list as printed: "- X;" each, the last "- Lưu: VT, <unit>." */
export function recipientLines(recipients: readonly string[], archiveUnit: string): string[] {
  const archive = archiveUnit.trim() ? `Lưu: VT, ${archiveUnit.trim()}.` : 'Lưu: VT.';
  return [...recipients.map((r) => `- ${r.trim().replace(/[;.]+$/, '')};`), `- ${archive}`];
}

export interface ClosingInput {
  sizes: Sizes;
  width: Twips;
  /** Nơi nhận lines without "- " and ";" */
  recipients: string[];
  archiveUnit: string;
  signer: Signer;
}

/** Nơi nhận on the left; authority, title, space for signature and seal, and the name on the right. */
export function closingTable(c: ClosingInput): ColumnsBlock {
  const { sizes } = c;
  const left = Math.round(c.width * 0.5);
  const right = c.width - left;
  const leftCell: CellBlock[] = [
    flush([run('Nơi nhận:', { bold: true, italics: true })], sizes.recipientsLabel),
    ...recipientLines(c.recipients, c.archiveUnit).map((l) => flush([run(l)], sizes.recipientsList)),
  ];
  const rightCell: CellBlock[] = [
    ...(c.signer.authority ? [centred([run(caps(c.signer.authority), { bold: true })], sizes.signer)] : []),
    centred([run(caps(c.signer.title), { bold: true })], sizes.signer),
    { type: 'signatureSpace', height: SIGNATURE_SPACE, width: right },
    { ...centred([run(c.signer.name, { bold: true })], sizes.signer), field: 'signerName' },
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
export const beforeClosing = (sizes: Sizes) => centred([], sizes.body, 120);
