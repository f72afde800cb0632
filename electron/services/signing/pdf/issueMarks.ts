import { PDFDocument, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import * as fontkit from 'fontkit';
import type { PdfBox, PdfFieldLayout } from '../../../../shared/domain/documents/pdfFields.ts';
import { AppError } from '../../../../shared/errors.ts';
import { addImageAnnotation, addTextAnnotation, findAnnotationRect, type Rect } from './annotations.ts';
import { serifFont, type SerifStyle } from './fonts.ts';
import { isoVietnam } from './pdfDates.ts';

const MM = 72 / 25.4;

/** Names (/NM) of what BaoCao adds, so a later step can find the earlier one. */
export const ANNOTATION_NAMES = {
  signatureImage: 'BaoCao.signatureImage',
  seal: 'BaoCao.seal',
  number: 'BaoCao.number',
  date: 'BaoCao.date',
  appendixMark: 'BaoCao.appendixMark',
} as const;

export interface StampIssueInput {
  fields: PdfFieldLayout;
  /** The whole line as issued: "Số: 05/BC-SKHCN". */
  numberText: string;
  /** The whole line as issued: "Bắc Ninh, ngày 05 tháng 02 năm 2026". */
  dateText: string;
  /** The organisation's seal: PNG, red, transparent background. */
  sealImage?: Buffer;
  /** The seal's real diameter (ND30: printed at its real size); 36 mm when not given. */
  sealSizeMm?: number;
  /** When the marks are made (the annotations' /M); now when not given. */
  at?: Date;
  fontsDir?: string;
}

/** Opens a PDF for an incremental update: the bytes already there, and every signature on them, stay. */
async function openForUpdate(pdf: Buffer) {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  } catch {
    throw new AppError('VALIDATION', 'Tệp PDF không đọc được nên không thêm được số, ngày hay hình dấu');
  }
  doc.registerFontkit(fontkit);
  return doc;
}

