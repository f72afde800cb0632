import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices, defaultResourcesDir } from '../electron/services/index.ts';
import { call, median, mib, setUpDepartment } from './support.ts';

/** Time from nothing to a ready handler table (catalog parsed, database open and migrated). */
export async function startupBench(): Promise<string[]> {
  const rssBefore = process.memoryUsage().rss;
  const firstRun: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 7; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-'));
    let t = performance.now();
    const s1 = createServices({ dataDir: dir, resourcesDir: defaultResourcesDir() });
    firstRun.push(performance.now() - t);
    s1.close();
    t = performance.now();
    const s2 = createServices({ dataDir: dir, resourcesDir: defaultResourcesDir() });
    warm.push(performance.now() - t);
    s2.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-'));
  const services = createServices({ dataDir: dir, resourcesDir: defaultResourcesDir() });
  const session = await setUpDepartment(services);
  const t = performance.now();
  await call(services, session, 'home.get', {});
  const homeMs = performance.now() - t;
  global.gc?.();
  const rssAfter = process.memoryUsage().rss;
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    `lần đầu (tạo CSDL, chạy migration): trung vị ${median(firstRun).toFixed(1)} ms trên ${firstRun.length} lần`,
    `lần sau (CSDL đã có): trung vị ${median(warm).toFixed(1)} ms`,
    `home.get (nhiệm vụ, chỉ tiêu, hạn): ${homeMs.toFixed(1)} ms`,
    `bộ nhớ thường trú sau khởi động: ${mib(rssAfter)} (trước khi nạp dịch vụ: ${mib(rssBefore)})`,
  ];
}
