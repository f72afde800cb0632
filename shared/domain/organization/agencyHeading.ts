import { phraseLayout, phraseLines } from '../documents/phraseBreaks.ts';
import { mmToTwips, textWidthTwips } from '../documents/textMetrics.ts';
import { headingName, localCommittee, parentHeading, runningName, upper } from './agencyName.ts';
import type { Letterhead } from './letterhead.ts';

/**
 * The left column of the letterhead — cơ quan chủ quản above the agency's name — as lines, and the
 * widths of the header's two columns (Nghị định 30/2020, Phụ lục I). Shared by the document layout
 * and the "Thông tin cơ quan" page, which previews the lines while the administrator sets where
 * the name breaks.
 */

export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

/** A4 width in twips. */
const PAGE_WIDTH = 11906;

/** Quốc hiệu and the agency's name at 13 pt with the 13/14 pair, 12 pt with 12/13. */
export const headerSize = (fontPair: Letterhead['fontPair']) => (fontPair === '13/14' ? 13 : 12);

/**
 * The header table fills the text width exactly, from the left margin: the right column as wide
 * as the Quốc hiệu on one line (and a little air), the left column the rest. It never reaches into
 * the binding margin.
 */
export function headerColumns(letterhead: Pick<Letterhead, 'fontPair' | 'margins'>): {
  left: number;
  right: number;
} {
  const text = PAGE_WIDTH - mmToTwips(letterhead.margins.left) - mmToTwips(letterhead.margins.right);
  const right = textWidthTwips(QUOC_HIEU, headerSize(letterhead.fontPair) * 2, true) + mmToTwips(1.5);
  return { left: text - right, right };
}

export interface AgencyHeading {
  /** Cơ quan chủ quản, in capitals, not bold; none for a commune or ward. */
  parent: string[];
  /** The agency's own name, in capitals, bold. */
  agency: string[];
  /** Point size of both. */
  size: number;
  /** The administrator chose the breaks (letterhead.agencyLines). */
  custom: boolean;
}

interface OrgNames {
  name: string;
  parentName: string;
  letterhead: Pick<Letterhead, 'fontPair' | 'margins' | 'agencyLines'>;
}

const squash = (s: string) => upper(s).replace(/\s+/g, '');

/** Whether `lines` are the agency's heading name with line breaks only (no word changed). */
export function linesMatchName(lines: readonly string[], name: string): boolean {
  return lines.length > 0 && squash(lines.join(' ')) === squash(headingName(name));
}

/** The program's choice of lines for the agency's name at `size` in a column `width` wide. */
function defaultAgencyLines(name: string, width: number, size: number): { lines: string[]; cost: number } {
  const local = localCommittee(name);
  const options = { width, size, bold: true };
  if (local) {
    // ND30: a commune's committee in full on two lines, "ỦY BAN NHÂN DÂN" / "XÃ PHẬT TÍCH".
    const own = `${local.level} ${local.place}`;
    const rest = phraseLayout(upper(own), { ...options, typed: own });
    return { lines: ['ỦY BAN NHÂN DÂN', ...rest.lines], cost: rest.cost };
  }
  return phraseLayout(headingName(name), { ...options, typed: runningName(name) });
}

/** 12 pt instead of 13 must buy a clearly better set of lines (a line fewer, no break in a phrase). */
const SMALLER_COST = 5;

const fits = (lines: string[], width: number, size: number, bold: boolean) =>
  lines.every((l) => textWidthTwips(l, size * 2, bold) * 1.02 <= width);

/**
 * The left column's lines. The name is set at the pair's size; where 12 pt sets it clearly better
 * — a line fewer, or no break inside a phrase — (ND30 allows 12–13 pt) the parent and the name are
 * both set at 12 pt. The administrator's own breaks
 * are used when they still spell the name.
 */
export function agencyHeading(org: OrgNames): AgencyHeading {
  const { left } = headerColumns(org.letterhead);
  const pairSize = headerSize(org.letterhead.fontPair);
  const parentText = localCommittee(org.name) ? '' : parentHeading(org.parentName);
  const parentAt = (size: number) =>
    parentText ? phraseLines(parentText, { width: left, size, bold: false, typed: org.parentName }) : [];
  const custom = org.letterhead.agencyLines.map((l) => upper(l.trim().replace(/\s+/g, ' ')));
  if (linesMatchName(custom, org.name)) {
    const size = fits(custom, left, pairSize, true) || !fits(custom, left, 12, true) ? pairSize : 12;
    return { parent: parentAt(size), agency: custom, size, custom: true };
  }
  const atPair = defaultAgencyLines(org.name, left, pairSize);
  if (pairSize > 12) {
    const small = defaultAgencyLines(org.name, left, 12);
    if (small.cost + SMALLER_COST < atPair.cost) {
      return { parent: parentAt(12), agency: small.lines, size: 12, custom: false };
    }
  }
  return { parent: parentAt(pairSize), agency: atPair.lines, size: pairSize, custom: false };
}
