import JSZip from 'jszip';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import { catalog } from './catalog.ts';
import { openFromMenu } from './department.ts';
import { apiFromPage } from './people.ts';

/** Every indicator, task and section of the report filled in through the app's own API. */
export async function fillReport(page: Page, id: string) {
  const got = await apiFromPage(page, 'reports.get', { id });
  const doc = got.value as { meta: { revision: number }; content: ReportContent };
  const c = structuredClone(doc.content);
  for (const ind of c.indicators) {
    const measures = catalog.indicators.find((i) => i.code === ind.code)!.measures;
    for (const v of ind.values) {
      const kind = measures.find((m) => m.code === v.measure)!.kind;
      if (kind === 'ratio') Object.assign(v, { numerator: 95, denominator: 100 });
      else if (kind === 'yes_no')
        Object.assign(v, { done: true, evidenceUrl: 'https://skhcn.bacninh.gov.vn/nq57' });
      else v.count = 12;
    }
  }
  for (const t of c.tasks) Object.assign(t, { status: 'hoan_thanh', result: 'Đã triển khai theo kế hoạch.' });
  for (const s of Object.values(c.sections)) s.text = 'Nội dung đã được tổng hợp đầy đủ.';
  const saved = await apiFromPage(page, 'reports.save', {
    id,
    baseRevision: doc.meta.revision,
    editSession: 'e2e-fill-0001',
    content: c,
  });
  expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
}

/**
 * "Tạo báo cáo" on the proposal of `period` (its card's text, e.g. "6 tháng đầu năm 2026"), and
 * waits for the new report's editor to open.
 */
export async function createReport(page: Page, period: string) {
  await page
    .getByTestId('proposal')
    .filter({ hasText: period })
    .getByRole('button', { name: 'Tạo báo cáo' })
    .click();
  await page.waitForURL(/\/reports\/[^/]+$/);
}

/** Clicks the first button named `button` and returns the file it downloads. */
export async function download(page: Page, button: string) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).first().click(),
  ]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync((await dl.path())!) };
}

/** The text of a .docx body as Word shows it, runs joined. */
export async function docxText(bytes: Buffer) {
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string'))
    // "01/BC-SKHCN" keeps its hyphen unbroken (w:noBreakHyphen): Word shows it as "-".
    .replace(/<w:noBreakHyphen\/>/g, '<w:t>-</w:t>');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** The clerk creates the first proposed report, fills it completely and sends it for approval. */
export async function createAndSubmitReport(clerk: Page) {
  await openFromMenu(clerk, 'Báo cáo');
  await clerk.getByTestId('proposal').first().getByRole('button', { name: 'Tạo báo cáo' }).click();
  await clerk.getByTestId('workflow-panel').waitFor();
  const reportUrl = clerk.url();
  const id = decodeURIComponent(reportUrl.split('/reports/')[1]!);
  await fillReport(clerk, id);
  await clerk.reload();
  await clerk.getByRole('button', { name: 'Gửi duyệt' }).click();
  await clerk.getByText('Đã gửi lãnh đạo duyệt').waitFor();
  return { id, reportUrl };
}
