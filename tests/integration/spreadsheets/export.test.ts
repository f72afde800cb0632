import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectError, expectOk, expectVietnamese } from '../../unit/helpers/setup.ts';
import { editSession, type PlanDocument } from '../../unit/helpers/drafts.ts';
import {
  exportBytes,
  importInput,
  loadXlsx,
  protectionOf,
  reportFixture,
  rowOf,
  xlsxBytes,
} from '../../unit/spreadsheets/fixtures.ts';
import type { MethodOutput } from '../../../shared/api.ts';

function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
const soffice = which('soffice');

/** Converts `bytes` with LibreOffice headless into `filter` and returns the output file's bytes. */
function libreOffice(bytes: Buffer, fileName: string, filter: string, ext: string): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-lo-'));
  const outDir = path.join(dir, 'out');
  const profile = path.join(os.tmpdir(), `lo-${crypto.randomUUID()}`);
  try {
    const input = path.join(dir, fileName);
    fs.writeFileSync(input, bytes);
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        input,
      ],
      { timeout: 120_000, stdio: 'pipe' },
    );
    return fs.readFileSync(path.join(outDir, fileName.replace(/\.xlsx$/, `.${ext}`)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** A report with some values entered through the ordinary save. */
async function filledReport() {
  const f = await reportFixture();
  const content = structuredClone(f.report.content);
  const ind = (code: string) => content.indicators.find((i) => i.code === code)!;
  Object.assign(ind('CT02').values[0]!, { numerator: 1150, denominator: 1200 });
  Object.assign(ind('CT05').values[0]!, { numerator: 19, denominator: 20 });
  ind('CT04').values[0]!.count = 1234;
  ind('CT02').note = 'Ghi chú, có dấu phẩy và "ngoặc kép"';
  content.tasks[0]!.status = 'hoan_thanh';
  content.tasks[0]!.result = 'Đã ban hành kế hoạch';
  expectOk(
    await f.clerk('reports.save', {
      id: f.report.meta.id,
      baseRevision: f.report.meta.revision,
      editSession: editSession('x'),
      content,
    }),
  );
  return f;
}

describe('Excel export', () => {
  it('formats the report: titles, bold frozen header, borders, wrapping, widths, Times New Roman, % numbers', async () => {
    const f = await filledReport();
    const file = await exportBytes(f.clerk, f.report.meta.id, 'document');
    expect(file.fileName).toBe('BC-6T-2026-SKHCN.xlsx');
    expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = await loadXlsx(file.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Nhiệm vụ']);
    const ws = wb.getWorksheet('Chỉ tiêu')!;
    expect(ws.getCell('A1').value).toBe('Sở Khoa học và Công nghệ');
    expect(ws.getCell('A2').value).toBe(
      'Báo cáo kết quả thực hiện Kế hoạch số 34/KH-UBND 6 tháng đầu năm 2026',
    );
    expect(ws.getCell('A3').value).toBe('Thời gian báo cáo: từ ngày 15/12/2025 đến ngày 14/6/2026');
    expect(ws.getRow(5).values).toEqual([
      undefined,
      'STT',
      'Mã',
      'Chỉ tiêu',
      'Đại lượng đo',
      'Chỉ tiêu năm',
      'Số đạt được',
      'Tổng số',
      'Tỷ lệ',
      'Số lượng',
      'Đã thực hiện',
      'Minh chứng',
      'Đánh giá',
      'Ghi chú',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    const header = ws.getCell('C5');
    expect(header.font).toMatchObject({ name: 'Times New Roman', bold: true });
    const r = rowOf(ws, 'CT02');
    const rate = ws.getCell(`H${r}`);
    expect(rate.value).toBeCloseTo(1150 / 1200, 12);
    expect(rate.numFmt).toBe('0.0%');
    expect(rate.border.top?.style).toBe('thin');
    expect(ws.getCell(`C${r}`).alignment.wrapText).toBe(true);
    expect(ws.getCell(`C${r}`).font.name).toBe('Times New Roman');
    expect(ws.getColumn(3).width).toBeGreaterThan(30);
    expect(ws.getCell(`E${r}`).value).toBe(1); // target 100% as a number
    expect(ws.getCell(`L${r}`).value).toBe('Chưa đạt');
    expect(ws.getCell(`L${rowOf(ws, 'CT05')}`).value).toBe('Chưa đạt');
    expect(ws.getCell(`I${rowOf(ws, 'CT04-1')}`).value).toBe(1234);
    const tasks = wb.getWorksheet('Nhiệm vụ')!;
    expect(tasks.getCell('D5').value).toBe('Trạng thái');
    expect(tasks.getCell('D6').value).toBe('Hoàn thành');
    // No protection on the document itself.
    expect(protectionOf(ws)).toBeNull();
  });

  it('the template: only the cells to fill are unlocked, sheets protected, lists for statuses', async () => {
    const f = await reportFixture();
    const wb = await loadXlsx((await exportBytes(f.clerk, f.report.meta.id, 'template')).bytes);
    const ws = wb.getWorksheet('Chỉ tiêu')!;
    expect(protectionOf(ws)).toMatchObject({ sheet: true });
    expect(protectionOf(ws)).not.toHaveProperty('hashValue');
    const r = rowOf(ws, 'CT02');
    const unlocked = (addr: string) => ws.getCell(addr).protection?.locked === false;
    expect(['F', 'G', 'H', 'K', 'M'].map((c) => unlocked(`${c}${r}`))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['A', 'B', 'C', 'E', 'I', 'J', 'L'].map((c) => unlocked(`${c}${r}`))).toEqual(
      Array(7).fill(false),
    );
    const count = rowOf(ws, 'CT04-2');
    expect(unlocked(`I${count}`)).toBe(true);
    expect(unlocked(`F${count}`)).toBe(false);
    expect(unlocked(`M${count}`)).toBe(false); // the note belongs to the indicator's first row
    expect(ws.getCell(`F${r}`).value ?? null).toBeNull();
    const tasks = wb.getWorksheet('Nhiệm vụ')!;
    expect(protectionOf(tasks)).toMatchObject({ sheet: true });
    expect(tasks.getCell('D7').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Hoàn thành,Đang thực hiện,Chưa thực hiện,Không áp dụng"'],
    });
    expect(tasks.getCell('B7').value).toMatch(/^[IVX]+(\.[0-9a-z]+)+$/);
    expect(tasks.getCell('C7').protection?.locked === false).toBe(false);
  });

  it('the plan: one row per activity, and no import template for a plan', async () => {
    const f = await reportFixture();
    const plan = expectOk<PlanDocument>(await f.clerk('plans.create', {}));
    const content = structuredClone(plan.content);
    content.tasks[0]!.activities.push({
      id: 'hd-1',
      content: 'Tổ chức hội nghị quán triệt',
      unitInCharge: 'Văn phòng Sở',
      partners: 'Các phòng',
      timeline: { kind: 'quarter', quarter: 2, year: 2026 },
      expectedOutput: 'Hội nghị',
      budgetSource: 'Ngân sách nhà nước',
    });
    expectOk(
      await f.clerk('plans.save', {
        id: plan.meta.id,
        baseRevision: 1,
        editSession: editSession('p'),
        content,
      }),
    );
    const file = await exportBytes(f.clerk, plan.meta.id, 'document');
    expect(file.fileName).toBe('KH-34-KH-UBND-2025-SKHCN.xlsx');
    const ws = (await loadXlsx(file.bytes)).getWorksheet('Hoạt động')!;
    expect(ws.getRow(5).values).toEqual([
      undefined,
      'STT',
      'Mã nhiệm vụ',
      'Nhiệm vụ',
      'Nội dung',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Thời gian',
      'Sản phẩm',
      'Kinh phí',
    ]);
    expect(ws.getRow(6).values).toEqual([
      undefined,
      1,
      content.tasks[0]!.taskId,
      expect.any(String),
      'Tổ chức hội nghị quán triệt',
      'Văn phòng Sở',
      'Các phòng',
      'Quý II/2026',
      'Hội nghị',
      'Ngân sách nhà nước',
    ]);
    expect(ws.getCell('D7').value).toBe('(chưa có hoạt động)');
    const r = await f.clerk('spreadsheets.export', { id: plan.meta.id, what: 'template' });
    expectVietnamese(expectError(r, 'VALIDATION').message);
    expectError(await f.clerk('spreadsheets.export', { id: 'khong-co', what: 'document' }), 'NOT_FOUND');
  });

  it.skipIf(!soffice)('opens in LibreOffice: headless CSV conversion shows the right values', async () => {
    const f = await filledReport();
    const file = await exportBytes(f.clerk, f.report.meta.id, 'document');
    const csv = libreOffice(
      file.bytes,
      file.fileName,
      'csv:Text - txt - csv (StarCalc):44,34,76',
      'csv',
    ).toString('utf8');
    const lines = csv.split(/\r?\n/);
    expect(lines[0]).toMatch(/^Sở Khoa học và Công nghệ/);
    expect(lines[4]).toBe(
      'STT,Mã,Chỉ tiêu,Đại lượng đo,Chỉ tiêu năm,Số đạt được,Tổng số,Tỷ lệ,Số lượng,Đã thực hiện,Minh chứng,Đánh giá,Ghi chú',
    );
    const ct02 = lines.find((l) => /^2,CT02,/.test(l))!;
    // LibreOffice writes the cells as formatted: the rate is a number shown with the 0.0% format.
    expect(ct02).toMatch(/,100%,"?1,150"?,"?1,200"?,95\.8%,/);
    expect(ct02).toContain(',"Ghi chú, có dấu phẩy và ""ngoặc kép"""');
    expect(lines.find((l) => /^,?\d*,CT05,/.test(l))).toMatch(/,19,20,95\.0%,/);
    expect(lines.find((l) => /,CT04-1,/.test(l))).toMatch(/,"?1,234"?,/);
  });

  it.skipIf(!soffice)(
    'a template filled with a formula and saved by LibreOffice: the cached result is imported',
    async () => {
      const f = await reportFixture();
      const template = await exportBytes(f.clerk, f.report.meta.id, 'template');
      const wb = await loadXlsx(template.bytes);
      const ws = wb.getWorksheet('Chỉ tiêu')!;
      const r = rowOf(ws, 'CT02');
      ws.getCell(`F${r}`).value = { formula: '6*7' } as never; // no cached result until an office app computes it
      ws.getCell(`G${r}`).value = 50;
      const unsaved = await xlsxBytes(wb);
      const refused = expectOk<MethodOutput<'spreadsheets.previewImport'>>(
        await f.clerk('spreadsheets.previewImport', importInput(f.report.meta.id, unsaved)),
      );
      expect(refused.problems.map((p) => p.row)).toEqual([r]);
      const saved = libreOffice(unsaved, 'mau.xlsx', 'xlsx:Calc MS Excel 2007 XML', 'xlsx');
      const preview = expectOk<MethodOutput<'spreadsheets.previewImport'>>(
        await f.clerk('spreadsheets.previewImport', importInput(f.report.meta.id, saved)),
      );
      expect(preview.problems).toEqual([]);
      expect(preview.changes).toContainEqual({
        row: r,
        label: 'Chỉ tiêu 2 – Số đạt được',
        before: '(trống)',
        after: '42',
      });
    },
  );
});
