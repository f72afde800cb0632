import type {
  Block,
  CellBlock,
  ColumnsBlock,
  GridBlock,
  GridCell,
  LaidOutDocument,
  ParagraphBlock,
  ParagraphKind,
  RuleBlock,
  Run,
} from '../layout/model.ts';
import { RULE_HEIGHT, RULE_THICKNESS } from '../layout/page.ts';
import { BLACK, PARAGRAPH_STYLES, characterStyle, halfPoints, lineTwips } from './docxStyles.ts';

/**
 * The laid-out blocks as WordprocessingML, written straight to a string. Each paragraph names its
 * kind's style (docxStyles.ts) and states directly only what the style cannot say for it: the
 * space for the signature above the signer's name, the indents that set a rule's length, the last
 * paragraph kept with the closing, a size the agency's heading shrinks to. A run names a character
 * style only where its weight or slant differs from its paragraph's.
 *
 * Why not the docx library's Paragraph and Table objects: for the 300-activity plan (about 2,900
 * paragraphs, 2,100 cells) building and serialising them was most of the .docx's 200–650 ms, mostly
 * object preparation, spreading and garbage collection; the library needs about 100 ms of CPU for
 * the same paragraphs and cells with no formatting at all (bench/documents.ts prints that floor).
 * This writes the same elements, in the order and form the library writes them (the same bytes),
 * in about a tenth of that. The library still writes the package around them: styles.xml, the
 * sections' properties, headers, relationships.
 */

type Styles = LaidOutDocument['styles'];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};
/** As the library escapes text: the five entities, and control characters XML 1.0 forbids dropped. */
// eslint-disable-next-line no-control-regex
const esc = (s: string) => s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');

const ALIGN = { left: 'left', center: 'center', justify: 'both' } as const;

/** Run text: the no-break hyphen U+2011 becomes Word's own element, drawn with the run's font. */
function runContent(text: string): string {
  const t = text.normalize('NFC');
  if (!t.includes('\u2011')) return `<w:t xml:space="preserve">${esc(t)}</w:t>`;
  return t
    .split('\u2011')
    .map((p) => `<w:t xml:space="preserve">${esc(p)}</w:t>`)
    .join('<w:noBreakHyphen/>');
}

/** `<w:rPr>` with a character style and/or a size, or nothing. */
function runProperties(character: string | undefined, size: number | undefined): string {
  if (character === undefined && size === undefined) return '';
  const sz = size !== undefined ? `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>` : '';
  return `<w:rPr>${character !== undefined ? `<w:rStyle w:val="${character}"/>` : ''}${sz}</w:rPr>`;
}

const runXml = (text: string, character: string | undefined, size: number | undefined) =>
  `<w:r>${runProperties(character, size)}${runContent(text)}</w:r>`;

function runOf(r: Run, kind: { bold: boolean; italics: boolean }, size: number | undefined): string {
  const bold = r.bold ?? kind.bold;
  const italics = r.italics ?? kind.italics;
  const own = bold !== kind.bold || italics !== kind.italics ? characterStyle(bold, italics) : undefined;
  return runXml(r.text, own, size);
}

const spacingXml = (before: number, after: number, line: number, rule: 'auto' | 'exact') =>
  `<w:spacing w:after="${after}" w:before="${before}" w:line="${line}" w:lineRule="${rule}"/>`;

function paragraph(styles: Styles, p: ParagraphBlock, extraBefore = 0): string {
  const s = styles[p.kind];
  const before = p.before + extraBefore;
  const spaced = before !== s.before || p.after !== s.after || p.lineSpacing !== s.lineSpacing;
  const size = p.size !== s.size ? halfPoints(p.size) : undefined;
  // CT_PPr's order: pStyle, keepNext, spacing, ind, jc, rPr.
  const pPr =
    `<w:pStyle w:val="${PARAGRAPH_STYLES[p.kind].id}"/>` +
    (p.keepNext !== s.keepNext ? (p.keepNext ? '<w:keepNext/>' : '<w:keepNext w:val="false"/>') : '') +
    (spaced ? spacingXml(before, p.after, lineTwips(p.lineSpacing), 'auto') : '') +
    (p.firstLineIndent !== s.firstLineIndent ? `<w:ind w:firstLine="${p.firstLineIndent}"/>` : '') +
    (p.align !== s.align ? `<w:jc w:val="${ALIGN[p.align]}"/>` : '') +
    runProperties(undefined, size);
  return `<w:p><w:pPr>${pPr}</w:pPr>${p.runs.map((r) => runOf(r, s, size)).join('')}</w:p>`;
}

/** A rule: its style's bottom border, with indents that leave exactly its length. */
function rule(r: RuleBlock): string {
  const side = Math.max(0, Math.round((r.width - r.length) / 2));
  const border =
    r.thickness !== RULE_THICKNESS
      ? `<w:pBdr><w:bottom w:val="single" w:color="${BLACK}" w:sz="${Math.round(r.thickness * 8)}" w:space="1"/></w:pBdr>`
      : '';
  const spacing = r.height !== RULE_HEIGHT ? spacingXml(0, 0, r.height, 'exact') : '';
  return `<w:p><w:pPr><w:pStyle w:val="${PARAGRAPH_STYLES.rule.id}"/>${border}${spacing}<w:ind w:left="${side}" w:right="${side}"/></w:pPr></w:p>`;
}

