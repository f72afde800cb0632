import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Letterhead } from '../../../shared/domain/organization/letterhead.ts';
import {
  BLACK,
  caps,
  centred,
  fonts,
  pageHeaders,
  run,
  sectionProperties,
  textWidth,
  type Sizes,
} from './letterhead.ts';

/**
 * The appendix (phụ lục): its own landscape section, numbered from 1, with "Phụ lục", the title,
 * the "(Kèm theo …)" line and a wide table whose header row repeats on every page, whose rows never
 * split and whose every column has an explicit width (in the grid and on every cell: LibreOffice
 * ignores widths that are not given per cell).
 */

export interface AppendixColumn {
  header: string;
  /** Share of the table width; the shares are normalised. */
  share: number;
  align?: 'left' | 'center';
}

export interface AppendixRow {
  /** One entry per column; each entry is the lines of that cell. */
  cells: string[][];
  /** Group rows (a part of the plan) are bold. */
  bold?: boolean;
  /** The second cell spans every column after it (a group row's title). */
  spanRest?: boolean;
}

export interface AppendixInput {
  letterhead: Letterhead;
  sizes: Sizes;
  /** "DANH MỤC HOẠT ĐỘNG TRIỂN KHAI KẾ HOẠCH" */
  title: string;
  /** "(Kèm theo Kế hoạch số …)" */
  reference: string;
  columns: AppendixColumn[];
  rows: AppendixRow[];
}

/** What a plan or report builder hands to the common letterhead/closing/appendix assembly. */
export interface DocumentBody {
  /** "KẾ HOẠCH", "BÁO CÁO" */
  kindTitle: string;
  /** The trích yếu under the title. */
  summary: string;
  children: (Paragraph | Table)[];
  appendix: Omit<AppendixInput, 'letterhead' | 'sizes'>;
}

const line = { style: BorderStyle.SINGLE, size: 4, color: BLACK };
const GRID = {
  top: line,
  bottom: line,
  left: line,
  right: line,
  insideHorizontal: line,
  insideVertical: line,
};
const CELL_BORDERS = { top: line, bottom: line, left: line, right: line };
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

/** Integer twips per column, summing exactly to `total`. */
export function columnWidths(shares: readonly number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => Math.floor((s / sum) * total));
  widths[1] = (widths[1] ?? 0) + total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function cellParagraphs(text: string[], size: number, bold: boolean, align: 'left' | 'center'): Paragraph[] {
  const texts = text.length ? text : [''];
  return texts.map(
    (t) =>
      new Paragraph({
        alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { before: 0, after: 0 },
        run: { font: fonts, size, color: BLACK },
        children: t ? [run(t, { size, bold })] : [],
      }),
  );
}

export function appendixTable(
  input: Pick<AppendixInput, 'columns' | 'rows' | 'sizes'>,
  total: number,
): Table {
  const { columns, sizes } = input;
  const widths = columnWidths(
    columns.map((c) => c.share),
    total,
  );
  const cell = (i: number, text: string[], bold: boolean, align: 'left' | 'center', span = 1) =>
    new TableCell({
      width: { size: widths.slice(i, i + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnSpan: span > 1 ? span : undefined,
      borders: CELL_BORDERS,
      margins: CELL_MARGINS,
      verticalAlign: VerticalAlignTable.CENTER,
      children: cellParagraphs(text, sizes.table, bold, align),
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell(i, [c.header], true, 'center')),
  });
  const rows = input.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.spanRest
          ? [
              cell(0, r.cells[0] ?? [], r.bold ?? false, columns[0]?.align ?? 'left'),
              cell(1, r.cells[1] ?? [], r.bold ?? false, 'left', columns.length - 1),
            ]
          : columns.map((c, i) => cell(i, r.cells[i] ?? [], r.bold ?? false, c.align ?? 'left')),
      }),
  );
  return new Table({
    columnWidths: widths,
    width: { size: total, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: GRID,
    margins: CELL_MARGINS,
    rows: [header, ...rows],
  });
}

/** The whole appendix section. */
export function appendixSection(input: AppendixInput): ISectionOptions {
  const { sizes } = input;
  const width = textWidth(input.letterhead, true);
  return {
    properties: sectionProperties(input.letterhead, { landscape: true, restartNumbering: true }),
    headers: pageHeaders(sizes),
    children: [
      centred([run('Phụ lục', { size: sizes.title, bold: true })], sizes.title),
      centred([run(caps(input.title), { size: sizes.title, bold: true })], sizes.title),
      centred([run(input.reference, { size: sizes.title, italics: true })], sizes.title, 240),
      appendixTable(input, width),
      centred([], sizes.body),
    ],
  };
}
