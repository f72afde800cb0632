import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalogFile } from '../electron/services/catalog/loadCatalog.ts';
import { documentFonts } from '../electron/services/documents/pdf/fonts.ts';
import { renderPdf } from '../electron/services/documents/pdf/renderPdf.ts';
import { documentWorkers, renderPdfOffThread } from '../electron/services/documents/renderOffThread.ts';
import { defaultResourcesDir } from '../electron/services/index.ts';
import { longPlan } from '../tests/unit/documents/longPlan.ts';
import { median } from './support.ts';

/** The longest the main thread went without running a 5 ms timer while `work` ran: ms. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stall: number; ms: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 5);
  const t = performance.now();
  await work();
  const ms = performance.now() - t;
  clearInterval(timer);
  return { stall: Math.max(stall, performance.now() - last), ms };
}

/**
 * What the window feels while the PDF of a long plan renders: the main thread's longest stall
 * (a frozen window, other calls waiting) with the render in the main thread and in a worker.
 */
export async function offThreadBench(): Promise<string[]> {
  const resources = defaultResourcesDir();
  const catalog = loadCatalogFile(`${resources}/plans/34-KH-UBND-2025.json`);
  const plan = longPlan(300);
  const fontsDir = path.join(resources, 'fonts');
  const fonts = documentFonts(fontsDir);
  await renderPdf(plan, catalog, { fonts }); // warm-up
  await renderPdfOffThread(plan, catalog, { fontsDir }); // starts and warms a worker
  const inMain = [];
  const inWorker = [];
  for (let i = 0; i < 3; i++) {
    inMain.push(await longestStall(() => renderPdf(plan, catalog, { fonts })));
    inWorker.push(await longestStall(() => renderPdfOffThread(plan, catalog, { fontsDir })));
  }
  await documentWorkers().close();
  const m = (xs: { stall: number; ms: number }[], k: 'stall' | 'ms') => median(xs.map((x) => x[k]));
  return [
    `PDF kế hoạch 300 hoạt động trong luồng chính: ${m(inMain, 'ms').toFixed(0)} ms, luồng chính đứng tối đa ${m(inMain, 'stall').toFixed(0)} ms (trung vị 3 lần)`,
    `Cùng việc đó trong luồng phụ: ${m(inWorker, 'ms').toFixed(0)} ms, luồng chính đứng tối đa ${m(inWorker, 'stall').toFixed(0)} ms`,
    `Tỷ lệ thời gian luồng phụ / luồng chính: ${(m(inWorker, 'ms') / m(inMain, 'ms')).toFixed(2)}; tỷ lệ thời gian đứng: ${(m(inMain, 'stall') / Math.max(1, m(inWorker, 'stall'))).toFixed(0)} lần ít hơn`,
  ];
}
