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

/** The checks a finished document must pass, whoever made it. */
async function expectOfficial(file: string, title: string) {
  const d = await openDocx(fs.readFileSync(file));
  const first = sections(d.document)[0]!;
  expect([attr(first, 'pgSz', 'w'), attr(first, 'pgSz', 'h')]).toEqual(['11906', '16838']);
  expect(first).toContain('<w:titlePg/>');
  expect(attr(sections(d.document).at(-1)!, 'pgSz', 'orient')).toBe('landscape');
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

  // Three CLI starts under tsx: on a busy 2-core machine each takes several seconds.
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

      fs.writeFileSync(input, '{ "format": "baocao-exchange", ');
      const broken = cli('docx', '--input', input, '--output', output);
      expect(broken.status).toBe(2);
      expect(broken.stderr).toContain('không phải JSON hợp lệ');

      const unknown = JSON.parse(fs.readFileSync(PLAN_EXAMPLE, 'utf8')) as RawJson;
      unknown.catalogId = 'KH-KHONG-CO';
      fs.writeFileSync(input, JSON.stringify(unknown));
      const noCatalog = cli('docx', '--input', input, '--output', output);
      expect(noCatalog.status).toBe(2);
      expect(noCatalog.stderr).toContain('trường catalogId: không có kế hoạch mẫu "KH-KHONG-CO"');
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
        meta: { number: null, issuedOn: null },
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
      await expectOfficial(output, 'KẾ HOẠCH');

      const wrongId = cli('export-json', '--data-dir', dataDir, '--id', 'khong-co', '--output', json);
      expect(wrongId.status).toBe(2);
      expect(wrongId.stderr).toContain('--id: không tìm thấy văn bản "khong-co"');
    },
  );
});
