import { PDFDocument, rgb, type PDFFont } from '@cantoo/pdf-lib';
import * as fontkit from 'fontkit';
import { serifFont } from '../../../electron/services/signing/pdf/fonts.ts';
import type { PdfBox, PdfFieldLayout } from '../../../shared/domain/documents/pdfFields.ts';

const MM = 72 / 25.4;

/**
 * A one- or two-page report drawn like the PDF builder's, small and with known boxes: the header
 * with the blank "Số:      /BC-SKHCN" and "Bắc Ninh, ngày      tháng      năm 2026" lines, a body
 * paragraph and the signature block. Saved with a classic xref table, as pdfmake writes.
 */
export async function makeReportPdf(
  options: {
    pages?: number;
    title?: string;
    /** Draw these issued lines instead of the blank ones: a reference for how stamping should look. */
    issued?: { numberText: string; dateText: string };
  } = {},
): Promise<{
  pdf: Buffer;
  fields: PdfFieldLayout;
}> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  doc.setTitle(options.title ?? 'Báo cáo thử nghiệm');
  doc.setProducer('BaoCao test');
  const regular = await doc.embedFont(serifFont('regular'), { subset: true });
  const italic = await doc.embedFont(serifFont('italic'), { subset: true });
  const bold = await doc.embedFont(serifFont('bold'), { subset: true });
  const [pageW, pageH] = [210 * MM, 297 * MM];
  const page = doc.addPage([pageW, pageH]);
  const left = 30 * MM;
  const leftCol = { x: left, w: 65 * MM };
  const rightCol = { x: left + 65 * MM, w: 100 * MM };

  // The box of a line is its ink band: from the font's descent to its ascent (as the PDF builder gives).
  const metrics = fontkit.create(serifFont('regular')) as unknown as {
    ascent: number;
    descent: number;
    unitsPerEm: number;
  };
  const [ascent, descent] = [metrics.ascent / metrics.unitsPerEm, metrics.descent / metrics.unitsPerEm];
  const centred = (text: string, font: PDFFont, size: number, col: { x: number; w: number }, y: number) => {
    const w = font.widthOfTextAtSize(text, size);
    const x = col.x + (col.w - w) / 2;
    page.drawText(text, { x, y, size, font, color: rgb(0, 0, 0) });
    const box: PdfBox = { page: 0, x, y: y + descent * size, width: w, height: (ascent - descent) * size };
    return box;
  };

  const top = pageH - 20 * MM;
  centred('UBND TỈNH BẮC NINH', regular, 12, leftCol, top - 12);
  centred('SỞ KHOA HỌC VÀ CÔNG NGHỆ', bold, 12, leftCol, top - 26);
  centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, 12, rightCol, top - 12);
  centred('Độc lập - Tự do - Hạnh phúc', bold, 13, rightCol, top - 27);
  const numberLine = centred(
    options.issued?.numberText ?? 'Số:      /BC-SKHCN',
    regular,
    13,
    leftCol,
    top - 50,
  );
  const dateLine = centred(
    options.issued?.dateText ?? 'Bắc Ninh, ngày      tháng      năm 2026',
    italic,
    13,
    rightCol,
    top - 50,
  );
  centred('BÁO CÁO', bold, 14, { x: left, w: 165 * MM }, top - 85);
  centred('Kết quả thực hiện Kế hoạch số 34/KH-UBND', bold, 14, { x: left, w: 165 * MM }, top - 102);
  page.drawText(
    'Thực hiện Kế hoạch số 34/KH-UBND ngày 20/8/2025 của UBND tỉnh, Sở Khoa học và Công nghệ báo cáo như sau:',
    { x: left, y: top - 135, size: 13, font: regular, maxWidth: 165 * MM, lineHeight: 18 },
  );
  centred('GIÁM ĐỐC', bold, 13, rightCol, top - 220);
  const signature: PdfBox = { page: 0, x: rightCol.x + 20 * MM, y: top - 295, width: 60 * MM, height: 65 };
  centred('Nguyễn Thị Thủy Tiên', bold, 13, rightCol, top - 310);
  for (let i = 1; i < (options.pages ?? 1); i++) {
    const p = doc.addPage([pageW, pageH]);
    p.drawText(`Trang ${i + 1}: phụ lục số liệu`, { x: left, y: pageH - 30 * MM, size: 13, font: regular });
  }
  const bytes = await doc.save({ useObjectStreams: false });
  return {
    pdf: Buffer.from(bytes),
    fields: {
      numberLine,
      dateLine,
      numberSize: 13,
      dateSize: 13,
      signature,
      appendixPages: [],
    },
  };
}
