import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../../electron/services/documents/layout/documentLayout.ts';
import type {
  Block,
  CellBlock,
  ColumnsBlock,
  GridBlock,
} from '../../../electron/services/documents/layout/model.ts';
import {
  DEFAULT_FONTS_DIR,
  documentFonts,
  systemTimesCandidates,
} from '../../../electron/services/documents/pdf/fonts.ts';
import { textWidthTwips } from '../../../shared/domain/documents/textMetrics.ts';
import { PLAN_EXAMPLE, REPORT_EXAMPLE, catalog, loadExample, variant } from './docxXml.ts';

/** The one layout both renderers draw: checked once here, drawn by docx/ and pdf/. */

const columnsOf = (blocks: Block[], role: 'header' | 'closing') =>
  blocks.find((b): b is ColumnsBlock => b.type === 'columns' && b.role === role)!;

describe('the ND30 layout', () => {
  it('lays out the body portrait and the appendix landscape, numbered on its own, within the margins', () => {
    for (const file of [PLAN_EXAMPLE, REPORT_EXAMPLE]) {
      const layout = layoutDocument(loadExample(file), catalog);
      const [body, appendix] = layout.sections;
      expect(layout.sections).toHaveLength(2);
      expect(body).toMatchObject({
        role: 'body',
        orientation: 'portrait',
        page: { width: 11906, height: 16838 },
      });
      expect(appendix).toMatchObject({ role: 'appendix', orientation: 'landscape', restartNumbering: true });
      expect(appendix!.page.width).toBeGreaterThan(appendix!.page.height);
      const m = body!.margins;
      const text = body!.page.width - m.left - m.right;
      const header = columnsOf(body!.blocks, 'header');
      // From the left margin, never into it, and exactly the text width.
      expect(header.indent).toBe(0);
      expect(header.widths[0] + header.widths[1]).toBe(text);
      // The right column holds the Quốc hiệu (95.7 mm at 13 pt) on one line.
      expect(header.widths[1]).toBeGreaterThan(
        textWidthTwips('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 26, true),
      );
      const closing = columnsOf(body!.blocks, 'closing');
      expect(closing.widths[0] + closing.widths[1]).toBe(text);
      expect(closing.rows[0]![1].map((b) => b.type)).toEqual([
        'paragraph',
        'paragraph',
        'signatureSpace',
        'paragraph',
      ]);
      const grid = appendix!.blocks.find((b): b is GridBlock => b.type === 'grid')!;
      expect(grid.widths.reduce((a, b) => a + b, 0)).toBe(
        appendix!.page.width - appendix!.margins.left - appendix!.margins.right,
      );
      for (const row of grid.rows) expect(row.reduce((n, c) => n + c.span, 0)).toBe(grid.widths.length);
      // The places the PDF reports to the signing chain, each once.
      const fields = layout.sections
        .flatMap((s) => s.blocks)
        .flatMap((b): (Block | CellBlock)[] => (b.type === 'columns' ? b.rows.flat(2) : [b]))
        .flatMap((b) => (b.type === 'paragraph' && b.field ? [b.field] : []));
      expect(fields.sort()).toEqual(['appendixLabel', 'dateLine', 'numberLine', 'signerName']);
    }
  });

  it('moves every size with the 12/13 pair', () => {
    const small = layoutDocument(
      variant(REPORT_EXAMPLE, (r) => (r.organization.letterhead.fontPair = '12/13')),
      catalog,
    );
    const header = columnsOf(small.sections[0]!.blocks, 'header');
    const sizes = header.rows.flat(2).flatMap((b) => (b.type === 'paragraph' ? [b.size] : []));
    expect(sizes).toEqual([12, 12, 12, 13, 13, 13]);
    expect(small.bodySize).toBe(13);
  });
});

describe('fonts of the PDF', () => {
  it('takes Times New Roman from %WINDIR%\\Fonts when all four files are there, else Liberation Serif', () => {
    const windir = fs.mkdtempSync(path.join(os.tmpdir(), 'windir-'));
    try {
      const [times] = systemTimesCandidates({ WINDIR: windir });
      expect(times!.files.bold).toBe(path.win32.join(windir, 'Fonts', 'timesbd.ttf'));
      // The same folder with forward slashes, so the test runs on Linux too.
      const local = {
        family: 'Times New Roman',
        files: Object.fromEntries(
          Object.entries(times!.files).map(([k, f]) => [k, path.join(windir, path.win32.basename(f))]),
        ) as NonNullable<typeof times>['files'],
      };
      expect(documentFonts(DEFAULT_FONTS_DIR, [local]).family).toBe('Liberation Serif');
      const names = ['times.ttf', 'timesbd.ttf', 'timesi.ttf', 'timesbi.ttf'];
      const sources = ['Regular', 'Bold', 'Italic', 'BoldItalic'];
      names.forEach((n, i) =>
        fs.copyFileSync(
          path.join(DEFAULT_FONTS_DIR, `LiberationSerif-${sources[i]}.ttf`),
          path.join(windir, n),
        ),
      );
      const found = documentFonts(DEFAULT_FONTS_DIR, [local]);
      expect(found.family).toBe('Times New Roman');
      expect(found.bold.equals(fs.readFileSync(path.join(windir, 'timesbd.ttf')))).toBe(true);
    } finally {
      fs.rmSync(windir, { recursive: true, force: true });
    }
  });

  it('ships Liberation Serif 2 with its licence', () => {
    expect(fs.readFileSync(path.join(DEFAULT_FONTS_DIR, 'LICENSE-LiberationFonts.txt'), 'utf8')).toContain(
      'SIL OPEN FONT LICENSE Version 1.1',
    );
    expect(documentFonts().family).toBe('Liberation Serif');
  });
});
