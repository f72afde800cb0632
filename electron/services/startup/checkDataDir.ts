import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The data folder cannot be created or written; `cause` holds the file system's error. */
export class DataDirError extends Error {
  constructor(
    readonly dataDir: string,
    cause: unknown,
  ) {
    super(`Không ghi được vào thư mục dữ liệu ${dataDir}`, { cause });
    this.name = 'DataDirError';
  }
}

/**
 * Before anything opens the database: the data folder exists and can be written, proved by
 * writing, syncing and removing a small probe file (an access() check says yes to root and knows
 * nothing of read-only mounts). Leaves the folder as it found it.
 */
export function ensureWritableDataDir(dataDir: string): void {
  const probe = path.join(dataDir, `.baocao-ghi-thu-${process.pid}-${crypto.randomUUID()}`);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const fd = fs.openSync(probe, 'wx');
    try {
      fs.writeSync(fd, 'BaoCao');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.rmSync(probe);
  } catch (e) {
    fs.rmSync(probe, { force: true });
    throw new DataDirError(dataDir, e);
  }
}
