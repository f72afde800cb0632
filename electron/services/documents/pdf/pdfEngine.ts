import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CustomTableLayout, TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * pdfmake's own printer (js/Printer.js, 0.3.x) in a form that hands back what it laid out: the
 * same steps — layout builder, then renderer into a PDFKit document — with three differences that
 * the signing chain needs. Fonts and images come from memory, never from a path or a URL; the
 * document ID and CreationDate come from the caller (the same input gives the same bytes); and
 * the laid-out pages are returned, so the exact place of a line drawn with an `id` can be read
 * off instead of guessed.
 */

// import.meta.dirname, not import.meta.url: the Electron main bundle (CommonJS) defines the former.
const require = createRequire(path.join(import.meta.dirname, 'pdfEngine.js'));
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's internal modules have no types */
const PDFDocument = require('pdfmake/js/PDFDocument').default as new (...args: any[]) => PdfKitDocument;
const LayoutBuilder = require('pdfmake/js/LayoutBuilder').default as new (...args: any[]) => any;
const Renderer = require('pdfmake/js/Renderer').default as new (...args: any[]) => any;
const SVGMeasure = require('pdfmake/js/SVGMeasure').default as new () => unknown;
const pageSizes = require('pdfmake/js/PageSize') as {
  normalizePageSize(size: unknown, orientation: unknown): { width: number; height: number };
  normalizePageMargin(margin: unknown): unknown;
};
const builtInLayouts = (require('pdfmake/js/tableLayouts') as { tableLayouts: Record<string, unknown> })
  .tableLayouts;
/* eslint-enable @typescript-eslint/no-explicit-any */

interface PdfKitDocument {
  _id: Buffer;
  info: Record<string, unknown>;
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end', cb: () => void): void;
  on(event: 'error', cb: (e: Error) => void): void;
  end(): void;
}

/** A line of text as placed on a page: top-left corner in points from the page's top-left. */
export interface PlacedLine {
  /** 0-based page index. */
  page: number;
  pageHeight: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Distance from the top of the line box to the baseline. */
  ascent: number;
  text: string;
}

interface PageItem {
  type: string;
  item: {
    id?: string;
    x: number;
    y: number;
    inlines: { text: string }[];
    getWidth(): number;
    getHeight(): number;
    getAscenderHeight(): number;
  };
}
interface Page {
  items: PageItem[];
  pageSize: { width: number; height: number };
}

export interface EngineInput {
  definition: TDocumentDefinitions;
  /** File name → bytes, for fonts and images named in the definition. */
  files: Map<string, Buffer>;
  tableLayouts: Record<string, CustomTableLayout>;
  /** Stored as CreationDate (PDFKit would stamp the current time). */
  createdAt: Date;
  /** The source of the file identifier (/ID): the same seed, the same bytes. */
  idSeed: string;
  /** pdfmake's pageBreakBefore: return true to move a node to the next page. */
  pageBreakBefore?: (node: never, nodes: never) => boolean;
}

export interface EngineOutput {
  bytes: Buffer;
  pageCount: number;
  /** Every line drawn from a node with an `id`, by id, in page order. */
  lines: Map<string, PlacedLine[]>;
}

export async function runPdfmake(input: EngineInput): Promise<EngineOutput> {
  const dd = input.definition as TDocumentDefinitions & Record<string, unknown>;
  const files = input.files;
  const vfs = {
    existsSync: (name: unknown) => typeof name === 'string' && files.has(name),
    readFileSync: (name: string) => {
      const bytes = files.get(name);
      if (!bytes) throw new Error(`no file ${name}`);
      return bytes;
    },
  };
  const pageSize = pageSizes.normalizePageSize(dd.pageSize, dd.pageOrientation);
  const pdf = new PDFDocument(
    dd.fonts ?? {},
    dd.images ?? {},
    {},
    {},
    {
      size: [pageSize.width, pageSize.height],
      pdfVersion: dd.version ?? '1.7',
      tagged: false,
      displayTitle: true,
      compress: true,
      lang: dd.language,
      fontLayoutCache: true,
      bufferPages: false,
      autoFirstPage: false,
      // PDF's own key names (pdfmake's definition spells them in lower case).
      info: {
        ...Object.fromEntries(
          Object.entries(dd.info ?? {}).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]),
        ),
        CreationDate: input.createdAt,
      },
      font: null,
    },
    vfs,
    // Nothing outside the in-memory files may be read.
    () => false,
  );
  // PDFKit derives the ID from the info dictionary; tie it to the document's own content instead.
  pdf._id = createHash('sha256').update(input.idSeed).digest().subarray(0, 16);
  const builder = new LayoutBuilder(
    pageSize,
    pageSizes.normalizePageMargin(dd.pageMargins ?? 40),
    new SVGMeasure(),
  );
  builder.registerTableLayouts(builtInLayouts);
  builder.registerTableLayouts(input.tableLayouts);
  const pages = builder.layoutDocument(
    dd.content,
    pdf,
    dd.styles ?? {},
    dd.defaultStyle ?? {},
    undefined,
    dd.header,
    dd.footer,
    undefined,
    input.pageBreakBefore,
  ) as Page[];
  const lines = placedLines(pages);
  new Renderer(pdf, undefined).renderPages(pages);
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (c) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
  return { bytes, pageCount: pages.length, lines };
}

function placedLines(pages: Page[]): Map<string, PlacedLine[]> {
  const out = new Map<string, PlacedLine[]>();
  pages.forEach((p, page) => {
    for (const { type, item } of p.items) {
      if (type !== 'line' || !item.id) continue;
      const list = out.get(item.id) ?? [];
      list.push({
        page,
        pageHeight: p.pageSize.height,
        x: item.x,
        y: item.y,
        width: item.getWidth(),
        height: item.getHeight(),
        ascent: item.getAscenderHeight(),
        text: item.inlines.map((i) => i.text).join(''),
      });
      out.set(item.id, list);
    }
  });
  return out;
}
