import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeSetup, openFromMenu, waitSaved } from './support/department.ts';
import { fillTemplate } from './support/indicatorSheet.ts';
import { createReport } from './support/report.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

/** Clicks a button that downloads a file; returns the file's name and bytes. */
async function download(page: Page, button: string) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file!) };
}

describe('the official Word document and the Excel files of a report', () => {
  const env = useAppAndBrowser();

  it('previews and exports Word and Excel, and imports a filled template after a dry run', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });

    // Thể thức văn bản: the signer and the margins the department set are what the document uses.
    await openFromMenu(page, 'Thông tin cơ quan');
    await page.getByLabel('Họ tên người ký').fill('Trần Văn Bình');
    await page.getByLabel('Lề trái (mm)').fill('35');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin cơ quan.').waitFor();
    await page.screenshot({ path: screenshotPath('settings-letterhead'), fullPage: true });
    await openFromMenu(page, 'Báo cáo');
    await createReport(page, '6 tháng đầu năm 2026');
    await page.getByLabel('Chỉ tiêu 2 – Tử số').fill('95');
    await page.getByLabel('Chỉ tiêu 2 – Mẫu số').fill('120');
    await waitSaved(page);

    const word = await download(page, 'Xuất Word');
    expect(word.name).toBe('BC-6T-2026-SKHCN.docx');
    const xml = await (await JSZip.loadAsync(word.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain('95/120');
    expect(xml).toContain('Trần Văn Bình');
    // 35 mm left margin = 1984 twips.
    expect(xml).toMatch(/w:left="198[45]"/);

    // The PDF: the same document, with the same entries and signer, as the legal electronic copy.
    const pdf = await download(page, 'Xuất PDF');
    expect(pdf.name).toBe('BC-6T-2026-SKHCN.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfFile = path.join(os.tmpdir(), `e2e-${process.pid}.pdf`);
    fs.writeFileSync(pdfFile, pdf.bytes);
    try {
      const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
      expect(text).toContain('BÁO CÁO');
      expect(text).toContain('95/120');
      expect(text).toContain('Trần Văn Bình');
    } finally {
      fs.rmSync(pdfFile, { force: true });
    }

    const excel = await download(page, 'Xuất Excel');
    expect(excel.name).toBe('BC-6T-2026-SKHCN.xlsx');
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load(excel.bytes as unknown as ArrayBuffer);
    expect(exported.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Nhiệm vụ']);

    // The preview shows the PDF page by page (pdf.js), and the Word document on the switch.
    await page.getByRole('button', { name: 'Xem trước văn bản' }).click();
    await page.locator('.pdf-pages[data-pages]').waitFor({ timeout: 30_000 });
    const pages = Number(await page.locator('.pdf-pages').getAttribute('data-pages'));
    expect(pages).toBeGreaterThan(2);
    expect(await page.getByTestId('pdf-page').count()).toBe(pages);
    expect(await page.getByRole('button', { name: 'PDF', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // The first page is drawn: its canvas is not blank.
    const inked = await page
      .getByTestId('pdf-page')
      .first()
      .evaluate((c) => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height / 4).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
        return dark;
      });
    expect(inked).toBeGreaterThan(1000);
    await page.screenshot({ path: screenshotPath('preview-report-pdf') });
    const [previewPdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất PDF' }).click(),
    ]);
    expect(previewPdf.suggestedFilename()).toBe('BC-6T-2026-SKHCN.pdf');
    await page.getByRole('button', { name: 'Word', exact: true }).click();
    await page.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: screenshotPath('preview-report') });
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.getByLabel('Chỉ tiêu 2 – Tử số').waitFor();

    // Import: a template with a mistake is shown row by row and cannot be applied…
    const template = await download(page, 'Tải mẫu nhập Excel');
    const { bytes: bad } = await fillTemplate(template.bytes, {
      CT02: { 'Số đạt được': '130', 'Tổng số': '120' },
    });
    await page
      .getByLabel('Chọn tệp Excel')
      .setInputFiles({ name: 'mau-sai.xlsx', mimeType: 'application/octet-stream', buffer: bad });
    const problems = page.getByRole('table', { name: 'Vấn đề' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain('130');
    expect(await page.getByRole('button', { name: 'Áp dụng' }).isDisabled()).toBe(true);

    // …a corrected one lists its changes, and "Áp dụng" puts them into the report.
    const { bytes: good } = await fillTemplate(template.bytes, {
      CT02: { 'Số đạt được': '120', 'Tổng số': '120' },
    });
    await page
      .getByLabel('Chọn tệp Excel')
      .setInputFiles({ name: 'mau-dung.xlsx', mimeType: 'application/octet-stream', buffer: good });
    const changes = page.getByRole('table', { name: 'Thay đổi' });
    await changes.waitFor();
    expect(await changes.textContent()).toMatch(/95[\s\S]*120/);
    await page.screenshot({ path: screenshotPath('import-dry-run'), fullPage: false });
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await expect
      .poll(() => page.getByLabel('Chỉ tiêu 2 – Tử số').inputValue(), { timeout: 10_000 })
      .toBe('120');
    expect(await page.getByTestId('achievement-CT02').textContent()).toBe('Đạt');
    await context.close();
  });
});
