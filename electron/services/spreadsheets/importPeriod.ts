import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ReportPeriod } from '../../../shared/domain/periods/reportPeriods.ts';
import { periodTitles } from './exportReport.ts';
import type { ImportProblem } from './importRows.ts';
import { cellAt, normalizeLabel, scalarText, type SheetData } from './workbookData.ts';

/**
 * A template (or export) of one report imported into another: the figures of the 6-month report
 * would land in the year's. Every sheet BaoCao writes carries the period in its title lines
 * (exportReport.ts reportTitles), so the import reads them back above the header and refuses the
 * file when they name another period. A sheet without those lines (retyped, or not ours) is not
 * judged here: nothing in it says which report it was made for.
 */

const TIME_PREFIX = 'thoi gian bao cao:';

/** The title and "Thời gian báo cáo: …" lines above row `headerRow`, if the sheet still has them. */
function titleLinesOf(ws: SheetData, headerRow: number): { title: string; time: string } | null {
  for (let r = 2; r < headerRow; r++) {
    const time = scalarText(cellAt(ws, r, 1)).trim();
    if (!normalizeLabel(time).startsWith(TIME_PREFIX)) continue;
    return { title: scalarText(cellAt(ws, r - 1, 1)).trim(), time };
  }
  return null;
}

/** "báo cáo 6 tháng đầu năm 2026", or an ad hoc report's own title in quotes. */
function periodWords(title: string, catalog: Catalog): string {
  const prefix = `Báo cáo kết quả thực hiện Kế hoạch số ${catalog.number} `;
  const text = title.normalize('NFC');
  return text.startsWith(prefix) ? `báo cáo ${text.slice(prefix.length)}` : `báo cáo "${text}"`;
}

/**
 * The problem to list when a located sheet was made for another period than `period`, else null.
 * `sheets` are the sheets the import reads, each with its header row.
 */
export function periodMismatch(
  sheets: readonly { ws: SheetData; headerRow: number }[],
  catalog: Catalog,
  period: ReportPeriod,
): ImportProblem | null {
  const [title, time] = periodTitles(catalog, period);
  for (const { ws, headerRow } of sheets) {
    const found = titleLinesOf(ws, headerRow);
    if (!found) continue;
    const same =
      normalizeLabel(found.title) === normalizeLabel(title) &&
      normalizeLabel(found.time) === normalizeLabel(time);
    if (same) continue;
    let from = periodWords(found.title, catalog);
    let open = periodWords(title, catalog);
    // Two ad hoc reports of the same title differ only in their dates: say those too.
    if (from === open) {
      from += ` (${found.time.toLowerCase()})`;
      open += ` (${time.toLowerCase()})`;
    }
    return {
      row: null,
      column: `Tiêu đề (trang ${ws.name})`,
      value: found.title,
      reason: `Tệp mẫu này xuất từ ${from}, không phải ${open} đang mở; hãy tải mẫu nhập của báo cáo đang mở`,
    };
  }
  return null;
}
