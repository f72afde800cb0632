import { describe, expect, it } from 'vitest';
import { dumpTables, expectError, expectOk, expectVietnamese } from '../../unit/helpers/setup.ts';
import { editSession, secondClerk } from '../../unit/helpers/drafts.ts';
import {
  exportBytes,
  getReport,
  importInput,
  loadXlsx,
  reportFixture,
  rowOf,
  xlsxBytes,
} from '../../unit/spreadsheets/fixtures.ts';
import type { MethodOutput } from '../../../shared/api.ts';

type Preview = MethodOutput<'spreadsheets.previewImport'>;
type Applied = MethodOutput<'spreadsheets.applyImport'>;

/** Export the template, fill it the way a department would (by script), and return the bytes. */
async function filledTemplate(call: Parameters<typeof exportBytes>[0], id: string) {
  const template = await exportBytes(call, id, 'template');
  expect(template.fileName).toBe('MAU-NHAP-BC-6T-2026-SKHCN.xlsx');
  const wb = await loadXlsx(template.bytes);
  const ind = wb.getWorksheet('Chỉ tiêu')!;
  const tsk = wb.getWorksheet('Nhiệm vụ')!;
  // Columns: F Số đạt được, G Tổng số, H Tỷ lệ, I Số lượng, J Đã thực hiện, K Minh chứng, M Ghi chú.
  const set = (ws: typeof ind, code: string, col: string, value: unknown) => {
    ws.getCell(`${col}${rowOf(ws, code)}`).value = value as never;
  };
  // CT01's two requirements are yes/no answers with evidence.
  set(ind, 'CT01-1', 'J', 'Có');
  set(ind, 'CT01-1', 'K', 'https://skhcn.bacninh.gov.vn/kh57');
  set(ind, 'CT01-2', 'J', 'Không');
  set(ind, 'CT02', 'F', ' 1.150 '); // thousands dot, spaces around
  set(ind, 'CT02', 'G', '1.200');
  set(ind, 'CT02', 'H', '95,8%'); // cross-check only: 1150/1200 = 95.83%
  set(ind, 'CT02', 'M', '  Đã tổ chức 12 hội nghị  ');
  set(ind, 'CT04-1', 'I', 3);
  set(ind, 'CT04-2', 'I', { formula: 'I9+2', result: 5 }); // cached result is used, never evaluated
  set(ind, 'CT05', 'F', 40);
  set(ind, 'CT05', 'G', 50);
  set(ind, 'CT05', 'H', 0.8); // a fraction
  set(ind, 'CT05', 'K', { text: 'Văn bản số 12', hyperlink: 'https://skhcn.bacninh.gov.vn/vb12' });
  set(ind, 'CT12', 'I', '2');
  set(tsk, tsk.getCell('B7').value as string, 'D', 'Hoàn thành');
  set(tsk, tsk.getCell('B7').value as string, 'E', 'Đã ban hành kế hoạch số 5/KH-SKHCN');
  set(tsk, tsk.getCell('B8').value as string, 'D', 'đang thực hiện'); // case and spacing as typed
  set(tsk, tsk.getCell('B8').value as string, 'F', 12.5);
  return {
    bytes: await xlsxBytes(wb),
    task1: String(tsk.getCell('B7').value),
    task2: String(tsk.getCell('B8').value),
  };
}

