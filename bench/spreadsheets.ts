/**
 * Import of a 5,000-row sheet: template export, dry run, apply (one save), each beside the floor
 * for our own logic — exceljs alone writing the template's workbook and reading the filled file,
 * nothing checked, compared or stored — and the peak memory of the process doing the work. Each
 * part runs in a child process of its own (the same data folder throughout), so that a peak belongs
 * to the export or the import alone and not to the floor's exceljs workbooks.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { createServices, defaultResourcesDir } from '../electron/services/index.ts';
import { median, mib } from './support.ts';
import type { Session } from '../electron/services/context.ts';
import type { MethodOutput } from '../shared/api.ts';

const ROWS = 5_000;
const RUNS = 3;
const ms = (t: number) => `${t.toFixed(0)} ms`;
const CLERK = { username: 'chuyenvien', password: 'MatKhau-ChuyenVien' };

/** Processor time of the whole process (every thread), in ms: what other programs cannot inflate. */
let cpuMs = 0;
const processCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall times of `runs` runs; `cpuMs` is left at the median processor time of all but the first. */
async function timesOf(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const xs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = processCpu();
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
    cpu.push(processCpu() - c);
  }
  cpuMs = median(cpu.slice(1));
  return xs;
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

interface Shared {
  dir: string;
  resourcesDir: string;
  dataDir: string;
}

function open(shared: Shared) {
  const services = createServices({ dataDir: shared.dataDir, resourcesDir: shared.resourcesDir });
  const call = async <T>(session: Session, name: string, input: unknown): Promise<T> => {
    const r = await services.dispatch(name, input, session);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
  return { services, call };
}

/** Child 1: the department, the clerk, the report, and the template exported `RUNS` + 1 times. */
async function exportPart(shared: Shared) {
  const { services, call } = open(shared);
  const admin: Session = { userId: null };
  const clerk: Session = { userId: null };
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
    await call(admin, 'users.create', { ...CLERK, fullName: 'Chuyên viên', roles: ['chuyen_vien'] });
    await call(clerk, 'auth.login', CLERK);
    const report = await call<MethodOutput<'reports.create'>>(clerk, 'reports.create', {
      kind: 'semiannual',
      year: 2026,
      month: null,
      fromPrevious: false,
    });
    const id = report.meta.id;
    let file: MethodOutput<'spreadsheets.export'> | undefined;
    const exportTemplate = async () => {
      file = await call<MethodOutput<'spreadsheets.export'>>(clerk, 'spreadsheets.export', {
        id,
        what: 'template',
      });
    };
    // The first export in a process also compiles the code it runs; later ones are the steady cost.
    const [first, ...steady] = await timesOf(RUNS + 1, exportTemplate);
    const exportCpu = cpuMs;
    fs.writeFileSync(path.join(shared.dir, 'template.xlsx'), Buffer.from(file!.dataBase64, 'base64'));
    return {
      id,
      revision: report.meta.revision,
      firstExportMs: first!,
      exportMs: median(steady),
      exportCpu,
      peak: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    services.close();
  }
}

/** Child 2: exceljs alone — fills the template as a department would, and the floor figures. */
async function floorPart(shared: Shared) {
  type LoadInput = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];
  const templateBytes = fs.readFileSync(path.join(shared.dir, 'template.xlsx'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(templateBytes as unknown as LoadInput);
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
  fs.writeFileSync(path.join(shared.dir, 'filled.xlsx'), bytes);

  const template = new ExcelJS.Workbook();
  await template.xlsx.load(templateBytes as unknown as LoadInput);
  // One warm-up each, as our own figures are steady ones.
  const floorWrite = median((await timesOf(RUNS + 1, () => template.xlsx.writeBuffer())).slice(1));
  const floorWriteCpu = cpuMs;
  const floorRead = median(
    (await timesOf(RUNS + 1, () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as LoadInput))).slice(1),
  );
  return { rows, fileBytes: bytes.length, floorWrite, floorWriteCpu, floorRead, floorReadCpu: cpuMs };
}

/** Child 3: the dry run `RUNS` + 1 times (the first starts the parsing worker), then one apply. */
async function importPart(shared: Shared, id: string, baseRevision: number) {
  const { services, call } = open(shared);
  const clerk: Session = { userId: null };
  try {
    await call(clerk, 'auth.login', CLERK);
    const bytes = fs.readFileSync(path.join(shared.dir, 'filled.xlsx'));
    const input = { id, fileName: 'bao-cao-5000-dong.xlsx', dataBase64: bytes.toString('base64') };
    const rssBefore = process.memoryUsage().rss;
    let preview: MethodOutput<'spreadsheets.previewImport'> | undefined;
    const [first, ...steady] = await timesOf(RUNS + 1, async () => {
      preview = await call<MethodOutput<'spreadsheets.previewImport'>>(
        clerk,
        'spreadsheets.previewImport',
        input,
      );
    });
    const previewCpu = cpuMs;
    const rssPreview = process.memoryUsage().rss;
    const t = performance.now();
    const applied = await call<MethodOutput<'spreadsheets.applyImport'>>(clerk, 'spreadsheets.applyImport', {
      ...input,
      baseRevision,
    });
    const applyMs = performance.now() - t;
    return {
      rowsRead: preview!.rowsRead,
      changes: preview!.changes.length,
      problems: preview!.problems.length,
      firstPreviewMs: first!,
      previewMs: median(steady),
      previewCpu,
      applyMs,
      applied: applied.applied,
      rssBefore,
      rssPreview,
      rssApply: process.memoryUsage().rss,
      peak: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    services.close();
  }
}

function inChild<T>(part: string, args: unknown): T {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, BAOCAO_BENCH_XLSX_PART: part, BAOCAO_BENCH_XLSX_ARGS: JSON.stringify(args) },
    encoding: 'utf8',
    maxBuffer: 10 * 1024 * 1024,
  });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) throw new Error(`${part}: ${run.stderr.trim()}`);
  return JSON.parse(line) as T;
}

