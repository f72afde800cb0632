import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultResourcesDir } from '../electron/services/index.ts';
import { createLogger } from '../electron/services/logging/logger.ts';
import { openServiceHost } from '../electron/services/serviceHost.ts';
import { call, mib, setUpDepartment } from './support.ts';

/** Backup, check and restore of a data folder with 200 evidence files of 100 KB (20 MB). */
export async function backupBench(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-backup-'));
  const host = await openServiceHost({
    dataDir: dir,
    resourcesDir: defaultResourcesDir(),
    log: createLogger({ dir: path.join(dir, 'logs') }),
  });
  const admin = await setUpDepartment(host.services);
  let bytes = 0;
  for (let i = 0; i < 200; i++) {
    // Random bytes: evidence scans and PDFs compress about as badly.
    const data = randomBytes(100 * 1024);
    const sha = createHash('sha256').update(data).digest('hex');
    fs.mkdirSync(path.join(dir, 'attachments', sha.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'attachments', sha.slice(0, 2), sha), data);
    bytes += data.length;
  }
  const dispatch = (name: 'backup.create' | 'backup.inspect' | 'backup.restore', input: unknown) =>
    call({ ...host.services, dispatch: host.dispatch }, admin, name, input);

  let t = performance.now();
  const entry = (await dispatch('backup.create', {})) as { fileName: string; sizeBytes: number };
  const backupMs = performance.now() - t;
  t = performance.now();
  await dispatch('backup.inspect', { fileName: entry.fileName });
  const inspectMs = performance.now() - t;
  t = performance.now();
  await dispatch('backup.restore', { fileName: entry.fileName });
  const restoreMs = performance.now() - t;
  await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    `dữ liệu: 200 tệp đính kèm, ${mib(bytes)}; bản sao lưu ${mib(entry.sizeBytes)}`,
    `sao lưu: ${backupMs.toFixed(0)} ms (${(bytes / 1024 / 1024 / (backupMs / 1000)).toFixed(1)} MiB/s)`,
    `kiểm tra bản sao lưu (giải nén, băm, integrity_check, chuỗi nhật ký): ${inspectMs.toFixed(0)} ms`,
    `khôi phục (kiểm tra, sao lưu dữ liệu cũ, thay, mở lại): ${restoreMs.toFixed(0)} ms`,
  ];
}
