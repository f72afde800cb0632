import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices, defaultResourcesDir } from '../../../electron/services/index.ts';
import { exchangeSchema } from '../../../shared/domain/documents/exchange.ts';
import {
  adminInput,
  caller,
  expectOk,
  expectVietnamese,
  newSession,
  orgInput,
} from '../../unit/helpers/setup.ts';
import {
  PLAN_EXAMPLE,
  REPORT_EXAMPLE,
  ROOT,
  attr,
  openDocx,
  paragraphs,
  sections,
  tables,
  type RawJson,
} from '../../unit/documents/docxXml.ts';
import { fontsOf, hasPoppler, pageSizes } from './pdfSupport.ts';
import { canRender, firstLine, pdfText, squash, tempDir, toPdf } from './renderSupport.ts';

const dir = tempDir('baocao-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync('npm', ['run', '-s', 'cli', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** The checks a finished document must pass, whoever made it (an appendix only if it has rows). */
async function expectOfficial(file: string, title: string, appendix = true) {
  const d = await openDocx(fs.readFileSync(file));
  const first = sections(d.document)[0]!;
  expect([attr(first, 'pgSz', 'w'), attr(first, 'pgSz', 'h')]).toEqual(['11906', '16838']);
  expect(first).toContain('<w:titlePg/>');
  expect(attr(sections(d.document).at(-1)!, 'pgSz', 'orient')).toBe(appendix ? 'landscape' : 'portrait');
  for (const [, xml] of d.parts) {
    expect(xml).not.toMatch(/Theme="/);
    for (const m of xml.matchAll(/<w:rFonts\b[^>]*>/g))
      expect(m[0].match(/="Times New Roman"/g)).toHaveLength(4);
  }
  const texts = paragraphs(tables(d.document)[0]!).map((p) => p.text);
  expect(texts).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(paragraphs(d.document).map((p) => p.text)).toContain(title);
}

describe('npm run cli -- docx', () => {
  it('turns both examples into finished documents', { timeout: 180_000 }, async () => {
    const outputs: string[] = [];
    for (const [input, title] of [
      [PLAN_EXAMPLE, 'KẾ HOẠCH'],
      [REPORT_EXAMPLE, 'BÁO CÁO'],
    ] as const) {
      const output = path.join(dir, `${path.basename(input, '.json')}.docx`);
      const r = cli('docx', '--input', input, '--output', output);
      expect(r.status, r.stderr).toBe(0);
      await expectOfficial(output, title);
      outputs.push(output);
    }
    if (!canRender) return;
    for (const pdf of toPdf(outputs, dir)) {
      expect(pdfText(pdf, 1)).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(firstLine(pdfText(pdf, 2))).toBe('2');
      expect(squash(pdfText(pdf))).toContain(squash('Nguyễn Đức Thắng'));
    }
  });

  // Four runs of the CLI (tsx start-up each): slow on a loaded two-core machine.
  it(
    'refuses invalid input with exit code 2 and a Vietnamese message naming the field',
    { timeout: 90_000 },
    () => {
      const bad = JSON.parse(fs.readFileSync(REPORT_EXAMPLE, 'utf8')) as RawJson;
      bad.meta.number = '5/BC-SKHCN';
      bad.content.indicators[0].values[0].numerator = -3;
      const input = path.join(dir, 'bad.json');
      fs.writeFileSync(input, JSON.stringify(bad));
      const output = path.join(dir, 'bad.docx');
      const r = cli('docx', '--input', input, '--output', output);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('trường meta.number:');
      expect(r.stderr).toContain('trường content.indicators[0].values[0].numerator:');
      expectVietnamese(r.stderr);
      expect(fs.existsSync(output)).toBe(false);

      fs.writeFileSync(input, '{\n  "format": "baocao-exchange",\n  "kind": "plan"\n  "version": 1\n}');
      const broken = cli('docx', '--input', input, '--output', output);
      expect(broken.status).toBe(2);
      expect(broken.stderr).toContain('không phải JSON hợp lệ (dòng 4, cột 3)');
      expectVietnamese(broken.stderr);

      // What a person writing the file by hand gets wrong: each named, none silently accepted.
      const wrong = JSON.parse(fs.readFileSync(REPORT_EXAMPLE, 'utf8')) as RawJson;
      wrong.organization.letterHead = wrong.organization.letterhead;
      delete wrong.organization.letterhead;
      wrong.meta.issuedOn = '2026-02-30';
      fs.writeFileSync(input, JSON.stringify(wrong));
      const misspelt = cli('docx', '--input', input, '--output', output);
      expect(misspelt.status).toBe(2);
      expect(misspelt.stderr).toContain(
        'trường organization.letterHead: không có trường này trong định dạng (có phải "letterhead"?)',
      );
      expect(misspelt.stderr).toContain('trường meta.issuedOn: ngày 2026-02-30 không có trong lịch');
      expectVietnamese(misspelt.stderr);

      const above = JSON.parse(fs.readFileSync(REPORT_EXAMPLE, 'utf8')) as RawJson;
      Object.assign(above.content.indicators[1].values[0], { numerator: 120, denominator: 100 });
      above.organization.agencyType = 'so_khcn';
      fs.writeFileSync(input, JSON.stringify(above));
      const numbers = cli('docx', '--input', input, '--output', output);
      expect(numbers.status).toBe(2);
      expect(numbers.stderr).toMatch(
        /trường content\.indicators\[1\]\.values\[0\]\.numerator: Chỉ tiêu 2 – .*Tử số \(120\) không được lớn hơn mẫu số \(100\)/,
      );
      expect(fs.existsSync(output)).toBe(false);

      const unknown = JSON.parse(fs.readFileSync(PLAN_EXAMPLE, 'utf8')) as RawJson;
      unknown.catalogId = 'KH-KHONG-CO';
      fs.writeFileSync(input, JSON.stringify(unknown));
      const noCatalog = cli('docx', '--input', input, '--output', output);
      expect(noCatalog.status).toBe(2);
      expect(noCatalog.stderr).toContain('trường catalogId: không có kế hoạch mẫu "KH-KHONG-CO"');
    },
  );
});

/** What every official PDF shows, however it was made (an appendix only if it has rows). */
function expectOfficialPdf(file: string, title: string, appendix = true) {
  expect(fs.readFileSync(file).subarray(0, 8).toString('latin1')).toMatch(/^%PDF-1\.[4-7]/);
  const page1 = pdfText(file, 1);
  expect(page1).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(page1.split('\n').map((l) => l.trim())).toContain(title);
  expect(firstLine(pdfText(file, 2))).toBe('2');
  const last = pageSizes(file).at(-1)!;
  expect(last.width > last.height).toBe(appendix);
  for (const f of fontsOf(file))
    expect(f.embedded && /LiberationSerif|TimesNewRoman/.test(f.name)).toBe(true);
}

describe.skipIf(!hasPoppler)('npm run cli -- pdf', () => {
  it('turns both examples into official PDFs', { timeout: 120_000 }, () => {
    for (const [input, title] of [
      [PLAN_EXAMPLE, 'KẾ HOẠCH'],
      [REPORT_EXAMPLE, 'BÁO CÁO'],
    ] as const) {
      const output = path.join(dir, `${path.basename(input, '.json')}.pdf`);
      const r = cli('pdf', '--input', input, '--output', output);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Đã tạo ${output}`);
      expectOfficialPdf(output, title);
      expect(squash(pdfText(output))).toContain(squash('Nguyễn Đức Thắng'));
    }
  });

  it(
    'refuses invalid input with exit code 2 and a Vietnamese message naming the field',
    { timeout: 60_000 },
    () => {
      const bad = JSON.parse(fs.readFileSync(PLAN_EXAMPLE, 'utf8')) as RawJson;
      bad.content.tasks[0].activities[0].timeline = { kind: 'date', date: '18/5/2026' };
      const input = path.join(dir, 'bad-pdf.json');
      fs.writeFileSync(input, JSON.stringify(bad));
      const output = path.join(dir, 'bad.pdf');
      const r = cli('pdf', '--input', input, '--output', output);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('trường content.tasks[0].activities[0].timeline.date:');
      expectVietnamese(r.stderr);
      expect(fs.existsSync(output)).toBe(false);
      const missing = cli('pdf', '--input', input);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('Thiếu tham số --output');
    },
  );
});

describe('from the store: documents.renderDocx and npm run cli -- export-json', () => {
  it(
    'renders a stored plan and exports it as exchange JSON the CLI prints',
    { timeout: 120_000 },
    async () => {
      const dataDir = path.join(dir, 'data');
      const services = createServices({ dataDir, resourcesDir: defaultResourcesDir() });
      let id: string;
      try {
        const call = caller(services, newSession());
        expectOk(
          await call('setup.complete', {
            organization: orgInput({ agencyType: 'so_khcn', planId: '34-KH-UBND-2025' }),
            admin: adminInput({
              roles: ['quan_tri', 'chuyen_vien', 'lanh_dao'],
              fullName: 'Trần Thị Hương',
              title: 'Phó Giám đốc',
              signingAuthority: 'KT. Giám đốc',
            }),
          }),
        );
        const plan = expectOk<{ meta: { id: string } }>(await call('plans.create', {}));
        id = plan.meta.id;
        const file = expectOk<{ fileName: string; mime: string; dataBase64: string }>(
          await call('documents.renderDocx', { id }),
        );
        expect(file.fileName).toBe('KH-TRIEN-KHAI-34-KH-UBND-SKHCN.docx');
        expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
        const d = await openDocx(Buffer.from(file.dataBase64, 'base64'));
        // A draft: no number, blank date line.
        expect(paragraphs(d.document).map((p) => p.text)).toContain('Số:      /KH-SKHCN');
        const missing = await call('documents.renderDocx', { id: 'khong-co' });
        expect(missing.ok).toBe(false);

        // The PDF of the same plan and of a report, through the same handler table.
        const report = expectOk<{ meta: { id: string } }>(
          await call('reports.create', { kind: 'semiannual', year: 2026, month: null, fromPrevious: false }),
        );
        // A new plan has no activity yet, so no appendix; a new report lists its indicators.
        for (const [docId, name, title, appendix] of [
          [id, 'KH-TRIEN-KHAI-34-KH-UBND-SKHCN.pdf', 'KẾ HOẠCH', false],
          [report.meta.id, 'BC-6T-2026-SKHCN.pdf', 'BÁO CÁO', true],
        ] as const) {
          const pdf = expectOk<{ fileName: string; mime: string; dataBase64: string }>(
            await call('documents.renderPdf', { id: docId }),
          );
          expect(pdf).toMatchObject({ fileName: name, mime: 'application/pdf' });
          const again = expectOk<{ dataBase64: string }>(await call('documents.renderPdf', { id: docId }));
          // The same stored version gives the same bytes: what was previewed is what is exported.
          expect(again.dataBase64).toBe(pdf.dataBase64);
          if (!hasPoppler) continue;
          const file = path.join(dir, name);
          fs.writeFileSync(file, Buffer.from(pdf.dataBase64, 'base64'));
          expectOfficialPdf(file, title, appendix);
          expect(pdfText(file)).toContain('Trần Thị Hương');
        }
        expect((await call('documents.renderPdf', { id: 'khong-co' })).ok).toBe(false);
      } finally {
        services.close();
      }

      const json = path.join(dir, 'exported.json');
      const exported = cli('export-json', '--data-dir', dataDir, '--id', id, '--output', json);
      expect(exported.status, exported.stderr).toBe(0);
      const doc = exchangeSchema.parse(JSON.parse(fs.readFileSync(json, 'utf8')));
      expect(doc).toMatchObject({
        kind: 'plan',
        catalogId: '34-KH-UBND-2025',
        meta: { status: 'draft', number: null, issuedOn: null },
      });
      // With no signer name in the letterhead, the leader account signs.
      expect(doc.signer).toEqual({
        authority: 'KT. GIÁM ĐỐC',
        title: 'PHÓ GIÁM ĐỐC',
        name: 'Trần Thị Hương',
      });
      const output = path.join(dir, 'exported.docx');
      const printed = cli('docx', '--input', json, '--output', output);
      expect(printed.status, printed.stderr).toBe(0);
      await expectOfficial(output, 'KẾ HOẠCH', false);

      const wrongId = cli('export-json', '--data-dir', dataDir, '--id', 'khong-co', '--output', json);
      expect(wrongId.status).toBe(2);
      expect(wrongId.stderr).toContain('--id: không tìm thấy văn bản "khong-co"');
    },
  );
});