export async function spreadsheetsBench(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-xlsx-run-'));
  const shared: Shared = { dir, resourcesDir: bigResources(ROWS), dataDir: path.join(dir, 'data') };
  try {
    const ex = inChild<Awaited<ReturnType<typeof exportPart>>>('export', { shared });
    const fl = inChild<Awaited<ReturnType<typeof floorPart>>>('floor', { shared });
    const im = inChild<Awaited<ReturnType<typeof importPart>>>('import', {
      shared,
      id: ex.id,
      revision: ex.revision,
    });
    const ratio = (ours: number, floor: number) => `${(ours / floor).toFixed(2)} lần`;
    return [
      `tệp: ${fl.rows.toLocaleString('vi-VN')} dòng (${mib(fl.fileBytes)}), ${im.rowsRead} dòng có số liệu, ${im.changes.toLocaleString('vi-VN')} thay đổi, ${im.problems} vấn đề`,
      `(thời gian thực, trung vị ${RUNS} lần sau lần đầu; trong ngoặc: thời gian CPU của tiến trình, mọi luồng — ít bị các chương trình khác trên máy làm sai lệch)`,
      `exceljs một mình (sàn cho phần việc của BaoCao): ghi sổ mẫu ${ms(fl.floorWrite)} (CPU ${ms(fl.floorWriteCpu)}), đọc tệp đã điền ${ms(fl.floorRead)} (CPU ${ms(fl.floorReadCpu)})`,
      `xuất mẫu nhập: ${ms(ex.exportMs)} (CPU ${ms(ex.exportCpu)}; lần đầu trong tiến trình ${ms(ex.firstExportMs)}; mục tiêu ≤ 400 ms) — so với exceljs ghi: ${ratio(ex.exportMs, fl.floorWrite)} (CPU ${ratio(ex.exportCpu, fl.floorWriteCpu)})`,
      `xem trước (kiểm tra tệp + đọc trong luồng phụ + so sánh): ${ms(im.previewMs)} (CPU ${ms(im.previewCpu)}; lần đầu, khởi động luồng đọc, ${ms(im.firstPreviewMs)}; mục tiêu ≤ 300 ms) — so với exceljs đọc: ${ratio(im.previewMs, fl.floorRead)} (CPU ${ratio(im.previewCpu, fl.floorReadCpu)})`,
      `áp dụng (đọc lại + một lần lưu, phiên bản mới): ${ms(im.applyMs)}; ${im.applied.toLocaleString('vi-VN')} thay đổi — so với exceljs đọc: ${ratio(im.applyMs, fl.floorRead)}`,
      `bộ nhớ thường trú cao nhất của tiến trình: khi xuất mẫu ${mib(ex.peak)}; khi nhập ${mib(im.peak)} (${mib(im.rssBefore)} trước, ${mib(im.rssPreview)} sau xem trước, ${mib(im.rssApply)} sau áp dụng; giới hạn 512 MiB)`,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(shared.resourcesDir, { recursive: true, force: true });
  }
}

const part = process.env.BAOCAO_BENCH_XLSX_PART;
if (part) {
  const args = JSON.parse(process.env.BAOCAO_BENCH_XLSX_ARGS!) as {
    shared: Shared;
    id: string;
    revision: number;
  };
  const result =
    part === 'export'
      ? await exportPart(args.shared)
      : part === 'floor'
        ? await floorPart(args.shared)
        : await importPart(args.shared, args.id, args.revision);
  console.log(JSON.stringify(result));
  // The parsing worker may still be idling; the figures are out.
  process.exit(0);
}
