import type { ProvinceTable } from '../../../shared/domain/reports/provinceTableSchema.ts';
import { PRESS_HEADING } from '../../../shared/domain/sokhcn/provinceTable.ts';
import type { Appendix } from './layout/appendix.ts';

/**
 * The appendix of Sở KH&CN's consolidated report: every indicator of the plan with the province's
 * figure, the year's target, the status, the departments that contributed and those missing, and
 * the packages counted (issue 12). Replaces the Sở's own indicator table in that report only.
 */

/** Past this many names a cell would fill pages: the rest are counted. */
const MISSING_SHOWN = 20;

const missingCell = (names: readonly string[]) =>
  names.length === 0
    ? ['—']
    : names.length <= MISSING_SHOWN
      ? [names.join('; ')]
      : [`${names.slice(0, MISSING_SHOWN).join('; ')}; và ${names.length - MISSING_SHOWN} đơn vị khác`];

export function provinceAppendix(table: ProvinceTable, reference: string): Appendix {
  return {
    title: `Kết quả thực hiện các chỉ tiêu toàn tỉnh năm ${table.year}`,
    reference,
    columns: [
      { header: 'STT', share: 5, align: 'center' },
      { header: 'Chỉ tiêu', share: 21 },
      { header: 'Kết quả toàn tỉnh', share: 17 },
      { header: `Chỉ tiêu năm ${table.year}`, share: 9, align: 'center' },
      { header: 'Đánh giá', share: 8, align: 'center' },
      { header: 'Đơn vị có số liệu', share: 8, align: 'center' },
      { header: 'Đơn vị chưa có số liệu', share: 14 },
      { header: 'Báo cáo được tính', share: 9, align: 'center' },
      { header: 'Cách tổng hợp', share: 9 },
    ],
    rows: [
      ...table.rows.map((r, i) => ({
        cells: [
          [String(i + 1)],
          [`${r.code}. ${r.text}`],
          [r.figure, ...(r.note ? [`Lưu ý: ${r.note}`] : [])],
          [r.target],
          [r.status],
          [`${r.contributed}/${r.expected}`],
          missingCell(r.missing),
          [`${r.accepted} đã tiếp nhận`, `${r.received} đã nhận, chưa tiếp nhận`],
          [r.method],
        ],
      })),
      ...pressRows(table),
    ],
  };
}

/** One closing row spanning the table: which monthly reports of each press agency went in. */
function pressRows(table: ProvinceTable) {
  if (!table.press.length) return [];
  return [{ cells: [[''], [PRESS_HEADING, ...table.press.map((l) => `- ${l}`)]], spanRest: true }];
}
