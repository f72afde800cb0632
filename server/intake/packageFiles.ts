import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from '../../shared/domain/packages/manifest.ts';
import { IntakeError } from '../../shared/intake/errors.ts';

/**
 * Package files on disk. An upload streams into its own folder under <data>/tmp; only a package
 * that passed every check is moved, as one folder rename, to <data>/packages/<xx>/<id>.<upload>,
 * and only then is its row committed. So after any crash there are at most: a staging folder (all
 * of tmp/ is emptied at start-up) or a moved folder with no row (swept at start-up). A row never
 * points at files that are not all there.
 */

export interface StagedPart {
  field: string;
  /** The name the sender gave, unaltered (busboy's preservePath). */
  fileName: string;
  path: string;
  size: number;
  sha256: string;
}

export interface Staging {
  id: string;
  dir: string;
  /** Streams a part to disk, hashing it; refuses past `maxBytes` or past the upload's total. */
  write(field: string, fileName: string, stream: Readable & { truncated?: boolean }): Promise<StagedPart>;
  /** Removes whatever is still in the staging folder. */
  discard(): void;
}

export interface PackageFiles {
  stage(limits: { maxFileBytes: number; maxTotalBytes: number }): Staging;
  /**
   * Names the staged files for good (manifest.json, manifest.p7s, one file per SHA-256) and moves
   * the folder into packages/; returns its path relative to packages/.
   */
  commit(
    staging: Staging,
    files: { part: StagedPart; storedName: string }[],
    packageId: string,
  ): Promise<string>;
  remove(storageDir: string): void;
  read(storageDir: string, storedName: string): Buffer;
  /** Start-up: empty tmp/, remove package folders no row points at. Returns how many were removed. */
  recover(knownDirs: ReadonlySet<string>): { staging: number; orphans: number };
}

export const storedNameOf = (role: 'manifest' | 'signature' | 'file', sha256: string) =>
  role === 'manifest' ? MANIFEST_FILE : role === 'signature' ? MANIFEST_SIGNATURE_FILE : sha256;

/** Makes renames in `dir` durable; a no-op where folders cannot be opened (Windows). */
async function fsyncDirAsync(dir: string) {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch {
    /* not supported on this platform */
  } finally {
    await fh?.close();
  }
}

async function fsyncFile(file: string) {
  const fh = await fsp.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const megabytes = (n: number) =>
  `${(n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

export function openPackageFiles(dataDir: string): PackageFiles {
  const tmpRoot = path.join(dataDir, 'tmp');
  const packagesRoot = path.join(dataDir, 'packages');
  fs.mkdirSync(tmpRoot, { recursive: true });
  fs.mkdirSync(packagesRoot, { recursive: true });

  return {
    stage(limits) {
      const id = randomUUID();
      const dir = path.join(tmpRoot, id);
      fs.mkdirSync(dir);
      let total = 0;
      let count = 0;
      return {
        id,
        dir,
        async write(field, fileName, stream) {
          const file = path.join(dir, `part-${count++}`);
          // Async writes: the event loop keeps serving while the disk works. No fsync yet: only a
          // package that passes every check is made durable (commit), all its files at once.
          const fh = await fsp.open(file, 'wx');
          const hash = createHash('sha256');
          let size = 0;
          try {
            for await (const chunk of stream as AsyncIterable<Buffer>) {
              size += chunk.length;
              total += chunk.length;
              if (size > limits.maxFileBytes || stream.truncated) {
                throw new IntakeError(
                  'PAYLOAD_TOO_LARGE',
                  `Tệp "${fileName}" lớn hơn giới hạn ${megabytes(limits.maxFileBytes)} cho mỗi tệp`,
                );
              }
              if (total > limits.maxTotalBytes) {
                throw new IntakeError(
                  'PAYLOAD_TOO_LARGE',
                  `Gói lớn hơn giới hạn ${megabytes(limits.maxTotalBytes)} cho cả gói`,
                );
              }
              hash.update(chunk);
              let off = 0;
              while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
            }
            if (stream.truncated) {
              throw new IntakeError(
                'PAYLOAD_TOO_LARGE',
                `Tệp "${fileName}" lớn hơn giới hạn ${megabytes(limits.maxFileBytes)} cho mỗi tệp`,
              );
            }
          } finally {
            await fh.close();
          }
          return { field, fileName, path: file, size, sha256: hash.digest('hex') };
        },
        discard() {
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },

    async commit(staging, files, packageId) {
      // Two names with the same bytes are kept once.
      const kept = new Map<string, StagedPart>();
      for (const { part, storedName } of files) if (!kept.has(storedName)) kept.set(storedName, part);
      // Every file on disk before its name is: the fsyncs overlap on libuv's thread pool, where
      // one after another, as each part arrived, they were a package's longest wait.
      await Promise.all([...kept.values()].map((part) => fsyncFile(part.path)));
      for (const [storedName, part] of kept) await fsp.rename(part.path, path.join(staging.dir, storedName));
      for (const leftover of (await fsp.readdir(staging.dir)).filter((n) => n.startsWith('part-'))) {
        await fsp.rm(path.join(staging.dir, leftover));
      }
      await fsyncDirAsync(staging.dir);
      const relative = path.posix.join(packageId.slice(0, 2), `${packageId}.${staging.id}`);
      const shard = path.join(packagesRoot, packageId.slice(0, 2));
      await fsp.mkdir(shard, { recursive: true });
      await fsp.rename(staging.dir, path.join(packagesRoot, relative));
      await Promise.all([fsyncDirAsync(shard), fsyncDirAsync(tmpRoot)]);
      return relative;
    },

    remove(storageDir) {
      fs.rmSync(path.join(packagesRoot, storageDir), { recursive: true, force: true });
    },

    read(storageDir, storedName) {
      return fs.readFileSync(path.join(packagesRoot, storageDir, storedName));
    },

    recover(knownDirs) {
      let staging = 0;
      for (const entry of fs.readdirSync(tmpRoot)) {
        fs.rmSync(path.join(tmpRoot, entry), { recursive: true, force: true });
        staging++;
      }
      let orphans = 0;
      for (const shard of fs.readdirSync(packagesRoot)) {
        const shardDir = path.join(packagesRoot, shard);
        if (!fs.statSync(shardDir).isDirectory()) continue;
        for (const entry of fs.readdirSync(shardDir)) {
          if (!knownDirs.has(`${shard}/${entry}`)) {
            fs.rmSync(path.join(shardDir, entry), { recursive: true, force: true });
            orphans++;
          }
        }
      }
      return { staging, orphans };
    },
  };
}