/** Cell content; the signature space becomes space above the paragraph after it (the name). */
function cellParagraphs(styles: Styles, blocks: CellBlock[]): string {
  let out = '';
  let pending = 0;
  for (const b of blocks) {
    if (b.type === 'signatureSpace') pending += b.height;
    else if (b.type === 'rule') out += rule(b);
    else {
      out += paragraph(styles, b, pending);
      pending = 0;
    }
  }
  // A cell must end with a paragraph (the library adds an empty one likewise).
  return out || '<w:p/>';
}

const sides = (names: readonly string[], each: (name: string) => string) => names.map(each).join('');
const FOUR = ['top', 'left', 'bottom', 'right'] as const;
const SIX = [...FOUR, 'insideH', 'insideV'] as const;
const NONE = (n: string) => `<w:${n} w:val="none" w:color="auto" w:sz="0"/>`;
const ZERO = (n: string) => `<w:${n} w:type="dxa" w:w="0"/>`;
const dxa = (name: string, w: number) => `<w:${name} w:type="dxa" w:w="${w}"/>`;
const gridXml = (widths: readonly number[]) =>
  `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;

/** A borderless two-column table with zero padding and explicit widths everywhere. */
function columns(styles: Styles, c: ColumnsBlock): string {
  const cellPr = `<w:tcBorders>${sides(FOUR, NONE)}</w:tcBorders><w:tcMar>${sides(FOUR, ZERO)}</w:tcMar><w:vAlign w:val="top"/>`;
  const cell = (children: CellBlock[], i: 0 | 1) =>
    `<w:tc><w:tcPr>${dxa('tcW', c.widths[i])}${cellPr}</w:tcPr>${cellParagraphs(styles, children)}</w:tc>`;
  const tblPr =
    dxa('tblW', c.widths[0] + c.widths[1]) +
    dxa('tblInd', c.indent) +
    `<w:tblBorders>${sides(SIX, NONE)}</w:tblBorders><w:tblLayout w:type="fixed"/>` +
    `<w:tblCellMar>${sides(FOUR, ZERO)}</w:tblCellMar>`;
  const rows = c.rows
    .map((r) => `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cell(r[0], 0)}${cell(r[1], 1)}</w:tr>`)
    .join('');
  return `<w:tbl><w:tblPr>${tblPr}</w:tblPr>${gridXml(c.widths)}${rows}</w:tbl>`;
}

/** The appendix table: every column's width given in the grid and on every cell (LibreOffice). */
function grid(styles: Styles, g: GridBlock): string {
  const line = (n: string) =>
    `<w:${n} w:val="single" w:color="${BLACK}" w:sz="${Math.round(g.thickness * 8)}"/>`;
  const { vertical: v, horizontal: h } = g.padding;
  const cellText = (c: GridCell, header: boolean) => {
    const kind: ParagraphKind = header
      ? 'tableHeader'
      : c.align === 'center'
        ? 'tableTextCentred'
        : 'tableText';
    const s = styles[kind];
    const size = g.size !== s.size ? halfPoints(g.size) : undefined;
    const character = c.bold !== s.bold ? characterStyle(c.bold, s.italics) : undefined;
    const pPr = `<w:pPr><w:pStyle w:val="${PARAGRAPH_STYLES[kind].id}"/>${runProperties(undefined, size)}</w:pPr>`;
    return (c.lines.length ? c.lines : [''])
      .map((t) => `<w:p>${pPr}${t ? runXml(t, character, size) : ''}</w:p>`)
      .join('');
  };
  const row = (cells: GridCell[], header: boolean) => {
    let col = 0;
    let out = `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>`;
    for (const c of cells) {
      let width = 0;
      for (let i = col; i < col + c.span; i++) width += g.widths[i]!;
      col += c.span;
      // Borders and padding come from the table; a cell states only its width and span.
      const span = c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : '';
      out += `<w:tc><w:tcPr>${dxa('tcW', width)}${span}<w:vAlign w:val="center"/></w:tcPr>${cellText(c, header)}</w:tc>`;
    }
    return `${out}</w:tr>`;
  };
  const total = g.widths.reduce((a, b) => a + b, 0);
  const tblPr =
    dxa('tblW', total) +
    `<w:tblBorders>${sides(SIX, line)}</w:tblBorders><w:tblLayout w:type="fixed"/>` +
    `<w:tblCellMar>${dxa('top', v)}${dxa('left', h)}${dxa('bottom', v)}${dxa('right', h)}</w:tblCellMar>`;
  let out = `<w:tbl><w:tblPr>${tblPr}</w:tblPr>${gridXml(g.widths)}${row(g.header, true)}`;
  for (const r of g.rows) out += row(r, false);
  return `${out}</w:tbl>`;
}

export function blockXml(styles: Styles, b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return paragraph(styles, b);
    case 'rule':
      return rule(b);
    case 'columns':
      return columns(styles, b);
    case 'grid':
      return grid(styles, b);
  }
}

/** A section's blocks, one after another, as the body of document.xml holds them. */
export const blocksXml = (styles: Styles, blocks: readonly Block[]): string =>
  blocks.map((b) => blockXml(styles, b)).join('');
