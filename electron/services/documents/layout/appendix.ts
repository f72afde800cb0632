import { typeset } from '../../../../shared/domain/documents/typography.ts';
import type { Letterhead } from '../../../../shared/domain/organization/letterhead.ts';
import type { Block, GridBlock, GridCell, PageSection, Twips } from './model.ts';
import { caps, pageSection, run, textWidth, type Sizes } from './page.ts';
import { para } from './styles.ts';

/**
 * The appendix (phụ lục): its own landscape section, numbered from 1, with "Phụ lục", the title,
 * the "(Kèm theo …)" line and a wide table whose header row repeats on every page, whose rows never
 * split and whose every column has an explicit width.
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

export interface Appendix {
  /** "Danh mục hoạt động triển khai Kế hoạch" (printed in capitals) */
  title: string;
  /** "(Kèm theo Kế hoạch số …)" */
  reference: string;
  columns: AppendixColumn[];
  rows: AppendixRow[];
}

/** Integer twips per column, summing exactly to `total`. */
export function columnWidths(shares: readonly number[], total: Twips): Twips[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => Math.floor((s / sum) * total));
  widths[1] = (widths[1] ?? 0) + total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** Cell padding: 2 pt above and below, 4 pt left and right; rules 0.5 pt. */
const PADDING = { vertical: 40, horizontal: 80 };

export function appendixGrid(appendix: Appendix, size: number, total: Twips): GridBlock {
  const { columns } = appendix;
  const cell = (lines: string[], bold: boolean, align: 'left' | 'center', span = 1): GridCell => ({
    lines: lines.map(typeset),
    bold,
    align,
    span,
  });
  const rows = appendix.rows.map((r) =>
    r.spanRest
      ? [
          cell(r.cells[0] ?? [], r.bold ?? false, columns[0]?.align ?? 'left'),
          cell(r.cells[1] ?? [], r.bold ?? false, 'left', columns.length - 1),
        ]
      : columns.map((c, i) => cell(r.cells[i] ?? [], r.bold ?? false, c.align ?? 'left')),
  );
  return {
    type: 'grid',
    widths: columnWidths(
      columns.map((c) => c.share),
      total,
    ),
    size,
    padding: PADDING,
    thickness: 0.5,
    header: columns.map((c) => cell([c.header], true, 'center')),
    rows,
  };
}

/** The whole appendix section. */
export function appendixSection(appendix: Appendix, letterhead: Letterhead, sizes: Sizes): PageSection {
  const blocks: Block[] = [
    para('appendixLabel', [run('Phụ lục')], sizes, { field: 'appendixLabel' }),
    para('appendixTitle', [run(caps(appendix.title))], sizes),
    para('appendixReference', [run(appendix.reference)], sizes),
    appendixGrid(appendix, sizes.table, textWidth(letterhead, true)),
    // Word ends a section with a paragraph after its table.
    para('spacer', [], sizes, { after: 0 }),
  ];
  return pageSection(letterhead, sizes, 'appendix', blocks);
}
