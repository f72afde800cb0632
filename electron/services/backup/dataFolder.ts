import fs from 'node:fs';
import path from 'node:path';

/**
 * What in the data folder is data. Every folder is a file store and is backed up — attachments/
 * today, issued documents and signing material as those areas add theirs — except the folders
 * that belong to this machine rather than to the department's records. Top-level files other than
 * the database (settings of this PC, the updater's id) are machine-local too.
 */
export const MACHINE_LOCAL_FOLDERS = new Set(['backups', 'logs']);
/** The default backup folder, inside the data folder until the admin points it at another disk. */
export const DEFAULT_BACKUP_FOLDER = 'backups';
/** Beside the live data, on the same disk, so that putting it in place is a rename. */
export const RESTORE_STAGING = '.restore-staging';
export const RESTORE_OLD = '.restore-old';
export const RESTORE_MARKER = 'restore-pending.json';

export function isFileStoreName(name: string): boolean {
  return !name.startsWith('.') && !MACHINE_LOCAL_FOLDERS.has(name) && /^[A-Za-z0-9_-]+$/.test(name);
}

/** The file stores of `dataDir`, sorted. */
export function listFileStores(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs
    .readdirSync(dataDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && isFileStoreName(e.name))
    .map((e) => e.name)
    .sort();
}

/**
 * Every finished file under a store, as '/'-separated paths relative to the data folder. Files
 * being written (".name.uuid.tmp", see attachmentStore.ts) are skipped: they are not data yet.
 */
export function listStoreFiles(dataDir: string, store: string): string[] {
  const root = path.join(dataDir, store);
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk(root, store);
  return out.sort();
}

export function fsyncDir(dir: string) {
  // Windows cannot open a folder for fsync; NTFS journals renames.
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* not supported on this platform */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function fsyncFile(file: string) {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a small file whole: temp file, fsync, rename, fsync of the folder. */
export function writeFileAtomically(file: string, text: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}
