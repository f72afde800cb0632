import {
  AlignmentType,
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
} from 'docx';
import type {
  Block,
  CellBlock,
  ColumnsBlock,
  GridBlock,
  GridCell,
  ParagraphBlock,
  RuleBlock,
  Run,
} from '../layout/model.ts';

/**
 * The laid-out blocks as Word objects: every run in Times New Roman in all four font slots (so no
 * theme font leaks into Vietnamese diacritics), black, sizes in half-points.
 */

export const FONT = 'Times New Roman';
export const fonts = { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT };
export const BLACK = '000000';

const halfPoints = (pt: number) => Math.round(pt * 2);

/** Paragraph-mark properties, so even an empty paragraph names the font. */
export const mark = (size: number) => ({ font: fonts, size: halfPoints(size), color: BLACK });

/** Word's own non-breaking hyphen, drawn with the run's font (the fonts have no U+2011 glyph). */
const noBreakHyphen = () => ImportedXmlComponent.fromXmlString('<w:noBreakHyphen/>');

function textRun(r: Run, size: number): TextRun {
  const parts = r.text.normalize('NFC').split('\u2011');
  return new TextRun({
    // TextRun's children are strings or run content; the hyphen element is one.
    children: parts.flatMap((p, i) => (i === 0 ? [p] : [noBreakHyphen() as unknown as string, p])),
    font: fonts,
    color: BLACK,
    size: halfPoints(size),
    bold: r.bold,
    italics: r.italics,
  });
}

const alignment = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  justify: AlignmentType.JUSTIFIED,
} as const;

function paragraph(p: ParagraphBlock, extraBefore = 0): Paragraph {
  return new Paragraph({
    alignment: alignment[p.align],
    indent: p.firstLineIndent ? { firstLine: p.firstLineIndent } : undefined,
    spacing: {
      before: p.before + extraBefore,
      after: p.after,
      line: Math.round(240 * p.lineSpacing),
      lineRule: LineRuleType.AUTO,
    },
    keepNext: p.keepNext || undefined,
    run: mark(p.size),
    children: p.runs.map((r) => textRun(r, p.size)),
  });
}

/** A rule: the bottom border of an almost empty paragraph whose indents leave exactly its length. */
function rule(r: RuleBlock): Paragraph {
  const side = Math.max(0, Math.round((r.width - r.length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: r.height, lineRule: LineRuleType.EXACT },
    border: {
      bottom: { style: BorderStyle.SINGLE, size: Math.round(r.thickness * 8), color: BLACK, space: 1 },
    },
    run: mark(1),
    children: [],
  });
}

/** Cell content; the signature space becomes space above the paragraph after it (the name). */
function cellParagraphs(blocks: CellBlock[]): Paragraph[] {
  const out: Paragraph[] = [];
  let pending = 0;
  for (const b of blocks) {
    if (b.type === 'signatureSpace') pending += b.height;
    else if (b.type === 'rule') out.push(rule(b));
    else {
      out.push(paragraph(b, pending));
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
function columns(c: ColumnsBlock): Table {
  const cell = (children: CellBlock[], i: 0 | 1) =>
    new TableCell({
      width: { size: c.widths[i], type: WidthType.DXA },
      margins: ZERO_MARGINS,
      borders: NO_BORDERS,
      verticalAlign: VerticalAlignTable.TOP,
      children: cellParagraphs(children),
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
function grid(g: GridBlock): Table {
  const line = { style: BorderStyle.SINGLE, size: Math.round(g.thickness * 8), color: BLACK };
  const cellBorders = { top: line, bottom: line, left: line, right: line };
  const cellMargins = {
    top: g.padding.vertical,
    bottom: g.padding.vertical,
    left: g.padding.horizontal,
    right: g.padding.horizontal,
  };
  const row = (cells: GridCell[], header: boolean) => {
    let col = 0;
    return new TableRow({
      tableHeader: header || undefined,
      cantSplit: true,
      children: cells.map((c) => {
        const width = g.widths.slice(col, col + c.span).reduce((a, b) => a + b, 0);
        col += c.span;
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          columnSpan: c.span > 1 ? c.span : undefined,
          borders: cellBorders,
          margins: cellMargins,
          verticalAlign: VerticalAlignTable.CENTER,
          children: (c.lines.length ? c.lines : ['']).map(
            (t) =>
              new Paragraph({
                alignment: alignment[c.align],
                spacing: { before: 0, after: 0 },
                run: mark(g.size),
                children: t ? [textRun({ text: t, bold: c.bold }, g.size)] : [],
              }),
          ),
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

export function docxBlock(b: Block): Paragraph | Table {
  switch (b.type) {
    case 'paragraph':
      return paragraph(b);
    case 'rule':
      return rule(b);
    case 'columns':
      return columns(b);
    case 'grid':
      return grid(b);
  }
}
