import { createHash } from 'node:crypto';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Catalog } from '../../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../../shared/domain/documents/exchange.ts';
import type { PdfBox, PdfFieldLayout } from '../../../../shared/domain/documents/pdfFields.ts';
import { AppError } from '../../../../shared/errors.ts';
import { layoutDocument } from '../layout/documentLayout.ts';
import type { ColumnsBlock, LaidOutDocument, PageSection, SignatureSpaceBlock } from '../layout/model.ts';
import { documentFonts, type PdfFonts } from './fonts.ts';
import {
  TABLE_LAYOUTS,
  WORD_LINE,
  gridLayout,
  keepHeadings,
  pt,
  sectionContent,
  type SignatureImage,
} from './pdfContent.ts';
import { runPdfmake, type PlacedLine } from './pdfEngine.ts';

/**
 * The official PDF of a plan or a report, from the same layout as the .docx (layout/), with the
 * places the văn thư fills in after the head has signed: the number and date lines and the
 * signature space (PdfFieldLayout). PDF 1.7 with a classic cross-reference table, fonts embedded
 * as subsets, the same bytes for the same input.
 */

export interface RenderPdfOptions {
  /** The head's signature (PNG), drawn centred in the space between the title and the name. */
  signatureImage?: Buffer;
  /** Fonts to embed; by default Times New Roman from the system, else the bundled Liberation Serif. */
  fonts?: PdfFonts;
  /**
   * CreationDate, from the caller's clock. Without it the issue date is used (00:00, Vietnam time),
   * and for a draft 1970-01-01, so that the same input still gives the same bytes.
   */
  createdAt?: Date;
}

export interface RenderedPdf {
  bytes: Buffer;
  fields: PdfFieldLayout;
}

const FAMILY = 'Document';

/** Width and height of a PNG from its IHDR chunk; anything else is refused. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new AppError('VALIDATION', 'Ảnh chữ ký phải là tệp PNG');
  }
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (!width || !height) throw new AppError('VALIDATION', 'Ảnh chữ ký không có kích thước');
  return { width, height };
}

/** The signature fitted into the space: at most 60% of the column and 90% of the space's height. */
function fitSignature(png: Buffer, space: SignatureSpaceBlock): SignatureImage {
  const size = pngSize(png);
  const scale = Math.min((pt(space.width) * 0.6) / size.width, (pt(space.height) * 0.9) / size.height);
  return { name: 'signature.png', width: size.width * scale, height: size.height * scale };
}

function closingOf(layout: LaidOutDocument): ColumnsBlock {
  const closing = layout.sections[0]!.blocks.find(
    (b): b is ColumnsBlock => b.type === 'columns' && b.role === 'closing',
  );
  if (!closing) throw new Error('the layout has no closing table');
  return closing;
}

function signatureSpaceOf(closing: ColumnsBlock): SignatureSpaceBlock {
  const space = closing.rows[0]![1].find((b): b is SignatureSpaceBlock => b.type === 'signatureSpace');
  if (!space) throw new Error('the closing table has no signature space');
  return space;
}

/** Page numbers in the top margin from each section's second page; an appendix counts from 1. */
function pageHeader(s: PageSection) {
  let first: number | null = null;
  return (page: number): Content | null => {
    first ??= page;
    const n = page - first + 1;
    if (n === 1) return null;
    return {
      text: String(n),
      fontSize: s.pageNumberSize,
      alignment: 'center',
      lineHeight: WORD_LINE,
      margin: [pt(s.margins.left), pt(s.margins.header), pt(s.margins.right), 0],
    };
  };
}

function definition(
  layout: LaidOutDocument,
  fonts: PdfFonts,
  signature: SignatureImage | null,
): TDocumentDefinitions {
  const sections = layout.sections.map((s) => ({
    section: sectionContent(s, s.role === 'body' ? signature : null),
    pageSize: { width: pt(s.page.width), height: pt(s.page.height) },
    pageOrientation: s.orientation,
    pageMargins: [pt(s.margins.left), pt(s.margins.top), pt(s.margins.right), pt(s.margins.bottom)] as [
      number,
      number,
      number,
      number,
    ],
    header: pageHeader(s),
  }));
  return {
    version: '1.7',
    info: {
      title: layout.title,
      author: layout.author,
      creator: 'BaoCao',
      producer: 'BaoCao (pdfmake)',
    },
    language: 'vi-VN',
    fonts: {
      [FAMILY]: {
        normal: 'normal.ttf',
        bold: 'bold.ttf',
        italics: 'italics.ttf',
        bolditalics: 'bolditalics.ttf',
      },
    },
    images: signature ? { [signature.name]: signature.name } : {},
    defaultStyle: { font: FAMILY, fontSize: layout.bodySize, color: '#000000' },
    content: sections as unknown as Content,
  } as TDocumentDefinitions;
}

