import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';
import type { Migration } from '../store/migrations/index.ts';
import { DATABASE_FILE, SchemaTooNewError, schemaVersion } from '../store/openDatabase.ts';
import { readBackupFolder } from './backupFolder.ts';
import { openCopy } from './inspectDatabase.ts';
import { finishPendingRestore } from './restore.ts';
import { writeBackup } from './writeBackup.ts';

export interface PrepareOptions {
  dataDir: string;
  migrations: readonly Migration[];
  appVersion: string;
  clock: () => Date;
  nativeBinding?: string;
  log?: Logger;
}

/**
 * Runs before the store opens: completes (or discards) a restore that a crash interrupted, then,
 * when the database is about to be migrated, backs it up first. A database this version cannot
 * read, or a damaged one, is left for openDatabase to refuse with its own message.
 */
export async function prepareDataDir(options: PrepareOptions): Promise<void> {
  finishPendingRestore(options.dataDir, options.log);
  const file = path.join(options.dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) return;
  const db = openCopy(file, options.nativeBinding);
  try {
    const hasVersions = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
      .get();
    const current = hasVersions ? schemaVersion(db) : 0;
    // Refused here, before openDatabase would set its pragmas on a file this version must not touch.
    if (current > options.migrations.length) throw new SchemaTooNewError(current, options.migrations.length);
    if (current === 0 || current >= options.migrations.length) return;
    try {
      const w = await writeBackup({
        db,
        dataDir: options.dataDir,
        folder: readBackupFolder(options.dataDir),
        reason: 'before-migration',
        appVersion: options.appVersion,
        clock: options.clock,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(options.log ? { log: options.log } : {}),
      });
      options.log?.info('backup before migration', {
        from: current,
        to: options.migrations.length,
        file: w.fileName,
      });
    } catch (e) {
      options.log?.error('backup before migration failed', e);
      throw new Error(
        `Không sao lưu được dữ liệu trước khi nâng cấp (lược đồ ${current} lên ${options.migrations.length}); dữ liệu chưa bị thay đổi. Hãy kiểm tra thư mục sao lưu và chỗ trống trên ổ đĩa.`,
        { cause: e },
      );
    }
  } finally {
    db.close();
  }
}
