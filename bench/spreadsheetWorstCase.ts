/**
 * The heaviest spreadsheet the import still accepts, read through `npm run web` as a browser
 * would send it: how long the preview takes, the process's peak memory (main thread and the
 * parsing worker together), and whether other calls are answered meanwhile. Runs in a child
 * process of its own so that the peak belongs to this file alone.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startWebServer } from '../electron/web.ts';
import { LIMITS } from '../electron/services/spreadsheets/workbookData.ts';
import { openStrictZip } from '../electron/services/zip/strictZip.ts';
import { makeZip } from '../tests/unit/helpers/zip.ts';
import { mib } from './support.ts';

const ms = (t: number) => `${t.toFixed(0)} ms`;

/** 19,800 rows × 10 cells (near the cell limit), half shared strings (up to their limit), half inline. */
function worstCase(template: Buffer): { bytes: Buffer; xmlBytes: number } {
  const zip = openStrictZip(template, LIMITS);
  const sheetPart = zip.entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))!.name;
  const columns = 10;
  // The template's other sheet holds a few hundred cells of its own; the rest goes here.
  const rows = (LIMITS.maxCells - 2_000) / columns;
  const word = (i: number) => `nội dung ${(i * 2654435761) % 1_000_003} `;
  const strings: string[] = [];
  const cells: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < columns; c++) {
      const ref = `${String.fromCharCode(65 + c)}${r}`;
      const text = `${word(r * columns + c).repeat(6)}`;
      if (c % 2 === 0 && strings.length < LIMITS.maxSharedStrings) {
        row += `<c r="${ref}" t="s"><v>${strings.length}</v></c>`;
        strings.push(text);
      } else row += `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    }
    cells.push(`${row}</row>`);
  }
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const sheet = Buffer.from(
    `<?xml version="1.0"?><worksheet xmlns="${ns}"><sheetData>${cells.join('')}</sheetData></worksheet>`,
  );
  const sst = Buffer.from(
    `<?xml version="1.0"?><sst xmlns="${ns}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
  );
  const files = zip.entries.map((e) => ({
    name: e.name,
    data: e.name === sheetPart ? sheet : e.name === 'xl/sharedStrings.xml' ? sst : zip.read(e.name),
  }));
  return { bytes: makeZip(files), xmlBytes: sheet.length + sst.length };
}

class Client {
  cookie = '';
  constructor(readonly base: string) {}
  async open(url: string) {
    const res = await fetch(url, { redirect: 'manual' });
    this.cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  }
  async call<T>(name: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.base}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.base, cookie: this.cookie },
      body: JSON.stringify(body),
    });
    const set = res.headers.getSetCookie()[0];
    if (set) this.cookie = set.split(';')[0]!;
    const json = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
    if (!json.ok) throw new Error(`${name}: ${json.error!.message}`);
    return json.value as T;
  }
}

/**
 * The app's process: `npm run web`'s server and nothing else, so that its memory is the app's.
 * The file is made and sent by the bench's own process, as a browser would send it from another.
 */
async function serve() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-worst-'));
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>BaoCao</title>');
  const server = await startWebServer({ dataDir, port: 0, rendererDir });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'rss') process.send!({ rss: process.memoryUsage().rss });
    // The address is good for one browser: each asks for its own.
    if (m.type === 'url') process.send!({ url: server.url });
    if (m.type === 'stop') {
      const peak = process.resourceUsage().maxRSS * 1024;
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(rendererDir, { recursive: true, force: true });
      process.send!({ peak }, () => process.exit(0));
    }
  });
  process.send!({ url: server.url });
}

async function measure() {
  const app = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BAOCAO_BENCH_CHILD: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ask = <T>(type: string | null) =>
    new Promise<T>((resolve, reject) => {
      app.once('message', (m) => resolve(m as T));
      app.once('exit', (code) => reject(new Error(`the app's process exited ${code}`)));
      if (type) app.send({ type });
    });
  const { url } = await ask<{ url: string }>(null);
  try {
    const base = new URL(url).origin;
    const c = new Client(base);
    await c.open(url);
    await c.call('setup.complete', {
      organization: {
        name: 'Sở Khoa học và Công nghệ',
        parentName: 'UBND TỈNH BẮC NINH',
        agencyType: 'so_khcn',
        abbreviation: 'SKHCN',
        place: 'Bắc Ninh',
      },
      admin: {
        username: 'quantri',
        fullName: 'Quản trị',
        password: 'mật-khẩu-đủ-dài',
        roles: ['quan_tri', 'chuyen_vien'],
      },
    });
    const report = await c.call<{ meta: { id: string } }>('reports.create', {
      kind: 'semiannual',
      year: 2026,
      month: null,
      fromPrevious: false,
    });
    const template = await c.call<{ dataBase64: string }>('spreadsheets.export', {
      id: report.meta.id,
      what: 'template',
    });
    const { bytes, xmlBytes } = worstCase(Buffer.from(template.dataBase64, 'base64'));
    const { rss: rssBefore } = await ask<{ rss: number }>('rss');

    // Another browser keeps asking for the report list while the file is read.
    const other = new Client(base);
    await other.open((await ask<{ url: string }>('url')).url);
    await other.call('auth.login', { username: 'quantri', password: 'mật-khẩu-đủ-dài' });
    const latencies: number[] = [];
    let reading = true;
    const poll = (async () => {
      while (reading) {
        const t = performance.now();
        await other.call('reports.list', {});
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t0 = performance.now();
    const preview = await c.call<{ rowsRead: number; problems: unknown[] }>('spreadsheets.previewImport', {
      id: report.meta.id,
      fileName: 'nang-nhat.xlsx',
      dataBase64: bytes.toString('base64'),
    });
    const elapsed = performance.now() - t0;
    reading = false;
    await poll;
    const { peak } = await ask<{ peak: number }>('stop');
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      fileBytes: bytes.length,
      xmlBytes,
      cells: LIMITS.maxCells - 2_000,
      sharedStrings: LIMITS.maxSharedStrings,
      elapsed,
      rssBefore,
      peak,
      problems: preview.problems.length,
      answered: latencies.length,
      medianLatency: sorted[Math.floor(sorted.length / 2)] ?? 0,
      maxLatency: sorted.at(-1) ?? 0,
    };
  } finally {
    if (app.exitCode === null) app.kill();
  }
}

export async function spreadsheetWorstCaseBench(): Promise<string[]> {
  const r = await measure();
  return [
    `tệp: ${mib(r.fileBytes)} nén, ${mib(r.xmlBytes)} XML; ${r.cells.toLocaleString('vi-VN')} ô (giới hạn ${LIMITS.maxCells.toLocaleString('vi-VN')}), ${r.sharedStrings.toLocaleString('vi-VN')} chuỗi dùng chung (giới hạn)`,
    `xem trước qua npm run web (gửi, kiểm tra, đọc trong luồng phụ, so sánh): ${ms(r.elapsed)}`,
    `bộ nhớ thường trú của tiến trình ứng dụng (chỉ máy chủ của npm run web; tệp được tạo và gửi từ tiến trình khác): ${mib(r.rssBefore)} trước, đỉnh ${mib(r.peak)} (luồng chính và luồng đọc tệp; giới hạn 512 MiB)`,
    `trong lúc đọc: ${r.answered} lời gọi khác được trả lời, trung vị ${ms(r.medianLatency)}, chậm nhất ${ms(r.maxLatency)}`,
  ];
}

if (process.env.BAOCAO_BENCH_CHILD) await serve();
