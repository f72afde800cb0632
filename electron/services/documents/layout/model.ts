/**
 * The laid-out official document: what the ND30 layout decides (pages, margins, sizes, widths, rule
 * lengths, spacing, the header and closing tables, the blocks of the body, the appendix) and what
 * both renderers draw — the .docx builder (docx/) and the PDF builder (pdf/) — so the two cannot
 * drift. Nothing here knows about a file format.
 *
 * Lengths are in twips (1/20 pt), the unit Word stores, so the .docx gets exact integers; the PDF
 * divides by 20. Font sizes are in points.
 */

export type Twips = number;

export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
}

/**
 * Parts of the document filled in or overlaid after the head has signed the PDF: the number and
 * the date lines, and the signer's name (the signature space sits right above it); and the
 * "Phụ lục" label that opens an appendix.
 */
export type FieldId = 'numberLine' | 'dateLine' | 'signerName' | 'appendixLabel';

/**
 * The kinds of paragraph an ND30 document is made of. Each has one shape (ParagraphStyle) per
 * document; the .docx defines each kind once as a named style and its paragraphs refer to it.
 */
export type ParagraphKind =
  | 'body'
  | 'basis'
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'title'
  | 'summary'
  | 'addressee'
  | 'spacer'
  | 'rule'
  | 'parent'
  | 'agency'
  | 'quocHieu'
  | 'tieuNgu'
  | 'number'
  | 'dateLine'
  | 'recipientsLabel'
  | 'recipients'
  | 'signer'
  | 'signerName'
  | 'appendixLabel'
  | 'appendixTitle'
  | 'appendixReference'
  | 'tableText'
  | 'tableTextCentred'
  | 'tableHeader'
  | 'pageNumber';

/** What a kind of paragraph looks like; a paragraph block carries the same values, resolved. */
export interface ParagraphStyle {
  size: number;
  align: 'left' | 'center' | 'justify';
  firstLineIndent: Twips;
  before: Twips;
  after: Twips;
  lineSpacing: number;
  keepNext: boolean;
  /** Weight and slant of the kind's text (a run may differ: a bold label in a body paragraph). */
  bold: boolean;
  italics: boolean;
}

export interface ParagraphBlock {
  type: 'paragraph';
  kind: ParagraphKind;
  /** Empty for a blank line (a spacer one line high). */
  runs: Run[];
  size: number;
  align: 'left' | 'center' | 'justify';
  firstLineIndent: Twips;
  before: Twips;
  after: Twips;
  /** Line spacing as a multiple of single spacing (1 = single, 1.2, …). */
  lineSpacing: number;
  /** Keep on the same page as the next block (headings). */
  keepNext: boolean;
  field?: FieldId;
}

/** A solid horizontal rule `length` long, centred in a column `width` wide; the block is `height` high. */
export interface RuleBlock {
  type: 'rule';
  length: Twips;
  width: Twips;
  height: Twips;
  /** Line thickness in points. */
  thickness: number;
}

/** The empty space for the signature image and the seal, between the signer's title and name. */
export interface SignatureSpaceBlock {
  type: 'signatureSpace';
  height: Twips;
  width: Twips;
}

export type CellBlock = ParagraphBlock | RuleBlock | SignatureSpaceBlock;

/**
 * A borderless two-column table with zero padding (the header and the closing of Nghị định 30):
 * explicit widths, `indent` from the left margin (negative reaches into it), rows never split.
 */
export interface ColumnsBlock {
  type: 'columns';
  role: 'header' | 'closing';
  widths: [Twips, Twips];
  indent: Twips;
  rows: [CellBlock[], CellBlock[]][];
}

export interface GridCell {
  /** One paragraph per entry. */
  lines: string[];
  bold: boolean;
  align: 'left' | 'center';
  /** How many grid columns the cell spans (1 for most). */
  span: number;
}

/** A ruled table (the appendix): a header row repeated on every page, rows never split. */
export interface GridBlock {
  type: 'grid';
  widths: Twips[];
  size: number;
  padding: { vertical: Twips; horizontal: Twips };
  /** Rule thickness in points. */
  thickness: number;
  header: GridCell[];
  rows: GridCell[][];
}

export type Block = ParagraphBlock | RuleBlock | ColumnsBlock | GridBlock;

export interface Margins {
  top: Twips;
  bottom: Twips;
  left: Twips;
  right: Twips;
  /** Distance of the page number from the top edge. */
  header: Twips;
}

export interface PageSection {
  /** The body of the document, or an appendix (numbered on its own, starting a new page). */
  role: 'body' | 'appendix';
  orientation: 'portrait' | 'landscape';
  /** Page size as placed (width > height in landscape). */
  page: { width: Twips; height: Twips };
  margins: Margins;
  /** Page numbers: Arabic, centred in the top margin, none on the section's first page. */
  pageNumberSize: number;
  restartNumbering: boolean;
  blocks: Block[];
}

export interface LaidOutDocument {
  title: string;
  author: string;
  /** Size of running text: the default for anything not sized. */
  bodySize: number;
  /** The shape of each kind of paragraph in this document (sizes follow the font pair). */
  styles: Record<ParagraphKind, ParagraphStyle>;
  sections: PageSection[];
  /** CreationDate / dcterms:created: the caller's clock, else the issue date, else 1970-01-01. */
  createdAt: Date;
}
