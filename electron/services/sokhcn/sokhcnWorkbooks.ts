import type ExcelJS from 'exceljs';
import { achievementLabels, formatPercent } from '../../../shared/domain/indicators/indicatorMath.ts';
import { consolidationMethodLabels, type Consolidated } from '../../../shared/domain/sokhcn/consolidation.ts';
import { figureText } from '../../../shared/domain/sokhcn/consolidatedReport.ts';
import {
  describeTimeliness,
  submissionStateLabels,
  type SubmissionOverview,
} from '../../../shared/domain/sokhcn/submissions.ts';
import { formatPaddedDate } from '../../../shared/domain/vietnameseDate.ts';
import type { ColumnSpec } from '../spreadsheets/reportColumns.ts';
import {
  addTableSheet,
  fitRowHeight,
  newWorkbook,
  styleBodyCell,
  toBase64,
  XLSX_MIME,
} from '../spreadsheets/sheetStyle.ts';

/**
 * Sở KH&CN's spreadsheets: the late list behind a công văn đôn đốc, the consolidated table with
 * its charts as pictures, the consolidated list of the departments' plan activities by task.
 */

type File = { fileName: string; mime: string; dataBase64: string };

function addRows<F extends string>(
  ws: ExcelJS.Worksheet,
  columns: ColumnSpec<F>[],
  rows: Record<F, string | number>[],
) {
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => r[c.field]));
    columns.forEach((c, i) => styleBodyCell(row.getCell(i + 1), typeof r[c.field] === 'number'));
    fitRowHeight(row, columns);
  }
}

const slug = (s: string) => s.replace(/[^0-9a-z-]/gi, '-');

export async function lateListWorkbook(
  o: SubmissionOverview,
  typeName: (c: string) => string,
): Promise<File> {
  const wb = newWorkbook();
  type F = 'no' | 'name' | 'type' | 'state' | 'timeliness' | 'sentOn';
  const columns: ColumnSpec<F>[] = [
    { field: 'no', header: 'STT', width: 6 },
    { field: 'name', header: 'Cơ quan, đơn vị', width: 40 },
    { field: 'type', header: 'Loại cơ quan', width: 30 },
    { field: 'state', header: 'Tình trạng', width: 20 },
    { field: 'timeliness', header: 'Thời hạn', width: 26 },
    { field: 'sentOn', header: 'Ngày Sở nhận', width: 16 },
  ];
  const late = o.rows.filter((r) => !r.firstReceivedAt || r.daysLate > 0 || r.state === 'tra_lai');
  const { ws } = addTableSheet(
    wb,
    'Danh sách chậm gửi',
    [
      'DANH SÁCH CƠ QUAN, ĐƠN VỊ CHƯA GỬI, GỬI MUỘN HOẶC BỊ TRẢ LẠI',
      `${o.duty.title} (hạn ${o.duty.dueText}) — số liệu đến ngày ${formatPaddedDate(o.today)}`,
    ],
    columns,
  );
  addRows(
    ws,
    columns,
    late.map((r, i) => ({
      no: i + 1,
      name: r.name,
      type: typeName(r.agencyType),
      state: submissionStateLabels[r.state],
      timeliness: describeTimeliness(r, o.duty, o.today),
      sentOn: r.firstReceivedOn ? formatPaddedDate(r.firstReceivedOn) : '',
    })),
  );
  return {
    fileName: `danh-sach-cham-gui-${slug(o.duty.periodKey)}.xlsx`,
    mime: XLSX_MIME,
    dataBase64: await toBase64(wb),
  };
}

