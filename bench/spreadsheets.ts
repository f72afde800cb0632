import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { createServices, defaultResourcesDir } from '../electron/services/index.ts';
import { mib } from './support.ts';
import type { Session } from '../electron/services/context.ts';
import type { MethodOutput } from '../shared/api.ts';

const ms = (t: number) => `${t.toFixed(0)} ms`;

async function medianOf(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** The real plan with enough extra tasks for a report of `rows` rows across its two sheets. */
function bigResources(rows: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-xlsx-'));
  fs.mkdirSync(path.join(dir, 'plans'));
  const plan = JSON.parse(
    fs.readFileSync(path.join(defaultResourcesDir(), 'plans', '34-KH-UBND-2025.json'), 'utf8'),
  ) as {
    tasks: ({ appliesTo: string[] } & Record<string, unknown>)[];
    indicators: { appliesTo: string[]; measures: unknown[] }[];
  };
  const applies = (x: { appliesTo: string[] }) => x.appliesTo.includes('so_khcn');
  const indicatorRows = plan.indicators.filter(applies).reduce((n, i) => n + i.measures.length, 0);
  const existing = plan.tasks.filter(applies).length;
  // A copy carries no `sentences` of its own: its text is its own.
  const { sentences: _sentences, ...template } = plan.tasks.find(applies)! as Record<string, unknown> & {
    appliesTo: string[];
  };
  for (let i = 1; i <= rows - indicatorRows - existing; i++) {
    plan.tasks.push({
      ...template,
      id: `III.1.z.${i}`,
      text: `Nhiệm vụ thử tải số ${i}`,
      appliesTo: ['so_khcn'],
    });
  }
  fs.writeFileSync(path.join(dir, 'plans', '34-KH-UBND-2025.json'), JSON.stringify(plan));
  return dir;
}

/** Import of a 5,000-row sheet: template export, dry run, apply (one save), memory. */
export async function spreadsheetsBench(): Promise<string[]> {
  const ROWS = 5_000;
  const resourcesDir = bigResources(ROWS);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-xlsx-db-'));
  const services = createServices({ dataDir, resourcesDir });
  const admin: Session = { userId: null };
  const clerk: Session = { userId: null };
  const call = async <T>(session: Session, name: string, input: unknown): Promise<T> => {
    const r = await services.dispatch(name, input, session);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
  try {
    await call(admin, 'setup.complete', {
      organization: {
        name: 'Sở Khoa học và Công nghệ',
        parentName: 'UBND tỉnh Bắc Ninh',
        agencyType: 'so_khcn',
        abbreviation: 'SKHCN',
        place: 'Bắc Ninh',
      },
      admin: { username: 'quantri', fullName: 'Quản trị', password: 'mật-khẩu-đủ-dài', roles: ['quan_tri'] },
    });
    const password = 'MatKhau-ChuyenVien';
    await call(admin, 'users.create', {
      username: 'chuyenvien',
      fullName: 'Chuyên viên',
      roles: ['chuyen_vien'],
      password,
    });
    await call(clerk, 'auth.login', { username: 'chuyenvien', password });
    const report = await call<MethodOutput<'reports.create'>>(clerk, 'reports.create', {
      kind: 'semiannual',
      year: 2026,
      month: null,
      fromPrevious: false,
    });
    const id = report.meta.id;

    const exportTemplate = () =>
      call<MethodOutput<'spreadsheets.export'>>(clerk, 'spreadsheets.export', { id, what: 'template' });
    let t = performance.now();
    const file = await exportTemplate();
    const firstExportMs = performance.now() - t;
    // The first export in a process also compiles the code it runs; later ones are the steady cost.
    const exportMs = await medianOf(3, exportTemplate);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      Buffer.from(file.dataBase64, 'base64') as unknown as Parameters<typeof wb.xlsx.load>[0],
    );
    const ind = wb.getWorksheet('Chỉ tiêu')!;
    const tsk = wb.getWorksheet('Nhiệm vụ')!;
    let rows = 0;
    for (let r = 6; r <= ind.rowCount; r++, rows++) {
      const row = ind.getRow(r);
      if (row.getCell('F').protection?.locked === false) {
        row.getCell('F').value = 90;
        row.getCell('G').value = '1.000';
      } else if (row.getCell('J').protection?.locked === false) row.getCell('J').value = 'Có';
      else row.getCell('I').value = 7;
    }
    const statuses = ['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện'];
    for (let r = 6; r <= tsk.rowCount; r++, rows++) {
      const row = tsk.getRow(r);
      row.getCell('D').value = statuses[r % 3]!;
      row.getCell('E').value =
        `Kết quả thực hiện nhiệm vụ ở dòng ${r}: đã tổ chức ${r % 17} hội nghị, ${r % 5} lớp tập huấn.`;
    }
    const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);

    // The floor for our own logic: the spreadsheet library alone writing the template's workbook
    // and reading the filled file, nothing checked, compared or stored.
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(
      Buffer.from(file.dataBase64, 'base64') as unknown as Parameters<typeof template.xlsx.load>[0],
    );
    const floorWrite = await medianOf(3, () => template.xlsx.writeBuffer());
    const floorRead = await medianOf(3, () =>
      new ExcelJS.Workbook().xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]),
    );
    const input = { id, fileName: 'bao-cao-5000-dong.xlsx', dataBase64: bytes.toString('base64') };

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    t = performance.now();
    const preview = await call<MethodOutput<'spreadsheets.previewImport'>>(
      clerk,
      'spreadsheets.previewImport',
      input,
    );
    const previewMs = performance.now() - t;
    const rssPreview = process.memoryUsage().rss;
    t = performance.now();
    const applied = await call<MethodOutput<'spreadsheets.applyImport'>>(clerk, 'spreadsheets.applyImport', {
      ...input,
      baseRevision: report.meta.revision,
    });
    const applyMs = performance.now() - t;
    const rssApply = process.memoryUsage().rss;

    const ratio = (ours: number, floor: number) => `${(ours / floor).toFixed(1)} lần`;
    return [
      `tệp: ${rows.toLocaleString('vi-VN')} dòng (${mib(bytes.length)}), ${preview.rowsRead} dòng có số liệu, ${preview.changes.length.toLocaleString('vi-VN')} thay đổi, ${preview.problems.length} vấn đề`,
      `exceljs một mình: ghi sổ mẫu ${ms(floorWrite)}, đọc tệp đã điền ${ms(floorRead)} (sàn cho phần việc của BaoCao)`,
      `xuất mẫu nhập: trung vị ${ms(exportMs)} (3 lần; lần đầu trong tiến trình ${ms(firstExportMs)}; mục tiêu ≤ 400 ms) — so với exceljs ghi: ${ratio(exportMs, floorWrite)}`,
      `xem trước (kiểm tra tệp + đọc + so sánh): ${ms(previewMs)} (mục tiêu ≤ 300 ms) — so với exceljs đọc: ${ratio(previewMs, floorRead)}`,
      `áp dụng (đọc lại + một lần lưu, phiên bản mới): ${ms(applyMs)}; ${applied.applied.toLocaleString('vi-VN')} thay đổi — so với exceljs đọc: ${ratio(applyMs, floorRead)}`,
      `bộ nhớ thường trú: ${mib(rssBefore)} trước, ${mib(rssPreview)} sau xem trước, ${mib(rssApply)} sau áp dụng; cao nhất của tiến trình ${mib(process.resourceUsage().maxRSS * 1024)} (giới hạn 512 MiB)`,
    ];
  } finally {
    services.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(resourcesDir, { recursive: true, force: true });
  }
}