async function saveUpdate(doc: PDFDocument): Promise<Buffer> {
  // Object streams would give placeholder-plain (the next signature) an xref it cannot read.
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function pageOf(doc: PDFDocument, index: number, what: string): PDFPage {
  if (!Number.isInteger(index) || index < 0 || index >= doc.getPageCount()) {
    throw new AppError(
      'VALIDATION',
      `Vị trí ${what} chỉ đến trang ${index + 1}, tệp PDF chỉ có ${doc.getPageCount()} trang`,
    );
  }
  return doc.getPage(index);
}

const metricsCache = new Map<SerifStyle, { ascent: number; descent: number }>();
/** Ascent and descent as fractions of the font size, from the font file itself. */
function metrics(style: SerifStyle, fontsDir?: string) {
  let m = metricsCache.get(style);
  if (!m) {
    const f = fontkit.create(serifFont(style, fontsDir)) as unknown as {
      ascent: number;
      descent: number;
      unitsPerEm: number;
    };
    m = { ascent: f.ascent / f.unitsPerEm, descent: f.descent / f.unitsPerEm };
    metricsCache.set(style, m);
  }
  return m;
}

/**
 * A line of text centred in `box` as the draft line was: horizontally on the box's centre,
 * vertically with the font's ascent..descent band centred in the box (the PDF builder's boxes are
 * exactly that band, so the issued text sits on the draft's baseline).
 */
function centredLine(
  text: string,
  font: PDFFont,
  style: SerifStyle,
  size: number,
  box: PdfBox,
  fontsDir?: string,
) {
  const { ascent, descent } = metrics(style, fontsDir);
  const width = font.widthOfTextAtSize(text, size);
  const band = (ascent - descent) * size;
  const y = box.y + (box.height - band) / 2 - descent * size;
  const x = box.x + (box.width - width) / 2;
  const extent: Rect = { x, y: y + descent * size, width, height: band };
  return { line: { text, font, size, x, y }, extent };
}

/** The box itself, a hair larger so no antialiased edge of the draft text shows through. */
const coverOf = (box: PdfBox): Rect => ({
  x: box.x - 0.5,
  y: box.y - 0.5,
  width: box.width + 1,
  height: box.height + 1,
});

function checkText(value: string, what: string): string {
  const text = value.normalize('NFC').trim();
  if (!text || text.length > 200 || /[\p{Cc}]/u.test(text)) {
    throw new AppError('VALIDATION', `${what} không hợp lệ`);
  }
  return text;
}

async function embedPng(doc: PDFDocument, png: Buffer, what: string) {
  try {
    return await doc.embedPng(png);
  } catch {
    throw new AppError('VALIDATION', `${what} không phải tệp PNG đọc được`);
  }
}

/**
 * ND30 (Điều 13–17, Phụ lục I): the head has signed with the number and date blank; at issue the
 * văn thư writes them and puts the seal, then the organisation signs. This adds the number line
 * and the date line over the blank ones and the seal at its real size, overlapping the left third
 * of the head's signature image, as one incremental update; the head's signature stays valid.
 */
export async function stampIssue(pdf: Buffer, stamp: StampIssueInput): Promise<Buffer> {
  const numberText = checkText(stamp.numberText, 'Số, ký hiệu văn bản');
  const dateText = checkText(stamp.dateText, 'Địa danh, ngày tháng năm ban hành');
  const at = stamp.at ?? new Date();
  const doc = await openForUpdate(pdf);
  const regular = await doc.embedFont(serifFont('regular', stamp.fontsDir), { subset: true });
  const italic = await doc.embedFont(serifFont('italic', stamp.fontsDir), { subset: true });
  const { fields } = stamp;

  const numberPage = pageOf(doc, fields.numberLine.page, 'số văn bản');
  const n = centredLine(numberText, regular, 'regular', fields.numberSize, fields.numberLine, stamp.fontsDir);
  addTextAnnotation(doc, numberPage, {
    name: ANNOTATION_NAMES.number,
    lines: [n.line],
    cover: coverOf(fields.numberLine),
    extent: n.extent,
    at,
  });
  const datePage = pageOf(doc, fields.dateLine.page, 'ngày ban hành');
  // ND30: the place and date line is italic.
  const d = centredLine(dateText, italic, 'italic', fields.dateSize, fields.dateLine, stamp.fontsDir);
  addTextAnnotation(doc, datePage, {
    name: ANNOTATION_NAMES.date,
    lines: [d.line],
    cover: coverOf(fields.dateLine),
    extent: d.extent,
    at,
  });

  if (stamp.sealImage) {
    const mm = stamp.sealSizeMm ?? 36;
    if (!(mm >= 20 && mm <= 60)) throw new AppError('VALIDATION', 'Đường kính con dấu phải từ 20 đến 60 mm');
    const sigPage = pageOf(doc, fields.signature.page, 'chữ ký');
    const image = await embedPng(doc, stamp.sealImage, 'Hình con dấu');
    // Where the head's signature image actually is, when BaoCao put it there; else the box.
    const sig = findAnnotationRect(doc, sigPage, ANNOTATION_NAMES.signatureImage) ?? fields.signature;
    const width = mm * MM;
    const height = (width * image.height) / image.width;
    const rect: Rect = {
      // ND30 Phụ lục I: the seal covers about the left third of the signature.
      x: sig.x + sig.width / 3 - width,
      y: sig.y + sig.height / 2 - height / 2,
      width,
      height,
    };
    addImageAnnotation(doc, sigPage, {
      name: ANNOTATION_NAMES.seal,
      image,
      rect,
      at,
      contents: 'Dấu cơ quan',
    });
  }
  return saveUpdate(doc);
}

/**
 * The head's signature image, centred (aspect kept) in the signature box between the title and
 * the name, added before the head signs so their signature covers it.
 */
export async function placeSignatureImage(
  pdf: Buffer,
  input: { box: PdfBox; image: Buffer; at?: Date },
): Promise<Buffer> {
  const doc = await openForUpdate(pdf);
  const page = pageOf(doc, input.box.page, 'chữ ký');
  const image = await embedPng(doc, input.image, 'Hình chữ ký');
  const scale = Math.min(input.box.width / image.width, input.box.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  addImageAnnotation(doc, page, {
    name: ANNOTATION_NAMES.signatureImage,
    image,
    rect: {
      x: input.box.x + (input.box.width - width) / 2,
      y: input.box.y + (input.box.height - height) / 2,
      width,
      height,
    },
    at: input.at ?? new Date(),
    contents: 'Chữ ký',
  });
  return saveUpdate(doc);
}

/**
 * ND30 Phụ lục I for an appendix issued as a separate file: no image; at the top right of its first
 * page, Times New Roman 10 pt, upright, black, the number and symbol of the document it belongs to
 * and the signing time in ISO 8601 Vietnam time. The văn thư's signature then covers it.
 */
export async function markAppendix(
  pdf: Buffer,
  input: { numberText: string; signingTime: Date; fontsDir?: string },
): Promise<Buffer> {
  const numberText = checkText(input.numberText, 'Số, ký hiệu văn bản');
  const doc = await openForUpdate(pdf);
  const font = await doc.embedFont(serifFont('regular', input.fontsDir), { subset: true });
  const page = pageOf(doc, 0, 'dấu thời gian');
  const { width: pageW, height: pageH } = page.getSize();
  const size = 10;
  const { ascent, descent } = metrics('regular', input.fontsDir);
  const right = pageW - 15 * MM;
  const lines = [numberText, isoVietnam(input.signingTime)].map((text, i) => {
    const w = font.widthOfTextAtSize(text, size);
    return { text, font, size, x: right - w, y: pageH - 10 * MM - ascent * size - i * size * 1.2 };
  });
  const left = Math.min(...lines.map((l) => l.x));
  const bottom = lines[lines.length - 1]!.y + descent * size;
  addTextAnnotation(doc, page, {
    name: ANNOTATION_NAMES.appendixMark,
    lines,
    extent: { x: left, y: bottom, width: right - left, height: pageH - 10 * MM - bottom },
    at: input.signingTime,
  });
  return saveUpdate(doc);
}
