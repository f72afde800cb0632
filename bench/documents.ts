import { performance } from 'node:perf_hooks';
import { loadCatalogFile } from '../electron/services/catalog/loadCatalog.ts';
import { renderDocx } from '../electron/services/documents/renderDocument.ts';
import { defaultResourcesDir } from '../electron/services/index.ts';
import { longPlan } from '../tests/unit/documents/longPlan.ts';
import { median } from './support.ts';

/** Export time of the official .docx of a plan with 300 activities and every section full. */
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
  ];
}
