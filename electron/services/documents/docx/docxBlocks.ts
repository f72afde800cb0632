import {
  BorderStyle,
  ImportedXmlComponent,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
} from 'docx';
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
import { ALIGNMENT, BLACK, PARAGRAPH_STYLES, characterStyle, halfPoints, lineTwips } from './docxStyles.ts';

/**
 * The laid-out blocks as Word objects. Each paragraph names its kind's style (docxStyles.ts) and
 * states directly only what the style cannot say for it: the space for the signature above the
 * signer's name, the indents that set a rule's length, the last paragraph kept with the closing, a
 * size the agency's heading shrinks to. A run names a character style only where its weight or
 * slant differs from its paragraph's.
 */

type Styles = LaidOutDocument['styles'];

/** Word's own non-breaking hyphen, drawn with the run's font (the fonts have no U+2011 glyph). */
const noBreakHyphen = () => ImportedXmlComponent.fromXmlString('<w:noBreakHyphen/>');

function textRun(text: string, character: string | undefined, size: number | undefined): TextRun {
  const t = text.normalize('NFC');
  if (!t.includes('\u2011')) return new TextRun({ text: t, style: character, size });
  const parts = t.split('\u2011');
  return new TextRun({
    // TextRun's children are strings or run content; the hyphen element is one.
    children: parts.flatMap((p, i) => (i === 0 ? [p] : [noBreakHyphen() as unknown as string, p])),
    style: character,
    size,
  });
}

function runOf(r: Run, kind: { bold: boolean; italics: boolean }, size: number | undefined): TextRun {
  const bold = r.bold ?? kind.bold;
  const italics = r.italics ?? kind.italics;
  const own = bold !== kind.bold || italics !== kind.italics ? characterStyle(bold, italics) : undefined;
  return textRun(r.text, own, size);
}

function paragraph(styles: Styles, p: ParagraphBlock, extraBefore = 0): Paragraph {
  const s = styles[p.kind];
  const before = p.before + extraBefore;
  const spaced = before !== s.before || p.after !== s.after || p.lineSpacing !== s.lineSpacing;
  const size = p.size !== s.size ? halfPoints(p.size) : undefined;
  const options: IParagraphOptions = {
    style: PARAGRAPH_STYLES[p.kind].id,
    alignment: p.align !== s.align ? ALIGNMENT[p.align] : undefined,
    indent: p.firstLineIndent !== s.firstLineIndent ? { firstLine: p.firstLineIndent } : undefined,
    spacing: spaced
      ? { before, after: p.after, line: lineTwips(p.lineSpacing), lineRule: LineRuleType.AUTO }
      : undefined,
    keepNext: p.keepNext !== s.keepNext ? p.keepNext : undefined,
    run: size !== undefined ? { size } : undefined,
    children: p.runs.map((r) => runOf(r, s, size)),
  };
  return new Paragraph(options);
}

/** A rule: its style's bottom border, with indents that leave exactly its length. */
function rule(r: RuleBlock): Paragraph {
  const side = Math.max(0, Math.round((r.width - r.length) / 2));
  return new Paragraph({
    style: PARAGRAPH_STYLES.rule.id,
    indent: { left: side, right: side },
    spacing:
      r.height !== RULE_HEIGHT
        ? { before: 0, after: 0, line: r.height, lineRule: LineRuleType.EXACT }
        : undefined,
    border:
      r.thickness !== RULE_THICKNESS
        ? { bottom: { style: BorderStyle.SINGLE, size: Math.round(r.thickness * 8), color: BLACK, space: 1 } }
        : undefined,
    children: [],
  });
}

/** Cell content; the signature space becomes space above the paragraph after it (the name). */
function cellParagraphs(styles: Styles, blocks: CellBlock[]): Paragraph[] {
  const out: Paragraph[] = [];
  let pending = 0;
  for (const b of blocks) {
    if (b.type === 'signatureSpace') pending += b.height;
    else if (b.type === 'rule') out.push(rule(b));
    else {
      out.push(paragraph(styles, b, pending));
      pending = 0;
    }
  }
  return out;
}

const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const NO_BORDERS = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};
const ZERO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

/** A borderless two-column table with zero padding and explicit widths everywhere. */
function columns(styles: Styles, c: ColumnsBlock): Table {
  const cell = (children: CellBlock[], i: 0 | 1) =>
    new TableCell({
      width: { size: c.widths[i], type: WidthType.DXA },
      margins: ZERO_MARGINS,
      borders: NO_BORDERS,
      verticalAlign: VerticalAlignTable.TOP,
      children: cellParagraphs(styles, children),
    });
  return new Table({
    columnWidths: c.widths,
    width: { size: c.widths[0] + c.widths[1], type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    indent: { size: c.indent, type: WidthType.DXA },
    borders: NO_BORDERS,
    margins: ZERO_MARGINS,
    rows: c.rows.map((r) => new TableRow({ cantSplit: true, children: [cell(r[0], 0), cell(r[1], 1)] })),
  });
}

/** The appendix table: every column's width given in the grid and on every cell (LibreOffice). */
function grid(styles: Styles, g: GridBlock): Table {
  const line = { style: BorderStyle.SINGLE, size: Math.round(g.thickness * 8), color: BLACK };
  const cellMargins = {
    top: g.padding.vertical,
    bottom: g.padding.vertical,
    left: g.padding.horizontal,
    right: g.padding.horizontal,
  };
  const cellText = (c: GridCell, header: boolean) => {
    const kind: ParagraphKind = header
      ? 'tableHeader'
      : c.align === 'center'
        ? 'tableTextCentred'
        : 'tableText';
    const s = styles[kind];
    const size = g.size !== s.size ? halfPoints(g.size) : undefined;
    const character = c.bold !== s.bold ? characterStyle(c.bold, s.italics) : undefined;
    return (c.lines.length ? c.lines : ['']).map(
      (t) =>
        new Paragraph({
          style: PARAGRAPH_STYLES[kind].id,
          run: size !== undefined ? { size } : undefined,
          children: t ? [textRun(t, character, size)] : [],
        }),
    );
  };
  const row = (cells: GridCell[], header: boolean) => {
    let col = 0;
    return new TableRow({
      tableHeader: header || undefined,
      cantSplit: true,
      children: cells.map((c) => {
        let width = 0;
        for (let i = col; i < col + c.span; i++) width += g.widths[i]!;
        col += c.span;
        // Borders and padding come from the table; a cell states only its width and span.
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          columnSpan: c.span > 1 ? c.span : undefined,
          verticalAlign: VerticalAlignTable.CENTER,
          children: cellText(c, header),
        });
      }),
    });
  };
  const total = g.widths.reduce((a, b) => a + b, 0);
  return new Table({
    columnWidths: g.widths,
    width: { size: total, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: {
      top: line,
      bottom: line,
      left: line,
      right: line,
      insideHorizontal: line,
      insideVertical: line,
    },
    margins: cellMargins,
    rows: [row(g.header, true), ...g.rows.map((r) => row(r, false))],
  });
}

export function docxBlock(styles: Styles, b: Block): Paragraph | Table {
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
