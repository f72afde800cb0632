import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupReason } from '../../../shared/api/backup.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Logger } from '../logging/logger.ts';
import type { Db } from '../store/openDatabase.ts';
import { parseArchiveFileName } from './archiveFormat.ts';
import { defaultBackupFolder, readBackupFolder, setBackupFolder } from './backupFolder.ts';
import { ArchiveRefused, unpackAndCheck, type CheckedArchive } from './readBackup.ts';
import { commitRestore, stageRestore, type Step } from './restore.ts';
import { writeBackup, type WrittenBackup } from './writeBackup.ts';

export const KEEP_BACKUPS = 30;
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface BackupServiceOptions {
  db: Db;
  dataDir: string;
  appVersion: string;
  newestSchema: number;
  clock: () => Date;
  nativeBinding?: string;
  log?: Logger;
  keep?: number;
}

export interface ArchiveEntry {
  fileName: string;
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
}

/** The archives in `folder` that BaoCao made (by name), newest first. Other files are not ours. */
export function listArchives(folder: string): ArchiveEntry[] {
  if (!fs.existsSync(folder)) return [];
  const out: (ArchiveEntry & { n: number })[] = [];
  for (const name of fs.readdirSync(folder)) {
    const parsed = parseArchiveFileName(name);
    if (!parsed) continue;
    let size: number;
    try {
      size = fs.statSync(path.join(folder, name)).size;
    } catch {
      continue;
    }
    out.push({
      fileName: name,
      createdAt: parsed.createdAt,
      reason: parsed.reason,
      sizeBytes: size,
      n: parsed.n,
    });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.n - a.n).map(({ n: _n, ...e }) => e);
}

const refusedMessage = (fileName: string, why: string) =>
  `Không dùng được bản sao lưu "${fileName}": ${why} Dữ liệu hiện tại không thay đổi.`;

/**
 * Backups of one data folder. Every operation runs one at a time (a daily backup and a click on
 * "Sao lưu" never write side by side), and none changes the live data except `restore`, which
 * only stages and commits: the host puts the restored data in place while the store is closed.
 */
export function createBackupService(options: BackupServiceOptions) {
  const keep = options.keep ?? KEEP_BACKUPS;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const folder = () => readBackupFolder(options.dataDir);

  const prune = (dir: string) => {
    for (const old of listArchives(dir).slice(keep)) {
      fs.rmSync(path.join(dir, old.fileName), { force: true });
      options.log?.info('backup pruned', { fileName: old.fileName });
    }
  };

  const archivePath = (fileName: string) => {
    const dir = folder();
    if (!listArchives(dir).some((a) => a.fileName === fileName)) {
      throw new AppError('NOT_FOUND', `Không có bản sao lưu "${fileName}" trong thư mục ${dir}`);
    }
    return path.join(dir, fileName);
  };

  const check = async (fileName: string, into: string): Promise<CheckedArchive> => {
    try {
      return await unpackAndCheck(archivePath(fileName), into, options.newestSchema, options.nativeBinding);
    } catch (e) {
      if (e instanceof ArchiveRefused) throw new AppError('VALIDATION', refusedMessage(fileName, e.message));
      throw e;
    }
  };

  const summary = (fileName: string, c: CheckedArchive) => ({
    fileName,
    createdAt: c.manifest.createdAt,
    reason: c.manifest.reason,
    appVersion: c.manifest.appVersion,
    schemaVersion: c.manifest.schemaVersion,
    organizationName: c.manifest.organizationName,
    documents: c.documents,
    files: c.manifest.files.length,
    sizeBytes: fs.statSync(archivePath(fileName)).size,
  });

  const create = (reason: BackupReason): Promise<WrittenBackup> =>
    serial(async () => {
      const dir = folder();
      let written: WrittenBackup;
      try {
        written = await writeBackup({ ...options, folder: dir, reason });
      } catch (e) {
        options.log?.error('backup failed', e);
        throw new AppError(
          'INTERNAL',
          `Không sao lưu được vào ${dir}: ${(e as NodeJS.ErrnoException).code === 'ENOSPC' ? 'ổ đĩa đã đầy' : 'lỗi khi ghi tệp'}. Hãy kiểm tra thư mục sao lưu.`,
        );
      }
      prune(dir);
      return written;
    });

  return {
    folder,
    status() {
      const dir = folder();
      const backups = listArchives(dir);
      return {
        folder: dir,
        defaultFolder: defaultBackupFolder(options.dataDir),
        isDefaultFolder: dir === defaultBackupFolder(options.dataDir),
        keep,
        lastBackupAt: backups[0]?.createdAt ?? null,
        backups,
      };
    },
    create,
    setFolder(next: string | null) {
      setBackupFolder(options.dataDir, next);
      return this.status();
    },
    /** True when the newest backup is a day old or there is none. */
    dailyDue(): boolean {
      const last = listArchives(folder())[0];
      return !last || options.clock().getTime() - Date.parse(last.createdAt) >= DAY_MS;
    },
    inspect: (fileName: string) =>
      serial(async () => {
        const tmp = path.join(options.dataDir, `.inspect-${randomUUID()}`);
        try {
          return summary(fileName, await check(fileName, tmp));
        } finally {
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      }),
    /**
     * Checks and stages `fileName`, backs up the data it will replace, and commits. The caller
     * must then close the store and call finishPendingRestore (the service host does).
     */
    restore: (fileName: string, onStep?: Step) =>
      serial(async () => {
        const source = archivePath(fileName);
        let checked: CheckedArchive;
        try {
          checked = await stageRestore(
            options.dataDir,
            source,
            options.newestSchema,
            options.nativeBinding,
            onStep,
          );
        } catch (e) {
          if (e instanceof ArchiveRefused)
            throw new AppError('VALIDATION', refusedMessage(fileName, e.message));
          throw e;
        }
        const info = summary(fileName, checked);
        const safety = await writeBackup({ ...options, folder: folder(), reason: 'before-restore' });
        onStep?.('safety-backup');
        commitRestore(options.dataDir, checked, source, onStep);
        options.log?.info('restore committed', { fileName, safetyBackup: safety.fileName });
        return { restored: info, safetyBackup: safety.fileName };
      }),
  };
}
export type BackupService = ReturnType<typeof createBackupService>;
