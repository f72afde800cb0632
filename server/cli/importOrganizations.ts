import {
  cellAt,
  normalizeLabel,
  readWorkbook,
  scalarText,
} from '../../electron/services/spreadsheets/readWorkbook.ts';
import { organizationCodeSchema } from '../../shared/intake/schemas.ts';

/**
 * The list of departments from a spreadsheet: one row per department with its code, name and
 * agency type (headers "Mã" / "Tên" / "Loại", or code / name / type). The file goes through the
 * same hostile-file checks as a clerk's import; every row is checked before anything is applied.
 */
export interface OrganizationRow {
  row: number;
  code: string;
  name: string;
  agencyType: string;
}
export interface RowProblem {
  row: number | null;
  column: string;
  value: string;
  reason: string;
}

const HEADERS: Record<'code' | 'name' | 'agencyType', string[]> = {
  code: ['ma', 'ma don vi', 'code'],
  name: ['ten', 'ten don vi', 'ten co quan', 'name'],
  agencyType: ['loai', 'loai co quan', 'type', 'agency type'],
};
const COLUMN_LABEL = { code: 'Mã', name: 'Tên', agencyType: 'Loại' } as const;

export async function readOrganizationsSheet(
  fileName: string,
  bytes: Buffer,
  agencyTypes: ReadonlySet<string>,
): Promise<{ rows: OrganizationRow[]; problems: RowProblem[] }> {
  const workbook = await readWorkbook(fileName, bytes);
  const sheet = workbook.sheets[0];
  const problems: RowProblem[] = [];
  if (!sheet)
    return {
      rows: [],
      problems: [{ row: null, column: '', value: '', reason: 'Tệp không có trang tính nào' }],
    };
  const columns: Partial<Record<keyof typeof HEADERS, number>> = {};
  for (let col = 1; col <= sheet.columnCount; col++) {
    const label = normalizeLabel(scalarText(cellAt(sheet, 1, col)));
    for (const [key, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
      if (names.includes(label)) columns[key] = col;
    }
  }
  for (const key of Object.keys(HEADERS) as (keyof typeof HEADERS)[]) {
    if (!columns[key]) {
      problems.push({
        row: 1,
        column: COLUMN_LABEL[key],
        value: '',
        reason: `Thiếu cột "${COLUMN_LABEL[key]}" ở dòng tiêu đề`,
      });
    }
  }
  if (problems.length) return { rows: [], problems };

  const rows: OrganizationRow[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const text = (key: keyof typeof HEADERS) =>
      scalarText(cellAt(sheet, r, columns[key]!))
        .normalize('NFC')
        .trim();
    const code = text('code').toUpperCase();
    const name = text('name').replace(/\s+/g, ' ');
    const agencyType = text('agencyType');
    if (!code && !name && !agencyType) continue;
    const before = problems.length;
    if (!organizationCodeSchema.safeParse(code).success) {
      problems.push({
        row: r,
        column: 'Mã',
        value: code,
        reason: 'Mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số, "-" và "_" (tối đa 32 ký tự)',
      });
    } else if (seen.has(code)) {
      problems.push({ row: r, column: 'Mã', value: code, reason: `Mã bị trùng với dòng ${seen.get(code)}` });
    }
    if (!name || name.length > 200)
      problems.push({
        row: r,
        column: 'Tên',
        value: name,
        reason: 'Tên đơn vị không được để trống (tối đa 200 ký tự)',
      });
    if (!agencyTypes.has(agencyType)) {
      problems.push({
        row: r,
        column: 'Loại',
        value: agencyType,
        reason: `Loại cơ quan phải là một trong: ${[...agencyTypes].join(', ')}`,
      });
    }
    seen.set(code, r);
    if (problems.length === before) rows.push({ row: r, code, name, agencyType });
  }
  return { rows, problems };
}
