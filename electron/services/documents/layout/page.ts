import type { Letterhead } from '../../../../shared/domain/organization/letterhead.ts';
import { mmToTwips, textWidthTwips } from '../../../../shared/domain/documents/textMetrics.ts';
import { typeset } from '../../../../shared/domain/documents/typography.ts';
import { headerSize } from '../../../../shared/domain/organization/agencyHeading.ts';
import { upper } from '../../../../shared/domain/organization/agencyName.ts';
import type { Margins, PageSection, RuleBlock, Run, Twips } from './model.ts';

/**
 * Page, sizes and the paragraph shapes of an official document (Nghị định 30/2020, Phụ lục I), as
 * both renderers draw them.
 */

export const A4 = { width: 11906, height: 16838 } as const;

/** Font sizes in points, moving together with the department's size pair. */
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
    agency: headerSize(fontPair),
    quocHieu: headerSize(fontPair),
    tieuNgu: big ? 14 : 13,
    number: 13,
    dateLine: big ? 14 : 13,
    title: big ? 14 : 13,
    body: big ? 14 : 13,
    signer: big ? 14 : 13,
    pageNumber: big ? 14 : 13,
    recipientsLabel: 12,
    recipientsList: 11,
    table: 12,
  };
}

/** Capitals the Vietnamese way ("Sở" → "SỞ"). */
export const caps = upper;

/** A run with its text typeset: NFC, cited dates in one form, document symbols that never break. */
export const run = (text: string, style: Omit<Run, 'text'> = {}): Run => ({
  text: typeset(text),
  ...style,
});

/**
 * A solid rule `length` long, centred in `width`: 0.75 pt, drawn 1 pt below a block 4.5 pt high,
 * so it stands about 2 mm under the line above — clear of the diacritics below the letters (Ộ,
 * Ệ), a rule and not an underline.
 */
export const RULE_HEIGHT: Twips = 90;
export const RULE_THICKNESS = 0.75;

export function rule(length: Twips, width: Twips): RuleBlock {
  return { type: 'rule', length: Math.round(length), width, height: RULE_HEIGHT, thickness: RULE_THICKNESS };
}

/** Lines of a multi-line text field, one paragraph each; blank lines dropped. */
export function lines(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Widths of the lines `text` wraps to in a column `width` twips wide (greedy, by words). */
export function wrappedWidths(text: string, size: number, bold: boolean, width: Twips): Twips[] {
  const out: number[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && textWidthTwips(next, size * 2, bold) > width) {
      out.push(textWidthTwips(current, size * 2, bold));
      current = word;
    } else current = next;
  }
  if (current) out.push(textWidthTwips(current, size * 2, bold));
  return out;
}

/** Page margins from the department's settings; the page number sits 10 mm from the top edge. */
export function margins(letterhead: Letterhead): Margins {
  const m = letterhead.margins;
  return {
    top: mmToTwips(m.top),
    bottom: mmToTwips(m.bottom),
    left: mmToTwips(m.left),
    right: mmToTwips(m.right),
    header: mmToTwips(10),
  };
}

/** Twips of text width between the margins. */
export function textWidth(letterhead: Letterhead, landscape = false): Twips {
  const page = landscape ? A4.height : A4.width;
  return page - mmToTwips(letterhead.margins.left) - mmToTwips(letterhead.margins.right);
}

/** An A4 section with the department's margins and page numbers from its second page. */
export function pageSection(
  letterhead: Letterhead,
  sizes: Sizes,
  role: PageSection['role'],
  blocks: PageSection['blocks'],
): PageSection {
  const landscape = role === 'appendix';
  return {
    role,
    orientation: landscape ? 'landscape' : 'portrait',
    page: landscape ? { width: A4.height, height: A4.width } : { width: A4.width, height: A4.height },
    margins: margins(letterhead),
    pageNumberSize: sizes.pageNumber,
    restartNumbering: role === 'appendix',
    blocks,
  };
}
