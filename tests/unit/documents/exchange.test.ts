import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { docxFileName } from '../../../electron/services/documents/documentNumber.ts';
import { asciiSlug } from '../../../shared/domain/documents/fileNames.ts';
import { checkAgainstCatalog } from '../../../electron/services/documents/renderDocument.ts';
import { describeExchangeIssues, exchangeSchema } from '../../../shared/domain/documents/exchange.ts';
import {
  PLAN_EXAMPLE,
  REPORT_EXAMPLE,
  ROOT,
  catalog,
  loadExample,
  variant,
  type RawJson,
} from './docxXml.ts';

const raw = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as RawJson;

function problems(data: unknown): string[] {
  const r = exchangeSchema.safeParse(data);
  return r.success ? [] : describeExchangeIssues(r.error.issues);
}

describe('exchange JSON', () => {
  it('accepts both examples and they are complete for Sở Khoa học và Công nghệ', () => {
    const plan = loadExample(PLAN_EXAMPLE);
    const report = loadExample(REPORT_EXAMPLE);
    expect(checkAgainstCatalog(plan, catalog)).toEqual([]);
    expect(checkAgainstCatalog(report, catalog)).toEqual([]);
    const own = catalog.tasks.filter((t) => t.appliesTo.includes('so_khcn')).map((t) => t.id);
    expect(plan.content.tasks.map((t) => t.taskId)).toEqual(own);
    if (plan.kind !== 'plan' || report.kind !== 'report') throw new Error('kinds');
    expect(plan.content.tasks.filter((t) => t.activities.length >= 2).length).toBeGreaterThanOrEqual(10);
    const indicators = catalog.indicators.filter((i) => i.appliesTo.includes('so_khcn')).map((i) => i.code);
    expect(report.content.indicators.map((i) => i.code)).toEqual(indicators);
    for (const key of ['direction', 'results', 'shortcomings', 'nextTasks', 'proposals'] as const) {
      expect(report.content.sections[key].text.length).toBeGreaterThan(50);
    }
    expect(report.meta).toMatchObject({ number: '05/BC-SKHCN', issuedOn: '2026-06-10' });
  });

  it('names the bad field in Vietnamese', () => {
    const bad = raw(REPORT_EXAMPLE);
    bad.meta.number = '5/BC-SKHCN';
    expect(problems(bad)[0]).toMatch(/^trường meta\.number: số văn bản phải có dạng "05\/BC-SKHCN"/);

    const wrongCode = raw(REPORT_EXAMPLE);
    wrongCode.meta.number = '05/KH-SKHCN';
    expect(problems(wrongCode)[0]).toContain('trường meta.number: ký hiệu phải là "BC-SKHCN"');

    const halfIssued = raw(PLAN_EXAMPLE);
    halfIssued.meta.issuedOn = null;
    expect(problems(halfIssued)[0]).toMatch(/^trường meta\.issuedOn: /);

    const noFormat = raw(PLAN_EXAMPLE);
    noFormat.format = 'docx';
    expect(problems(noFormat)[0]).toMatch(/^trường format: /);

    const badTimeline = raw(PLAN_EXAMPLE);
    badTimeline.content.tasks[0].activities[0].timeline = { kind: 'date', date: '18/5/2026' };
    expect(problems(badTimeline)[0]).toMatch(
      /^trường content\.tasks\[0\]\.activities\[0\]\.timeline\.date: Ngày phải có dạng/,
    );
  });

  it('refuses tasks and indicators the plan template does not have', () => {
    const doc = variant(REPORT_EXAMPLE, (r) => {
      r.content.tasks[2].taskId = 'III.9.z';
      r.content.indicators[1].code = 'CT99';
    });
    expect(checkAgainstCatalog(doc, catalog)).toEqual([
      'trường content.tasks[2].taskId: nhiệm vụ "III.9.z" không có trong Kế hoạch 34/KH-UBND',
      'trường content.indicators[1].code: chỉ tiêu "CT99" không có trong Kế hoạch 34/KH-UBND',
    ]);
  });

  it('keeps docs/exchange.schema.json in step with the zod schema (npm run docs:schema)', () => {
    const onDisk = JSON.parse(fs.readFileSync(`${ROOT}docs/exchange.schema.json`, 'utf8')) as Record<
      string,
      unknown
    >;
    delete onDisk.title;
    const generated = z.toJSONSchema(exchangeSchema, {
      io: 'input',
      unrepresentable: 'any',
      target: 'draft-2020-12',
    });
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(generated)));
  });
});

describe('file names', () => {
  it('are ASCII and follow the report period or the plan number', () => {
    expect(docxFileName(loadExample(REPORT_EXAMPLE), catalog.number)).toBe('BC-6T-2026-SKHCN.docx');
    expect(docxFileName(loadExample(PLAN_EXAMPLE), catalog.number)).toBe(
      'KH-TRIEN-KHAI-34-KH-UBND-SKHCN.docx',
    );
    const annual = variant(REPORT_EXAMPLE, (r) =>
      Object.assign(r.content.period, { kind: 'annual', title: 'năm 2026' }),
    );
    expect(docxFileName(annual, catalog.number)).toBe('BC-NAM-2026-SKHCN.docx');
    const monthly = variant(REPORT_EXAMPLE, (r) =>
      Object.assign(r.content.period, { kind: 'monthly', month: 3 }),
    );
    expect(docxFileName(monthly, catalog.number)).toBe('BC-T03-2026-SKHCN.docx');
    const adhoc = variant(REPORT_EXAMPLE, (r) => {
      Object.assign(r.content.period, { kind: 'adhoc', deadline: '2026-03-10' });
      r.organization.abbreviation = 'SGDĐT';
      r.meta.number = '05/BC-SGDĐT';
    });
    expect(docxFileName(adhoc, catalog.number)).toBe('BC-DX-20260310-SGDDT.docx');
    expect(asciiSlug('Sở Giáo dục và Đào tạo')).toBe('SO-GIAO-DUC-VA-DAO-TAO');
  });
});
