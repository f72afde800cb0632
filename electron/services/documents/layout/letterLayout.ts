import { parseIsoDate, vietnamToday } from '../../../../shared/domain/calendarDate.ts';
import type { LetterExchange } from '../../../../shared/domain/documents/exchange.ts';
import { textWidthTwips } from '../../../../shared/domain/documents/textMetrics.ts';
import { letterSummaryLine, validateLetter } from '../../../../shared/domain/letters/letterContent.ts';
import { agencyHeading } from '../../../../shared/domain/organization/agencyHeading.ts';
import { AppError } from '../../../../shared/errors.ts';
import { textParagraphs } from '../bodyText.ts';
import { dateLine, numberLine } from '../documentNumber.ts';
import { keptWithClosing, type LayoutOptions } from './documentLayout.ts';
import { beforeClosing, closingTable, headerTable } from './letterhead.ts';
import type { Block, LaidOutDocument, ParagraphBlock } from './model.ts';
import { pageSection, run, sizesFor, textWidth, type Sizes } from './page.ts';
import { para, stylesFor } from './styles.ts';

/**
 * The công văn (Nghị định 30/2020, Phụ lục I, III): the same header and closing as every document,
 * but no tên loại: under "Số: 12/SKHCN-VP" (no type code) the trích yếu "V/v …" at 12 pt, upright,
 * centred in the left column; then "Kính gửi:" with its addressees — on the same line when there is
 * one, else one per line "- Sở …;", the last ending with "." —, the text, Nơi nhận ("- Như trên;"
 * first) and the signature block. Both renderers draw this as they draw a report.
 */

/** The trích yếu of a công văn: 12 pt (12–13 allowed), upright, a little below the number. */
export const LETTER_SUMMARY_SIZE = 12;
const SUMMARY_BEFORE = 60;
/** "Kính gửi:" starts at a quarter of the text width, as công văn are commonly set. */
const ADDRESSEE_SHARE = 0.22;

/** "Kính gửi: Sở Tài chính." or "Kính gửi:" then "- Sở A;" … "- Sở Z.": the lines as printed. */
export function addresseeLines(addressees: readonly string[]): string[] {
  const clean = addressees.map((a) => a.trim().replace(/[;.,]+$/u, '')).filter(Boolean);
  if (clean.length === 1) return [`Kính gửi: ${clean[0]}.`];
  return ['Kính gửi:', ...clean.map((a, i) => `- ${a}${i === clean.length - 1 ? '.' : ';'}`)];
}

function addresseeBlock(addressees: readonly string[], sizes: Sizes, width: number): ParagraphBlock[] {
  const lines = addresseeLines(addressees);
  const start = Math.round(width * ADDRESSEE_SHARE);
  // The list lines up under the first addressee, after "Kính gửi: ".
  const listIndent = start + Math.round(textWidthTwips('Kính gửi: ', sizes.body * 2, false));
  return lines.map((l, i) =>
    para('addressee', [run(l)], sizes, {
      align: 'left',
      firstLineIndent: i === 0 ? start : listIndent,
      after: i === lines.length - 1 ? 240 : 0,
    }),
  );
}

/** Nơi nhận: "Như trên" for the addressees, then the letter's own list. */
export function letterRecipients(recipients: readonly string[]): string[] {
  return ['Như trên', ...recipients.filter((r) => r.trim().toLocaleLowerCase('vi-VN') !== 'như trên')];
}

export function layoutLetter(doc: LetterExchange, options: LayoutOptions = {}): LaidOutDocument {
  const errors = validateLetter(doc.content).filter((i) => i.severity === 'error');
  if (errors.length) {
    throw new AppError('VALIDATION', `Không lập được công văn: ${errors.map((e) => e.message).join('; ')}`);
  }
  const letterhead = doc.organization.letterhead;
  const sizes = { ...sizesFor(letterhead.fontPair), agency: agencyHeading(doc.organization).size };
  const width = textWidth(letterhead);
  const year = options.now
    ? parseIsoDate(vietnamToday(options.now)).year
    : parseIsoDate(doc.meta.issuedOn ?? doc.content.subject?.deadline ?? '2026-01-01').year;
  const header = headerTable({
    org: doc.organization,
    sizes,
    letterhead,
    numberLine: numberLine(doc),
    dateLine: dateLine(doc, year),
  });
  // The trích yếu sits under the number, in the same cell: it stays with it whatever the renderer.
  const [top, bottom] = header.rows;
  const withSummary = {
    ...header,
    rows: [
      top!,
      [
        [
          ...bottom![0],
          para('number', [run(letterSummaryLine(doc.content))], sizes, {
            size: LETTER_SUMMARY_SIZE,
            before: SUMMARY_BEFORE,
          }),
        ],
        bottom![1],
      ],
    ] as typeof header.rows,
  };
  const blocks: Block[] = [
    withSummary,
    para('spacer', [], sizes),
    ...addresseeBlock(doc.content.addressees, sizes, width),
    ...keptWithClosing(textParagraphs(doc.content.body, sizes)),
    { ...beforeClosing(sizes), keepNext: true },
    closingTable({
      sizes,
      width,
      recipients: letterRecipients(doc.content.recipients),
      archiveUnit: doc.content.draftingUnit || letterhead.archiveUnit,
      signer: doc.signer,
    }),
  ];
  return {
    title: doc.meta.title.normalize('NFC'),
    author: doc.organization.name.normalize('NFC'),
    bodySize: sizes.body,
    styles: stylesFor(sizes),
    sections: [pageSection(letterhead, sizes, 'body', blocks)],
    createdAt:
      options.now ?? (doc.meta.issuedOn ? new Date(`${doc.meta.issuedOn}T00:00:00+07:00`) : new Date(0)),
  };
}
