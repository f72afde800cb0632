import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type RenderedPdf } from '../../../electron/services/documents/pdf/renderPdf.ts';
import { renderDocx } from '../../../electron/services/documents/renderDocument.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import { PLAN_EXAMPLE, REPORT_EXAMPLE, catalog, loadExample, variant } from '../../unit/documents/docxXml.ts';
import {
  darkPixels,
  fontsOf,
  hasPoppler,
  pageSizes,
  toTopLeft,
  words,
  wordsInside,
  writePdf,
} from './pdfSupport.ts';
import {
  canRender,
  firstLine,
  pageCount,
  pdfText,
  screenshot,
  squash,
  tempDir,
  toPdf,
} from './renderSupport.ts';

/** A blue stroke on a transparent background, as a signature image is: a PNG made here. */
function signaturePng(width = 300, height = 120): Buffer {
  const crc = (b: Buffer) => zlib.crc32(b);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const onStroke = Math.abs(y - (height * x) / width) < 10;
      if (onStroke) raw.set([0x10, 0x30, 0xc0, 0xff], y * (width * 4 + 1) + 1 + x * 4);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const creationDate = (pdf: string) =>
  /CreationDate:\s+(\S+)/.exec(execFileSync('pdfinfo', ['-isodates', pdf], { encoding: 'utf8' }))?.[1];

const draft = (file: string) =>
  variant(file, (r) => Object.assign(r.meta, { status: 'draft', number: null, issuedOn: null }));

/** Every kind of document: the two examples, drafts of both, and the other report periods. */
const KINDS: [string, () => ExchangeDocument, string][] = [
  ['plan', () => loadExample(PLAN_EXAMPLE), 'KẾ HOẠCH'],
  ['report', () => loadExample(REPORT_EXAMPLE), 'BÁO CÁO'],
  ['plan-draft', () => draft(PLAN_EXAMPLE), 'KẾ HOẠCH'],
  ['report-draft', () => draft(REPORT_EXAMPLE), 'BÁO CÁO'],
  [
    'report-annual',
    () =>
      variant(REPORT_EXAMPLE, (r) => Object.assign(r.content.period, { kind: 'annual', title: 'năm 2026' })),
    'BÁO CÁO',
  ],
];

describe.skipIf(!hasPoppler)('the official PDF', () => {
  let dir: string;
  const rendered = new Map<string, { file: string; out: RenderedPdf }>();

  beforeAll(async () => {
    dir = tempDir('baocao-pdf-');
    for (const [name, make] of KINDS) {
      const out = await renderPdf(make(), catalog);
      rendered.set(name, { file: writePdf(dir, name, out.bytes), out });
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows the Quốc hiệu, the title and the signer with correct diacritics, in Unicode NFC', () => {
    for (const [name, , title] of KINDS) {
      const { file } = rendered.get(name)!;
      const lines = pdfText(file, 1)
        .split('\n')
        .map((l) => l.trim());
      expect(lines, name).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(lines, name).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(lines, name).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
      expect(lines, name).toContain(title);
      const all = pdfText(file);
      expect(all).toBe(all.normalize('NFC'));
      expect(all).toContain('Nguyễn Đức Thắng');
      expect(all).toContain('KT. GIÁM ĐỐC');
    }
    const report = rendered.get('report')!.file;
    expect(pdfText(report, 1)).toContain('Số: 05/BC-SKHCN');
    expect(pdfText(report, 1)).toContain('Bắc Ninh, ngày 10 tháng 6 năm 2026');
    const draftWords = words(rendered.get('report-draft')!.file, 1).map((w) => w.text);
    expect(draftWords).toEqual(expect.arrayContaining(['Số:', '/BC-SKHCN', 'ngày', 'tháng', 'năm']));
    expect(draftWords).not.toContain('05/BC-SKHCN');
  });

  it('numbers pages from 2, and the landscape appendix on its own with its header row repeated', () => {
    for (const [name] of KINDS) {
      const { file, out } = rendered.get(name)!;
      expect(firstLine(pdfText(file, 1)), name).toBe('UBND TỈNH BẮC NINH');
      expect(firstLine(pdfText(file, 2)), name).toBe('2');
      const sizes = pageSizes(file);
      expect(sizes).toHaveLength(pageCount(file));
      const [start] = out.fields.appendixPages;
      expect(start, name).toBeGreaterThan(1);
      // A4 portrait up to the appendix, landscape from it.
      sizes.forEach((s, i) => {
        const [w, h] = i < start! ? [595.3, 841.9] : [841.9, 595.3];
        expect(s.width, `${name} page ${i + 1}`).toBeCloseTo(w, 0);
        expect(s.height, `${name} page ${i + 1}`).toBeCloseTo(h, 0);
      });
      expect(firstLine(pdfText(file, start! + 1))).toBe('Phụ lục');
      expect(firstLine(pdfText(file, start!))).toBe(String(start));
    }
    // The plan's appendix runs over two pages: the second is numbered 2 and repeats the header.
    const { file, out } = rendered.get('plan')!;
    const second = out.fields.appendixPages[0]! + 2;
    expect(pageCount(file)).toBeGreaterThanOrEqual(second);
    const text = pdfText(file, second);
    expect(firstLine(text)).toBe('2');
    for (const h of ['STT', 'Nội dung', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Sản phẩm', 'Kinh phí']) {
      expect(text).toContain(h);
    }
  });

  it('embeds only Liberation Serif or Times New Roman, as subsets with a Unicode map', () => {
    for (const [name] of KINDS) {
      const fonts = fontsOf(rendered.get(name)!.file);
      expect(fonts.length).toBeGreaterThanOrEqual(3);
      for (const f of fonts) {
        expect(f.name, name).toMatch(/^[A-Z]{6}\+(LiberationSerif|TimesNewRoman)/);
        expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
      }
    }
  });

  it('is PDF 1.4 or later with a classic cross-reference table, so a signature placeholder can be added', () => {
    const { out } = rendered.get('report-draft')!;
    const header = out.bytes.subarray(0, 8).toString('latin1');
    expect(header).toMatch(/^%PDF-1\.[4-7]/);
    const tail = out.bytes.subarray(-2000).toString('latin1');
    expect(out.bytes.toString('latin1')).toMatch(/\nxref\n0 \d+\n0000000000 65535 f/);
    expect(tail).toMatch(/startxref\s+\d+\s+%%EOF\s*$/);
    expect(out.bytes.toString('latin1')).not.toContain('/Type /XRef');
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: out.bytes,
      reason: 'Phê duyệt',
      contactInfo: '',
      name: 'Nguyễn Đức Thắng',
      location: 'Bắc Ninh',
      signatureLength: 8192,
      subFilter: 'ETSI.CAdES.detached',
    });
    const text = withPlaceholder.toString('latin1');
    expect(text).toContain('/ByteRange');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    // The original bytes are untouched: an incremental update.
    expect(withPlaceholder.subarray(0, out.bytes.length).equals(out.bytes)).toBe(true);
  });

  it('gives the same bytes for the same input and clock', async () => {
    const doc = loadExample(REPORT_EXAMPLE);
    const clock = new Date('2026-06-10T08:30:00+07:00');
    const a = await renderPdf(doc, catalog, { createdAt: clock });
    const b = await renderPdf(doc, catalog, { createdAt: clock });
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(creationDate(writePdf(dir, 'clocked', a.bytes))).toBe('2026-06-10T01:30:00Z');
    const later = await renderPdf(doc, catalog, { createdAt: new Date('2026-06-11T08:30:00+07:00') });
    expect(later.bytes.equals(a.bytes)).toBe(false);
    // Without a clock, an issued document carries its issue date; the ID follows the content.
    expect(creationDate(rendered.get('report')!.file)).toBe('2026-06-09T17:00:00Z');
    const issued = rendered.get('report')!.out.bytes.toString('latin1');
    const id = (s: string) => /\/ID \[<([0-9a-f]+)>/.exec(s)?.[1];
    expect(id(issued)).toBeDefined();
    expect(id(issued)).not.toBe(id(rendered.get('report-annual')!.out.bytes.toString('latin1')));
  });

  it('reports boxes that hold the number, the date and the space between the title and the name', () => {
    for (const [name, number, date] of [
      ['report', ['Số:', '05/BC-SKHCN'], ['Bắc', 'Ninh,', 'ngày', '10', 'tháng', '6', 'năm', '2026']],
      // A draft's year is known: the report's is due in 2026; the plan, with no clock, was due in 2025.
      ['report-draft', ['Số:', '/BC-SKHCN'], ['Bắc', 'Ninh,', 'ngày', 'tháng', 'năm', '2026']],
      ['plan-draft', ['Số:', '/KH-SKHCN'], ['Bắc', 'Ninh,', 'ngày', 'tháng', 'năm', '2025']],
    ] as const) {
      const { file, out } = rendered.get(name)!;
      const f = out.fields;
      const [first] = pageSizes(file);
      expect(f.numberLine.page).toBe(0);
      expect(f.dateLine.page).toBe(0);
      const page1 = words(file, 1);
      expect(wordsInside(page1, toTopLeft(f.numberLine, first!.height)), name).toEqual(number);
      expect(wordsInside(page1, toTopLeft(f.dateLine, first!.height)), name).toEqual(date);
      expect(f.numberSize).toBe(13);
      expect(f.dateSize).toBe(14);

      // The signature space: under the title, above the name, on the same page, in the right column.
      const page = words(file, f.signature.page + 1);
      const box = toTopLeft(f.signature, first!.height);
      const title = page.filter((w) => w.text === 'PHÓ' || w.text === 'GIÁM' || w.text === 'ĐỐC');
      const nameWords = page.filter((w) => ['Nguyễn', 'Đức', 'Thắng'].includes(w.text));
      expect(nameWords).toHaveLength(3);
      expect(Math.max(...title.map((w) => w.yMax))).toBeLessThanOrEqual(box.yMin + 1);
      for (const w of nameWords) {
        expect(w.yMin).toBeGreaterThanOrEqual(box.yMax - 1);
        expect(w.yMin - box.yMax).toBeLessThan(5);
        expect(w.xMin).toBeGreaterThan(box.xMin);
        expect(w.xMax).toBeLessThan(box.xMax);
      }
      expect(f.signature.height).toBeGreaterThan(70);
      expect(wordsInside(page, box)).toEqual([]);
      expect(
        darkPixels(file, f.signature.page + 1, {
          ...box,
          x: box.xMin,
          y: box.yMin,
          width: box.xMax - box.xMin,
          height: box.yMax - box.yMin,
        }),
      ).toBe(0);
    }
  });

  it('draws the signature image centred in the signature space, moving nothing else', async () => {
    const doc = loadExample(REPORT_EXAMPLE);
    const plain = rendered.get('report')!;
    const signed = await renderPdf(doc, catalog, { signatureImage: signaturePng() });
    const file = writePdf(dir, 'signed', signed.bytes);
    expect(signed.fields).toEqual(plain.out.fields);
    const f = signed.fields.signature;
    const height = pageSizes(file)[f.page]!.height;
    const box = toTopLeft(f, height);
    const area = { x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin };
    const inside = darkPixels(file, f.page + 1, area, 240);
    expect(inside).toBeGreaterThan(500);
    // Centred: as much ink in the left half as in the right.
    const left = darkPixels(file, f.page + 1, { ...area, width: area.width / 2 }, 240);
    expect(left / inside).toBeGreaterThan(0.4);
    expect(left / inside).toBeLessThan(0.6);
    // The text is the same, in the same places.
    expect(pdfText(file)).toBe(pdfText(plain.file));
    await expect(renderPdf(doc, catalog, { signatureImage: Buffer.from('GIF89a') })).rejects.toThrow(
      'Ảnh chữ ký phải là tệp PNG',
    );
    screenshot(file, 'pdf-report-page1');
  });
});

describe.skipIf(!canRender)('the PDF beside LibreOffice rendering our .docx', () => {
  let dir: string;
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('has the same text in the same order and the same page count ±1', { timeout: 180_000 }, async () => {
    dir = tempDir('baocao-pdf-lo-');
    const docs = [
      ['plan', loadExample(PLAN_EXAMPLE)],
      ['report', loadExample(REPORT_EXAMPLE)],
    ] as const;
    const docx: string[] = [];
    const ours: string[] = [];
    for (const [name, doc] of docs) {
      const file = path.join(dir, `${name}.docx`);
      fs.writeFileSync(file, await renderDocx(doc, catalog));
      docx.push(file);
      ours.push(writePdf(dir, `${name}-ours`, (await renderPdf(doc, catalog)).bytes));
    }
    const theirs = toPdf(docx, dir);
    ours.forEach((pdf, i) => {
      const lo = theirs[i]!;
      expect(Math.abs(pageCount(pdf) - pageCount(lo)), docs[i]![0]).toBeLessThanOrEqual(1);
      // Page numbers stand apart from the flow. pdftotext joins a word broken after a hyphen at a
      // line's end, so hyphens are left out of the comparison.
      const flow = (file: string) =>
        squash(
          pdfText(file)
            .split('\n')
            .filter((l) => !/^\s*\d+\s*$/.test(l))
            .join(' '),
        ).replace(/-/g, '');
      const [a, b] = [flow(pdf), flow(lo)];
      const [bodyA, bodyB] = [a.slice(0, a.lastIndexOf('Phụlục')), b.slice(0, b.lastIndexOf('Phụlục'))];
      expect(bodyA.length).toBeGreaterThan(5000);
      expect(bodyA).toBe(bodyB);
      // In the appendix pdftotext reads table cells in an order that depends on fractions of a
      // point; the same characters must be there, and the same rows in the same order.
      const sorted = (s: string) => [...s].sort().join('');
      expect(sorted(a.slice(bodyA.length))).toBe(sorted(b.slice(bodyB.length)));
      const rows = (file: string) =>
        pdfText(file)
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => /^\d+(\.\d+)?$/.test(l) && !/^\d+$/.test(l));
      expect(rows(pdf)).toEqual(rows(lo));
    });
    for (const [i, name] of ['plan', 'report'].entries()) {
      screenshot(ours[i]!, `pdf-${name}-page1`);
      screenshot(theirs[i]!, `pdf-${name}-page1-libreoffice`);
    }
  });
});
