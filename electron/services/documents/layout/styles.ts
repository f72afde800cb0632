import type { ParagraphBlock, ParagraphKind, ParagraphStyle, Run, Twips } from './model.ts';
import type { Sizes } from './page.ts';

/**
 * The shape of every kind of paragraph in an ND30 document, in one table: the layout builds its
 * blocks from it, the .docx defines each kind once as a named style in styles.xml, the PDF draws
 * the blocks' resolved values. Sizes follow the department's font pair.
 */

/** First-line indent of running text: 1 cm. */
export const FIRST_LINE_INDENT: Twips = 567;
/** 6 pt after each paragraph of running text. */
export const PARAGRAPH_AFTER: Twips = 120;
/** Running text at 1.2 lines. */
export const BODY_LINE_SPACING = 1.2;
/** Space above "KẾ HOẠCH" / "BÁO CÁO", and above the number and date lines. */
export const TITLE_BEFORE: Twips = 480;
export const NUMBER_BEFORE: Twips = 160;

const shape = (
  size: number,
  align: ParagraphStyle['align'],
  o: Partial<ParagraphStyle> = {},
): ParagraphStyle => ({
  size,
  align,
  firstLineIndent: 0,
  before: 0,
  after: 0,
  lineSpacing: 1,
  keepNext: false,
  bold: false,
  italics: false,
  ...o,
});

function table(s: Sizes): Record<ParagraphKind, ParagraphStyle> {
  const running = (o: Partial<ParagraphStyle> = {}) =>
    shape(s.body, 'justify', {
      firstLineIndent: FIRST_LINE_INDENT,
      after: PARAGRAPH_AFTER,
      lineSpacing: BODY_LINE_SPACING,
      ...o,
    });
  const heading = (italics: boolean) => running({ bold: true, italics, keepNext: true });
  return {
    body: running(),
    basis: running({ italics: true }),
    heading1: heading(false),
    heading2: heading(false),
    heading3: heading(true),
    title: shape(s.title, 'center', { bold: true, before: TITLE_BEFORE }),
    summary: shape(s.title, 'center', { bold: true }),
    addressee: shape(s.body, 'center', { after: 240 }),
    spacer: shape(s.body, 'center', { after: 120 }),
    rule: shape(1, 'center'),
    parent: shape(s.agency, 'center'),
    agency: shape(s.agency, 'center', { bold: true }),
    quocHieu: shape(s.quocHieu, 'center', { bold: true }),
    tieuNgu: shape(s.tieuNgu, 'center', { bold: true }),
    number: shape(s.number, 'center', { before: NUMBER_BEFORE }),
    dateLine: shape(s.dateLine, 'center', { before: NUMBER_BEFORE, italics: true }),
    recipientsLabel: shape(s.recipientsLabel, 'left', { bold: true, italics: true }),
    recipients: shape(s.recipientsList, 'left'),
    signer: shape(s.signer, 'center', { bold: true }),
    signerName: shape(s.signer, 'center', { bold: true }),
    appendixLabel: shape(s.title, 'center', { bold: true }),
    appendixTitle: shape(s.title, 'center', { bold: true }),
    appendixReference: shape(s.title, 'center', { italics: true, after: 240 }),
    tableText: shape(s.table, 'left'),
    tableTextCentred: shape(s.table, 'center'),
    tableHeader: shape(s.table, 'center', { bold: true }),
    pageNumber: shape(s.pageNumber, 'center'),
  };
}

const cache = new WeakMap<Sizes, Record<ParagraphKind, ParagraphStyle>>();

/** The styles of a document set in `sizes` (the same object gives the same table). */
export function stylesFor(sizes: Sizes): Record<ParagraphKind, ParagraphStyle> {
  let t = cache.get(sizes);
  if (!t) cache.set(sizes, (t = table(sizes)));
  return t;
}

/**
 * A paragraph of a kind: the kind's shape, with `o` where this one differs (more space before,
 * kept with the next). A run that says nothing about its weight or slant takes the kind's.
 */
export function para(
  kind: ParagraphKind,
  runs: Run[],
  sizes: Sizes,
  o: Partial<Omit<ParagraphBlock, 'type' | 'kind' | 'runs'>> = {},
): ParagraphBlock {
  const { bold, italics, ...rest } = stylesFor(sizes)[kind];
  return {
    type: 'paragraph',
    kind,
    runs: runs.map((r) => ({ ...r, bold: r.bold ?? bold, italics: r.italics ?? italics })),
    ...rest,
    ...o,
  };
}
