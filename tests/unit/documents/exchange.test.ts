import Ajv2020 from 'ajv/dist/2020.js';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docxFileName } from '../../../electron/services/documents/documentNumber.ts';
import { agencyFileTag, asciiSlug } from '../../../shared/domain/documents/fileNames.ts';
import { checkAgainstCatalog } from '../../../electron/services/documents/renderDocument.ts';
import {
  describeExchangeIssues,
  exchangeSchema,
  parseExchange,
} from '../../../shared/domain/documents/exchange.ts';
import { exchangeJsonSchema } from '../../../shared/domain/documents/exchangeJsonSchema.ts';
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
    if (plan.kind !== 'plan' || report.kind !== 'report') throw new Error('kinds');
    const own = catalog.tasks.filter((t) => t.appliesTo.includes('so_khcn')).map((t) => t.id);
    expect(plan.content.tasks.map((t) => t.taskId)).toEqual(own);
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

  it('refuses an agency type, task or indicator the plan template does not assign, and wrong values', () => {
    const unknownType = variant(REPORT_EXAMPLE, (r) => (r.organization.agencyType = 'so_khong_co'));
    const [typeError] = checkAgainstCatalog(unknownType, catalog);
    expect(typeError).toMatch(
      /^trường organization\.agencyType: loại cơ quan "so_khong_co" không có trong Kế hoạch 34\/KH-UBND \(có: /,
    );
    // Every type the plan knows is offered, so the person writing the file can pick one.
    for (const t of catalog.agencyTypes) expect(typeError).toContain(t.code);
    // CT03 (press agencies) and task III.2.a.1 are not Sở KH&CN's.
    const other = catalog.tasks.find((t) => !t.appliesTo.includes('so_khcn'))!;
    const notOurs = variant(REPORT_EXAMPLE, (r) => {
      r.content.indicators[1].code = 'CT03';
      r.content.tasks[0].taskId = other.id;
    });
    expect(checkAgainstCatalog(notOurs, catalog)).toEqual([
      `trường content.tasks[0].taskId: nhiệm vụ "${other.id}" không giao cho Sở Khoa học và Công nghệ (loại cơ quan "so_khcn") trong Kế hoạch 34/KH-UBND`,
      'trường content.indicators[1].code: chỉ tiêu "CT03" không giao cho Sở Khoa học và Công nghệ (loại cơ quan "so_khcn") trong Kế hoạch 34/KH-UBND',
    ]);
    const above = variant(REPORT_EXAMPLE, (r) => {
      Object.assign(r.content.indicators[1].values[0], { numerator: 120, denominator: 100 });
    });
    expect(checkAgainstCatalog(above, catalog)).toEqual([
      expect.stringMatching(
        /^trường content\.indicators\[1\]\.values\[0\]\.numerator: Chỉ tiêu 2 – .*Tử số \(120\) không được lớn hơn mẫu số \(100\)$/,
      ),
    ]);
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
    const onDisk = JSON.parse(fs.readFileSync(`${ROOT}docs/exchange.schema.json`, 'utf8')) as unknown;
    const { schema, undescribed } = exchangeJsonSchema();
    expect(undescribed).toEqual([]);
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  it('has a Vietnamese description on every field, and an editor that reads it refuses unknown keys', () => {
    const { schema } = exchangeJsonSchema();
    const descriptions: string[] = [];
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.type === 'object' && n.properties) {
        expect(n.additionalProperties).toBe(false);
        for (const v of Object.values(n.properties as Record<string, Record<string, unknown>>)) {
          expect(typeof v.description).toBe('string');
          descriptions.push(v.description as string);
        }
      }
      Object.values(n).forEach(walk);
    };
    walk(schema);
    expect(descriptions.length).toBeGreaterThan(100);
    // Vietnamese: every description has a letter with a diacritic or says a Vietnamese word.
    for (const d of descriptions)
      expect(d).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
    // A JSON Schema validator (what an editor runs) accepts both examples and refuses a misspelt key.
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    for (const file of [PLAN_EXAMPLE, REPORT_EXAMPLE]) expect(validate(raw(file)), file).toBe(true);
    const misspelt = raw(REPORT_EXAMPLE);
    misspelt.organization.letterHead = misspelt.organization.letterhead;
    delete misspelt.organization.letterhead;
    expect(validate(misspelt)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('letterHead');
  });

  it('refuses what a person gets wrong in the file, naming the field in plain Vietnamese', () => {
    const check = (change: (r: RawJson) => void, file = REPORT_EXAMPLE) => {
      const r = raw(file);
      change(r);
      const parsed = parseExchange(r);
      return parsed.success ? [] : parsed.problems;
    };
    expect(check(() => undefined)).toEqual([]);
    expect(check((r) => (r.meta.issuedOn = '2026-02-30'))).toEqual([
      'trường meta.issuedOn: ngày 2026-02-30 không có trong lịch',
    ]);
    expect(check((r) => (r.content.period.to = '2026-06-31'))).toEqual([
      'trường content.period.to: ngày 2026-06-31 không có trong lịch',
    ]);
    expect(check((r) => (r.meta.status = 'draft'))[0]).toBe(
      'trường meta.number: văn bản chưa ban hành (status "draft") chưa có số: để null, hoặc đặt status là "issued"',
    );
    expect(check((r) => Object.assign(r.meta, { number: null, issuedOn: null }))[0]).toBe(
      'trường meta.number: văn bản đã ban hành (status "issued") phải có số, ví dụ "05/BC-SKHCN"',
    );
    expect(
      check((r) =>
        Object.assign(r.content.period, { kind: 'monthly', month: null, title: 'tháng 3 năm 2026' }),
      ),
    ).toEqual(['trường content.period.month: báo cáo tháng (kind "monthly") phải có tháng, từ 1 đến 12']);
    expect(
      check((r) => {
        r.organization.letterHead = r.organization.letterhead;
        delete r.organization.letterhead;
      }),
    ).toEqual([
      'trường organization.letterHead: không có trường này trong định dạng (có phải "letterhead"?)',
    ]);
    expect(check((r) => (r.content.indicators[0].code = 'CT1'))).toEqual([
      'trường content.indicators[0].code: mã chỉ tiêu có dạng CT01–CT15',
    ]);
    expect(check((r) => (r.content.tasks[0].activities = [{ content: 'x' }]), PLAN_EXAMPLE)[0]).toMatch(
      /^trường content\.tasks\[0\]\.activities\[0\]\.id: /,
    );
    // No regular expression is ever shown to the person.
    const phone = check((r) => (r.organization.phone = 'số máy'));
    expect(phone[0]).toMatch(/^trường organization\.phone: /);
    expect(phone.join('')).not.toMatch(/\/\^|\$\//);
    // After ten problems, the rest are counted.
    const many = check((r) => {
      for (const ind of r.content.indicators) ind.code = 'X';
      r.content.tasks.slice(0, 5).forEach((t: RawJson) => (t.status = 'xong'));
    });
    expect(many).toHaveLength(11);
    expect(many[10]).toBe('và 4 lỗi khác');
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
    // Every commune's documents say "UBND": its own name keeps two communes' files apart.
    const commune = variant(REPORT_EXAMPLE, (r) => {
      Object.assign(r.organization, {
        name: 'UBND xã Phật Tích',
        agencyType: 'ubnd_xa_phuong',
        abbreviation: 'UBND',
      });
      r.meta.number = '05/BC-UBND';
    });
    expect(docxFileName(commune, catalog.number)).toBe('BC-6T-2026-UBND-PHATTICH.docx');
    expect(agencyFileTag({ name: 'Ủy ban nhân dân phường Kinh Bắc', abbreviation: 'UBND' })).toBe(
      'UBND-KINHBAC',
    );
    expect(agencyFileTag({ name: 'UBND xã Phật Tích', abbreviation: 'UBND-PHATTICH' })).toBe('UBND-PHATTICH');
  });
});
