import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { expectOk, expectVietnamese } from '../../unit/helpers/setup.ts';
import {
  exportBytes,
  importInput,
  loadXlsx,
  reportFixture,
  rowOf,
  xlsxBytes,
} from '../../unit/spreadsheets/fixtures.ts';
import type { MethodOutput } from '../../../shared/api.ts';

type Preview = MethodOutput<'spreadsheets.previewImport'>;
type Fixture = Awaited<ReturnType<typeof reportFixture>>;

/**
 * One class of bad cell per test: the dry run names the row, the column (letter and header), the
 * value and the reason in Vietnamese, and never offers "Áp dụng".
 */
describe('import dry run: problems, row by row', () => {
  let f: Fixture;
  let template: Buffer;
  beforeAll(async () => {
    f = await reportFixture();
    template = (await exportBytes(f.clerk, f.report.meta.id, 'template')).bytes;
  });

  async function preview(
    fill: (ind: ExcelJS.Worksheet, tsk: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
  ) {
    const wb = await loadXlsx(template);
    fill(wb.getWorksheet('Chỉ tiêu')!, wb.getWorksheet('Nhiệm vụ')!, wb);
    const bytes = await xlsxBytes(wb);
    const p = expectOk<Preview>(
      await f.clerk('spreadsheets.previewImport', importInput(f.report.meta.id, bytes)),
    );
    for (const problem of p.problems) expectVietnamese(problem.reason);
    return p;
  }
  const at = (ws: ExcelJS.Worksheet, code: string, col: string) => ws.getCell(`${col}${rowOf(ws, code)}`);

  it('numerator greater than denominator', async () => {
    let row = 0;
    const p = await preview((ind) => {
      row = rowOf(ind, 'CT02');
      at(ind, 'CT02', 'F').value = 120;
      at(ind, 'CT02', 'G').value = 100;
    });
    expect(p.canApply).toBe(false);
    expect(p.problems).toEqual([
      {
        row,
        column: 'F – Số đạt được (trang Chỉ tiêu)',
        value: '120',
        reason: 'Số đạt được (120) lớn hơn Tổng số (100)',
      },
    ]);
  });

  it('negative, non-numeric and decimal values where a whole number is required', async () => {
    const p = await preview((ind) => {
      at(ind, 'CT02', 'F').value = -3;
      at(ind, 'CT02', 'G').value = 'khoảng 100';
      at(ind, 'CT04-1', 'I').value = '12,5';
      at(ind, 'CT05', 'F').value = '80%';
    });
    expect(p.problems.map((x) => [x.column.slice(0, 1), x.value, x.reason])).toEqual([
      ['F', '-3', 'không được âm'],
      ['G', 'khoảng 100', 'không phải là số'],
      ['I', '12,5', 'phải là số nguyên'],
      ['F', '80%', 'phải là số lượng, không phải tỷ lệ phần trăm'],
    ]);
    expect(p.canApply).toBe(false);
  });

  it('unknown indicator code, measure and task id', async () => {
    const p = await preview((ind, tsk) => {
      const r = ind.rowCount + 1;
      ind.getCell(`B${r}`).value = 'CT99';
      ind.getCell(`I${r}`).value = 1;
      ind.getCell(`B${r + 1}`).value = 'CT04-3';
      ind.getCell(`I${r + 1}`).value = 1;
      ind.getCell(`B${r + 2}`).value = 'CT04';
      ind.getCell(`I${r + 2}`).value = 1;
      const t = tsk.rowCount + 1;
      tsk.getCell(`B${t}`).value = 'IX.9.z.9';
      tsk.getCell(`D${t}`).value = 'Hoàn thành';
    });
    expect(p.problems.map((x) => x.reason)).toEqual([
      'Chỉ tiêu CT99 không có trong báo cáo này',
      'Chỉ tiêu CT04 không có đại lượng đo thứ 3',
      'Chỉ tiêu CT04 có 2 đại lượng đo; hãy ghi mã CT04-1 … CT04-2',
      'Nhiệm vụ IX.9.z.9 không có trong báo cáo này',
    ]);
    expect(p.problems.every((x) => x.column.startsWith('B – Mã'))).toBe(true);
  });

  it('status not in the list, and a yes/no answer that is neither', async () => {
    const p = await preview((_ind, tsk) => {
      tsk.getCell('D7').value = 'Xong rồi';
    });
    expect(p.problems).toEqual([
      {
        row: 7,
        column: 'D – Trạng thái (trang Nhiệm vụ)',
        value: 'Xong rồi',
        reason:
          'Trạng thái không có trong danh sách (Hoàn thành; Đang thực hiện; Chưa thực hiện; Không áp dụng)',
      },
    ]);
  });

  it('duplicate rows for the same code', async () => {
    const p = await preview((ind, tsk) => {
      const first = rowOf(ind, 'CT02');
      const r = ind.rowCount + 1;
      ind.getCell(`B${r}`).value = 'CT02';
      ind.getCell(`F${r}`).value = 2;
      ind.getCell(`F${first}`).value = 1;
      const t = tsk.rowCount + 1;
      tsk.getCell(`B${t}`).value = tsk.getCell('B7').value;
      tsk.getCell(`D${t}`).value = 'Hoàn thành';
    });
    expect(p.problems.map((x) => x.reason)).toEqual([
      `Trùng với dòng ${p.changes[0]!.row}: cùng mã CT02`,
      expect.stringMatching(/^Trùng với dòng 7: cùng mã nhiệm vụ /),
    ]);
  });

  it('a percentage that does not match the numbers (beyond half a point)', async () => {
    const p = await preview((ind) => {
      at(ind, 'CT02', 'F').value = 95;
      at(ind, 'CT02', 'G').value = 100;
      at(ind, 'CT02', 'H').value = '80%';
      at(ind, 'CT05', 'F').value = 2;
      at(ind, 'CT05', 'G').value = 3;
      at(ind, 'CT05', 'H').value = 0.67; // 66.67% vs 67%: within half a point
    });
    expect(p.problems.map((x) => [x.value, x.reason])).toEqual([
      ['80%', 'Tỷ lệ 80% không khớp với Số đạt được / Tổng số (95%)'],
    ]);
  });

  it('a formula without a cached result, and a formula error', async () => {
    const p = await preview((ind) => {
      at(ind, 'CT02', 'F').value = { formula: 'G6*2' } as ExcelJS.CellFormulaValue;
      at(ind, 'CT05', 'F').value = {
        formula: '1/0',
        result: { error: '#DIV/0!' },
      } as ExcelJS.CellFormulaValue;
    });
    expect(p.problems.map((x) => x.reason)).toEqual([
      'Ô có công thức nhưng chưa có giá trị đã tính; hãy mở tệp bằng Excel, lưu lại rồi nhập lại',
      'Ô có lỗi #DIV/0!',
    ]);
  });

  it('a value in a column the measure does not use', async () => {
    const p = await preview((ind) => {
      at(ind, 'CT04-1', 'F').value = 3;
    });
    expect(p.problems[0]!.reason).toBe('Cột này không dùng cho đại lượng đo dạng số lượng; hãy để trống');
  });

  it('a workbook without the template sheets', async () => {
    const p = await preview((ind, tsk, wb) => {
      wb.removeWorksheet(ind.id);
      wb.removeWorksheet(tsk.id);
      wb.addWorksheet('Sheet1').getCell('A1').value = 'Danh sách cán bộ';
    });
    expect(p.problems).toEqual([
      {
        row: null,
        column: '',
        value: 'Sheet1',
        reason:
          "Không tìm thấy trang tính 'Chỉ tiêu' hoặc 'Nhiệm vụ' có các cột như mẫu nhập; hãy dùng mẫu nhập tải từ BaoCao",
      },
    ]);
    expect(p.canApply).toBe(false);
  });

  it('a sheet named like the template but without its header row', async () => {
    const p = await preview((ind) => {
      for (let c = 1; c <= 13; c++) ind.getRow(5).getCell(c).value = null;
    });
    expect(p.problems.map((x) => x.reason)).toContain(
      "Trang tính 'Chỉ tiêu' không có dòng tiêu đề như mẫu (Mã, Số đạt được, Tổng số, Số lượng …) trong 10 dòng đầu",
    );
  });
});