/** Boxes to 1/100 pt: far below what shows, and free of floating-point noise. */
const round = (v: number) => Math.round(v * 100) / 100;
const rounded = (b: PdfBox): PdfBox => ({
  page: b.page,
  x: round(b.x),
  y: round(b.y),
  width: round(b.width),
  height: round(b.height),
});

/** PDF coordinates (origin bottom-left) of a placed line. */
function boxOf(line: PlacedLine): PdfBox {
  return rounded({
    page: line.page,
    x: line.x,
    y: line.pageHeight - line.y - line.height,
    width: line.width,
    height: line.height,
  });
}

function only(lines: Map<string, PlacedLine[]>, id: string): PlacedLine {
  const found = lines.get(id)?.[0];
  if (!found) throw new Error(`the PDF has no ${id} line`);
  return found;
}

function fieldLayout(layout: LaidOutDocument, lines: Map<string, PlacedLine[]>): PdfFieldLayout {
  const header = layout.sections[0]!.blocks[0];
  const sizes = header?.type === 'columns' ? header.rows[1]! : null;
  const sizeOf = (i: 0 | 1) => {
    const b = sizes?.[i][0];
    return b?.type === 'paragraph' ? b.size : layout.bodySize;
  };
  const closing = closingOf(layout);
  const space = signatureSpaceOf(closing);
  const body = layout.sections[0]!;
  const name = only(lines, 'signerName');
  const spaceHeight = pt(space.height);
  return {
    numberLine: boxOf(only(lines, 'numberLine')),
    dateLine: boxOf(only(lines, 'dateLine')),
    numberSize: sizeOf(0),
    dateSize: sizeOf(1),
    signature: rounded({
      page: name.page,
      x: pt(body.margins.left + closing.indent + closing.widths[0]),
      // The space ends where the name's line begins.
      y: name.pageHeight - name.y,
      width: pt(closing.widths[1]),
      height: spaceHeight,
    }),
    appendixPages: (lines.get('appendixLabel') ?? []).map((l) => l.page),
  };
}

export async function renderPdf(
  doc: ExchangeDocument,
  catalog: Catalog,
  options: RenderPdfOptions = {},
): Promise<RenderedPdf> {
  const fonts = options.fonts ?? documentFonts();
  const layout = layoutDocument(doc, catalog, { now: options.createdAt });
  const signature = options.signatureImage
    ? fitSignature(options.signatureImage, signatureSpaceOf(closingOf(layout)))
    : null;
  const files = new Map<string, Buffer>([
    ['normal.ttf', fonts.normal],
    ['bold.ttf', fonts.bold],
    ['italics.ttf', fonts.italics],
    ['bolditalics.ttf', fonts.bolditalics],
  ]);
  if (signature && options.signatureImage) files.set(signature.name, options.signatureImage);
  const createdAt = layout.createdAt;
  const seed = createHash('sha256')
    .update(JSON.stringify(doc))
    .update(catalog.id)
    .update(fonts.family)
    .update(createdAt.toISOString())
    .update(options.signatureImage ?? Buffer.alloc(0))
    .digest('hex');
  const out = await runPdfmake({
    definition: definition(layout, fonts, signature),
    files,
    tableLayouts: {
      ...TABLE_LAYOUTS,
      ...Object.fromEntries(
        layout.sections.flatMap((s) => s.blocks.filter((b) => b.type === 'grid').map(gridLayout)),
      ),
    },
    createdAt,
    idSeed: seed,
    pageBreakBefore: keepHeadings as never,
  });
  return { bytes: out.bytes, fields: fieldLayout(layout, out.lines) };
}
