import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../../electron/services/documents/renderDocument.ts';
import { textWidthTwips } from '../../../shared/domain/documents/textMetrics.ts';
import {
  PLAN_EXAMPLE,
  REPORT_EXAMPLE,
  catalog,
  hasBottomRule,
  loadExample,
  openDocx,
  paragraphs,
  ruleLength,
  tables,
} from '../../unit/documents/docxXml.ts';
import { longPlan } from '../../unit/documents/longPlan.ts';
import {
  canRender,
  firstLine,
  pageCount,
  pdfLines,
  pdfText,
  screenshot,
  squash,
  tempDir,
  toPdf,
} from './renderSupport.ts';

/** LibreOffice renders the documents as a reader will see them; poppler reads the result back. */
describe.skipIf(!canRender)('rendering with LibreOffice', () => {
  let dir: string;
  let pdfs: { plan: string; report: string; long: string };
  let reportDocx: Buffer;

  beforeAll(async () => {
    dir = tempDir('baocao-docx-');
    reportDocx = await renderDocx(loadExample(REPORT_EXAMPLE), catalog);
    const files = {
      plan: await renderDocx(loadExample(PLAN_EXAMPLE), catalog),
      report: reportDocx,
      long: await renderDocx(longPlan(300), catalog),
    };
    const paths = Object.entries(files).map(([name, bytes]) => {
      const p = path.join(dir, `${name}.docx`);
      fs.writeFileSync(p, bytes);
      return p;
    });
    const [plan, report, long] = toPdf(paths, dir);
    pdfs = { plan: plan!, report: report!, long: long! };
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows the Quốc hiệu on one line, the title and the signer with correct diacritics', () => {
    for (const [pdf, title] of [
      [pdfs.plan, 'KẾ HOẠCH'],
      [pdfs.report, 'BÁO CÁO'],
    ] as const) {
      const lines = pdfText(pdf, 1)
        .split('\n')
        .map((l) => l.trim());
      expect(lines).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(lines).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(lines).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
      expect(lines).toContain(title);
      const all = squash(pdfText(pdf));
      expect(all).toContain(squash('Nguyễn Đức Thắng'));
      expect(all).toContain(squash('KT. GIÁM ĐỐC'));
    }
    expect(pdfText(pdfs.report, 1)).toContain('Bắc Ninh, ngày 10 tháng 6 năm 2026');
    expect(pdfText(pdfs.report, 1)).toContain('Số: 05/BC-SKHCN');
  });

  it('numbers pages from 2 at the top, and the appendix on its own', () => {
    for (const pdf of [pdfs.plan, pdfs.report]) {
      expect(firstLine(pdfText(pdf, 1))).toBe('UBND TỈNH BẮC NINH');
      expect(firstLine(pdfText(pdf, 2))).toBe('2');
    }
    // The plan's appendix starts a landscape page without a number; its next page is "2".
    const pages = pageCount(pdfs.plan);
    const start = Array.from({ length: pages }, (_, i) => i + 1).find(
      (p) => firstLine(pdfText(pdfs.plan, p)) === 'Phụ lục',
    );
    expect(start).toBeGreaterThan(2);
    expect(firstLine(pdfText(pdfs.plan, start! + 1))).toBe('2');
    // A repeated header row on the appendix's second page.
    expect(pdfText(pdfs.plan, start! + 1)).toContain('Đơn vị chủ trì');
    // The page before the appendix carries its own number, so the body count did not restart.
    expect(firstLine(pdfText(pdfs.plan, start! - 1))).toBe(String(start! - 1));
  });

  it('draws the rule under the agency name at 1/3–1/2 of the name as rendered', async () => {
    const docx = await openDocx(reportDocx);
    const header = tables(docx.document)[0]!;
    const paras = paragraphs(header);
    const rule = paras[paras.findIndex((p) => p.text === 'SỞ KHOA HỌC VÀ CÔNG NGHỆ') + 1]!;
    expect(hasBottomRule(rule)).toBe(true);
    const cell = Number(/<w:gridCol w:w="(\d+)"/.exec(header)![1]);
    const rulePt = ruleLength(rule, cell) / 20;
    const line = pdfLines(pdfs.report, 1).find((l) => squash(l.text) === squash('SỞ KHOA HỌC VÀ CÔNG NGHỆ'))!;
    expect(line).toBeDefined();
    const renderedPt = line.xMax - line.xMin;
    expect(rulePt / renderedPt).toBeGreaterThanOrEqual(1 / 3);
    expect(rulePt / renderedPt).toBeLessThanOrEqual(1 / 2);
    // The metrics the builder sizes rules with agree with the renderer within 5 %.
    expect(textWidthTwips('SỞ KHOA HỌC VÀ CÔNG NGHỆ', 24, true) / 20 / renderedPt).toBeCloseTo(1, 1);
  });

  it('renders a plan with 300 activities and every section full', () => {
    const text = squash(pdfText(pdfs.long));
    expect(pageCount(pdfs.long)).toBeGreaterThan(40);
    expect(text).toContain(squash('(đợt 300)'));
    expect(text).toContain(squash('IV. TỔ CHỨC THỰC HIỆN'));
    expect(text).toContain(squash('Nguyễn Đức Thắng'));
  });

  it('writes page 1 of each example as a PNG for a person to look at', () => {
    for (const [pdf, name] of [
      [pdfs.plan, 'docx-plan-page1'],
      [pdfs.report, 'docx-report-page1'],
    ] as const) {
      const png = screenshot(pdf, name);
      expect(fs.statSync(png).size).toBeGreaterThan(10_000);
    }
  });
});
