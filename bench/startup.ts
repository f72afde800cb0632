import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices, defaultResourcesDir } from '../electron/services/index.ts';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

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
  const session = { userId: null };
  await services.dispatch(
    'setup.complete',
    {
      organization: {
        name: 'Sở Khoa học và Công nghệ',
        parentName: 'UBND TỈNH BẮC NINH',
        agencyType: 'so_khcn',
        abbreviation: 'SKHCN',
        place: 'Bắc Ninh',
      },
      admin: {
        username: 'admin',
        fullName: 'Quản trị',
        password: 'mật-khẩu-đủ-dài',
        roles: ['quan_tri'],
        title: '',
        signingAuthority: '',
      },
    },
    session,
  );
  const t = performance.now();
  const home = await services.dispatch('home.get', {}, session);
  const homeMs = performance.now() - t;
  if (!home.ok) throw new Error(home.error.message);
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