export async function consolidationWorkbook(
  c: Consolidated,
  o: SubmissionOverview,
  charts: { title: string; pngBase64: string }[],
  typeName: (c: string) => string,
): Promise<File> {
  const wb = newWorkbook();
  type F = 'code' | 'text' | 'figure' | 'target' | 'achievement' | 'units' | 'missing' | 'method';
  const columns: ColumnSpec<F>[] = [
    { field: 'code', header: 'Mã', width: 8 },
    { field: 'text', header: 'Chỉ tiêu', width: 50 },
    { field: 'figure', header: 'Số liệu toàn tỉnh', width: 34 },
    { field: 'target', header: `Chỉ tiêu năm ${c.year}`, width: 16 },
    { field: 'achievement', header: 'Đánh giá', width: 14 },
    { field: 'units', header: 'Đơn vị có số liệu', width: 14 },
    { field: 'missing', header: 'Đơn vị thiếu số liệu', width: 40 },
    { field: 'method', header: 'Cách tổng hợp', width: 40 },
  ];
  const { ws } = addTableSheet(
    wb,
    'Tổng hợp',
    [
      'TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU TOÀN TỈNH',
      `${o.duty.title} — ${c.counted.accepted} báo cáo đã tiếp nhận, ${c.counted.received} báo cáo đã nhận (chữ ký số hợp lệ, chưa tiếp nhận)`,
    ],
    columns,
  );
  addRows(
    ws,
    columns,
    c.indicators.map((ind) => ({
      code: ind.code,
      text: ind.text,
      figure:
        ind.method === 'not_consolidated'
          ? 'Không tổng hợp'
          : ind.measures.map((m) => `${m.label}: ${figureText(m, ind.method)}`).join('\n') +
            (ind.overlap
              ? `\n${ind.overlap.byType.map((t) => `${typeName(t.agencyType)}: ${t.measures.map((m) => figureText(m, ind.method)).join('; ')}`).join('\n')}\nLưu ý: ${ind.overlap.note}`
              : ''),
      target: ind.targetText,
      achievement: achievementLabels[ind.achievement],
      units: `${ind.contributed}/${ind.expected}`,
      missing: ind.missing.map((m) => m.name).join('; '),
      method: `${consolidationMethodLabels[ind.method]}. ${ind.note}`,
    })),
  );
  // The figures behind each indicator, one row per department and measure.
  type D = 'code' | 'name' | 'measure' | 'figure' | 'status' | 'counted';
  const dcols: ColumnSpec<D>[] = [
    { field: 'code', header: 'Mã', width: 8 },
    { field: 'name', header: 'Cơ quan, đơn vị', width: 40 },
    { field: 'measure', header: 'Đại lượng', width: 30 },
    { field: 'figure', header: 'Số liệu', width: 20 },
    { field: 'status', header: 'Báo cáo', width: 16 },
    { field: 'counted', header: 'Cộng vào số toàn tỉnh', width: 14 },
  ];
  const { ws: ds } = addTableSheet(
    wb,
    'Theo đơn vị',
    ['SỐ LIỆU CỦA TỪNG CƠ QUAN, ĐƠN VỊ', o.duty.title],
    dcols,
  );
  addRows(
    ds,
    dcols,
    c.indicators.flatMap((ind) =>
      ind.departments.flatMap((d) =>
        d.values.map((v) => ({
          code: ind.code,
          name: d.name,
          measure: v.measure,
          figure:
            v.count !== null
              ? v.count
              : v.done !== null
                ? v.done
                  ? 'Có'
                  : 'Không'
                : v.numerator !== null && v.denominator
                  ? `${v.numerator}/${v.denominator} (${formatPercent((v.numerator / v.denominator) * 100)}%)`
                  : '',
          status: d.status === 'accepted' ? 'Đã tiếp nhận' : 'Đã nhận',
          counted: d.counted ? 'Có' : 'Không (nêu bên cạnh)',
        })),
      ),
    ),
  );
  if (charts.length) {
    const cs = wb.addWorksheet('Biểu đồ');
    let row = 0;
    for (const chart of charts) {
      cs.getCell(row + 1, 1).value = chart.title;
      cs.getCell(row + 1, 1).font = { name: 'Times New Roman', size: 13, bold: true };
      const id = wb.addImage({ base64: chart.pngBase64, extension: 'png' });
      cs.addImage(id, { tl: { col: 0, row: row + 1 }, ext: { width: 900, height: 400 } });
      row += 24;
    }
  }
  return {
    fileName: `tong-hop-${slug(o.duty.periodKey)}.xlsx`,
    mime: XLSX_MIME,
    dataBase64: await toBase64(wb),
  };
}

export async function plansWorkbook(
  tasks: {
    taskId: string;
    text: string;
    activities: { organization: string; content: string; unitInCharge: string; expectedOutput: string }[];
  }[],
): Promise<File> {
  const wb = newWorkbook();
  type F = 'task' | 'organization' | 'content' | 'unit' | 'output';
  const columns: ColumnSpec<F>[] = [
    { field: 'task', header: 'Nhiệm vụ', width: 40 },
    { field: 'organization', header: 'Cơ quan, đơn vị', width: 30 },
    { field: 'content', header: 'Nội dung hoạt động', width: 50 },
    { field: 'unit', header: 'Đơn vị chủ trì', width: 24 },
    { field: 'output', header: 'Sản phẩm', width: 30 },
  ];
  const { ws } = addTableSheet(
    wb,
    'Hoạt động theo nhiệm vụ',
    ['TỔNG HỢP HOẠT ĐỘNG TRONG KẾ HOẠCH TRIỂN KHAI CỦA CÁC CƠ QUAN, ĐƠN VỊ'],
    columns,
  );
  addRows(
    ws,
    columns,
    tasks.flatMap((t) =>
      t.activities.map((a) => ({
        task: `${t.taskId}. ${t.text}`,
        organization: a.organization,
        content: a.content,
        unit: a.unitInCharge,
        output: a.expectedOutput,
      })),
    ),
  );
  return { fileName: 'tong-hop-ke-hoach.xlsx', mime: XLSX_MIME, dataBase64: await toBase64(wb) };
}
