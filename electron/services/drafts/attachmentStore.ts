import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Attachment bytes, one file per content: <dir>/<first 2 hex>/<sha256>. A file is only ever
 * written whole (temp file, fsync, rename), so a crash leaves either the full file or none, and the
 * database row that points at it is committed only after the rename.
 */
export interface BlobStore {
  readonly dir: string;
  pathOf(sha256: string): string;
  /** Writes the bytes unless an intact copy is already there; true when this call wrote the file. */
  put(sha256: string, bytes: Uint8Array): boolean;
  /** The bytes, or null if the file is missing or no longer matches its name. */
  read(sha256: string): Buffer | null;
  remove(sha256: string): void;
  /**
   * At start: removes what a write killed midway left behind (its *.tmp files) and files no row
   * refers to (`stored` is every SHA-256 the database lists). Returns how many files went.
   */
  sweep(stored: Set<string>): number;
  /** Removes a temporary store's folder; a store under the data folder is left alone. */
  dispose(): void;
}

function fsyncDir(dir: string) {
  // Makes the rename itself durable. Windows cannot open a folder for fsync; NTFS journals renames.
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

/** ".<name>.<uuid>.tmp": what writeAtomically leaves if it is killed before its rename. */
export const isTempName = (name: string) =>
  /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/.test(name);

/** Removes writeAtomically's leftovers directly in `dir` (the data folder itself). */
export function removeTempFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  const leftovers = fs.readdirSync(dir).filter(isTempName);
  for (const f of leftovers) fs.rmSync(path.join(dir, f), { force: true });
  return leftovers.length;
}

/** Temp file beside it, fsync, rename, fsync of the folder: the file is whole or absent. */
export function writeAtomically(file: string, bytes: Uint8Array) {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  const fd = fs.openSync(tmp, 'wx');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dir);
}

export function createBlobStore(dir: string, temporary = false): BlobStore {
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(dir, sha256.slice(0, 2), sha256);
  };
  const read = (sha256: string): Buffer | null => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(pathOf(sha256));
    } catch {
      return null;
    }
    return sha256Hex(bytes) === sha256 ? bytes : null;
  };
  return {
    dir,
    pathOf,
    put(sha256, bytes) {
      if (sha256Hex(bytes) !== sha256) throw new Error('bytes do not match their sha256');
      if (read(sha256)) return false;
      writeAtomically(pathOf(sha256), bytes);
      return true;
    },
    read,
    remove(sha256) {
      fs.rmSync(pathOf(sha256), { force: true });
    },
    sweep(stored) {
      let removed = 0;
      const rm = (file: string) => {
        fs.rmSync(file, { force: true });
        removed++;
      };
      for (const sub of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
        if (!sub.isDirectory() || !/^[0-9a-f]{2}$/.test(sub.name)) continue;
        const folder = path.join(dir, sub.name);
        for (const f of fs.readdirSync(folder, { withFileTypes: true })) {
          if (!f.isFile()) continue;
          if (isTempName(f.name)) rm(path.join(folder, f.name));
          else if (/^[0-9a-f]{64}$/.test(f.name) && f.name.startsWith(sub.name) && !stored.has(f.name))
            rm(path.join(folder, f.name));
        }
      }
      return removed;
    },
    dispose() {
      if (temporary) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** <dataDir>/attachments, or a fresh temporary folder for an in-memory store. */
export function openBlobStore(dataDir: string | undefined): BlobStore {
  if (dataDir) return createBlobStore(path.join(dataDir, 'attachments'));
  return createBlobStore(fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-attachments-')), true);
}
