import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isTempName, writeFileAtomically } from '../files/atomicFiles.ts';

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
      writeFileAtomically(pathOf(sha256), bytes);
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

/**
 * <dataDir>/<folder> (attachments/, issued/), or a fresh temporary folder for an in-memory store.
 */
export function openBlobStore(dataDir: string | undefined, folder = 'attachments'): BlobStore {
  if (dataDir) return createBlobStore(path.join(dataDir, folder));
  return createBlobStore(fs.mkdtempSync(path.join(os.tmpdir(), `baocao-${folder}-`)), true);
}