describe('Excel round trip: template → filled by a script → import → report', () => {
  it('previews every change, applies it as one save, and the report equals the filled values', async () => {
    const { clerk, report, services } = await reportFixture();
    const id = report.meta.id;
    const { bytes, task1, task2 } = await filledTemplate(clerk, id);

    const before = dumpTables(services.db);
    const preview = expectOk<Preview>(await clerk('spreadsheets.previewImport', importInput(id, bytes)));
    expect(preview.problems).toEqual([]);
    expect(preview.canApply).toBe(true);
    expect(preview.sheet).toBe('Chỉ tiêu, Nhiệm vụ');
    expect(preview.changes).toContainEqual(
      expect.objectContaining({ label: 'Chỉ tiêu 2 – Số đạt được', before: '(trống)', after: '1.150' }),
    );
    expect(preview.changes).toContainEqual(
      expect.objectContaining({ label: `Nhiệm vụ ${task1} – Trạng thái`, after: 'Hoàn thành' }),
    );
    expect(preview.changes.map((c) => c.label)).not.toContain('Chỉ tiêu 2 – Tỷ lệ');
    // A preview writes nothing.
    expect(dumpTables(services.db)).toEqual(before);

    const applied = expectOk<Applied>(
      await clerk('spreadsheets.applyImport', {
        ...importInput(id, bytes),
        baseRevision: report.meta.revision,
      }),
    );
    expect(applied.applied).toBe(preview.changes.length);
    expect(applied.revision).toBe(report.meta.revision + 1);

    const after = await getReport(clerk, id);
    const ind = (code: string) => after.content.indicators.find((i) => i.code === code)!;
    expect(ind('CT01').values.map((v) => [v.done, v.evidenceUrl])).toEqual([
      [true, 'https://skhcn.bacninh.gov.vn/kh57'],
      [false, ''],
    ]);
    expect(ind('CT02').values[0]).toMatchObject({ numerator: 1150, denominator: 1200 });
    expect(ind('CT02').note).toBe('Đã tổ chức 12 hội nghị');
    expect(ind('CT04').values.map((v) => v.count)).toEqual([3, 5]);
    expect(ind('CT05').values[0]).toMatchObject({
      numerator: 40,
      denominator: 50,
      evidenceUrl: 'https://skhcn.bacninh.gov.vn/vb12',
    });
    expect(ind('CT12').values[0]!.count).toBe(2);
    expect(ind('CT06').values[0]).toMatchObject({ done: null, evidenceUrl: '' });
    const task = (taskId: string) => after.content.tasks.find((t) => t.taskId === taskId)!;
    expect(task(task1)).toMatchObject({ status: 'hoan_thanh', result: 'Đã ban hành kế hoạch số 5/KH-SKHCN' });
    expect(task(task2)).toMatchObject({ status: 'dang_thuc_hien', figures: '12,5' });

    // The import left its own version behind.
    const versions = expectOk<MethodOutput<'documents.versions'>>(await clerk('documents.versions', { id }));
    expect(versions.length).toBe(2);

    // Importing the same file again changes nothing and is not offered.
    const again = expectOk<Preview>(await clerk('spreadsheets.previewImport', importInput(id, bytes)));
    expect(again.changes).toEqual([]);
    expect(again.canApply).toBe(false);

    // The exported document carries the values back out, percentages as numbers.
    const exported = await loadXlsx((await exportBytes(clerk, id, 'document')).bytes);
    const sheet = exported.getWorksheet('Chỉ tiêu')!;
    const rate = sheet.getCell(`H${rowOf(sheet, 'CT02')}`);
    expect(rate.value).toBeCloseTo(1150 / 1200, 10);
    expect(rate.numFmt).toBe('0.0%');
  });

  it('refuses to apply over a report changed since the preview (CONFLICT), and saves nothing', async () => {
    const d = await reportFixture();
    const id = d.report.meta.id;
    const { bytes } = await filledTemplate(d.clerk, id);
    const other = await secondClerk(d);
    const content = structuredClone(d.report.content);
    content.sections.results.text = 'Sửa ở cửa sổ khác';
    expectOk(
      await other.call('reports.save', {
        id,
        baseRevision: d.report.meta.revision,
        editSession: editSession('b'),
        content,
      }),
    );
    const before = dumpTables(d.services.db);
    const r = await d.clerk('spreadsheets.applyImport', {
      ...importInput(id, bytes),
      baseRevision: d.report.meta.revision,
    });
    expectVietnamese(expectError(r, 'CONFLICT').message);
    expect(dumpTables(d.services.db)).toEqual(before);
  });

  it('refuses to apply a file with any problem, and saves nothing', async () => {
    const d = await reportFixture();
    const id = d.report.meta.id;
    const template = await exportBytes(d.clerk, id, 'template');
    const wb = await loadXlsx(template.bytes);
    const ws = wb.getWorksheet('Chỉ tiêu')!;
    ws.getCell(`F${rowOf(ws, 'CT05')}`).value = 1;
    ws.getCell(`F${rowOf(ws, 'CT02')}`).value = 120;
    ws.getCell(`G${rowOf(ws, 'CT02')}`).value = 100;
    const bytes = await xlsxBytes(wb);
    const before = dumpTables(d.services.db);
    const r = await d.clerk('spreadsheets.applyImport', {
      ...importInput(id, bytes),
      baseRevision: d.report.meta.revision,
    });
    expectVietnamese(expectError(r, 'VALIDATION').message);
    expect(dumpTables(d.services.db)).toEqual(before);
  });

  it('accepts a sheet of its own with the template headers (other names, other order, header lower down)', async () => {
    const d = await reportFixture();
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu của phòng');
    ws.getRow(3).values = ['ghi chu', 'TỔNG SỐ', 'Số đạt  được', 'ma chi tieu'];
    ws.getRow(4).values = [null, 10, 7, 'ct2'];
    const bytes = await xlsxBytes(wb);
    const preview = expectOk<Preview>(
      await d.clerk('spreadsheets.previewImport', importInput(d.report.meta.id, bytes)),
    );
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map((c) => [c.row, c.label, c.after])).toEqual([
      [4, 'Chỉ tiêu 2 – Số đạt được', '7'],
      [4, 'Chỉ tiêu 2 – Tổng số', '10'],
    ]);
  });
});
