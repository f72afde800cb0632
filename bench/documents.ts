import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalogFile } from '../electron/services/catalog/loadCatalog.ts';
import { renderPdf } from '../electron/services/documents/pdf/renderPdf.ts';
import { renderDocx } from '../electron/services/documents/renderDocument.ts';
import { defaultResourcesDir } from '../electron/services/index.ts';
import { longPlan } from '../tests/unit/documents/longPlan.ts';
import { median } from './support.ts';

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice']).status === 0;

/** LibreOffice converting a .docx to PDF, as a department without BaoCao's PDF would: ms, pages. */
function libreOfficeToPdf(docx: Buffer): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lo-'));
  try {
    const file = path.join(dir, 'plan.docx');
    fs.writeFileSync(file, docx);
    const t = performance.now();
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 300_000 },
    );
    const ms = performance.now() - t;
    if (r.status !== 0 || !fs.existsSync(path.join(dir, 'plan.pdf'))) throw new Error('soffice failed');
    return ms;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF of the same plan, in-process, beside LibreOffice converting our .docx of it. */
async function pdfBench(plan: ReturnType<typeof longPlan>, catalog: Parameters<typeof renderPdf>[1]) {
  await renderPdf(plan, catalog); // warm-up: fonts and modules
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    size = (await renderPdf(plan, catalog)).bytes.length;
    times.push(performance.now() - t);
  }
  const pdf = median(times);
  const lines = [
    `PDF kế hoạch 300 hoạt động (trong tiến trình): trung vị ${pdf.toFixed(0)} ms (5 lần, tối đa ${Math.max(...times).toFixed(0)} ms), ${(size / 1024).toFixed(0)} KiB`,
  ];
  if (!hasSoffice) {
    lines.push('LibreOffice (soffice) không có trên máy: bỏ qua phép so sánh với LibreOffice');
    return lines;
  }
  const docx = await renderDocx(plan, catalog);
  // Two runs: the first also starts LibreOffice with a fresh profile, as each conversion here does.
  const lo = median([libreOfficeToPdf(docx), libreOfficeToPdf(docx)]);
  lines.push(
    `LibreOffice chuyển .docx của cùng kế hoạch sang PDF: trung vị ${lo.toFixed(0)} ms (2 lần, mỗi lần một tiến trình mới)`,
    `Tỷ lệ LibreOffice / BaoCao: ${(lo / pdf).toFixed(1)} lần`,
  );
  return lines;
}

/** Export time of the official .docx and PDF of a plan with 300 activities and every section full. */
export async function documentsBench(): Promise<string[]> {
  const catalog = loadCatalogFile(`${defaultResourcesDir()}/plans/34-KH-UBND-2025.json`);
  const plan = longPlan(300);
  await renderDocx(plan, catalog); // warm-up
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    size = (await renderDocx(plan, catalog)).length;
    times.push(performance.now() - t);
  }
  return [
    `Xuất Word kế hoạch 300 hoạt động: trung vị ${median(times).toFixed(0)} ms (7 lần, tối đa ${Math.max(...times).toFixed(0)} ms)`,
    `Kích thước tệp .docx: ${(size / 1024).toFixed(0)} KiB`,
    ...(await pdfBench(plan, catalog)),
  ];
}
