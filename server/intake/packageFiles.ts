import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from '../../shared/domain/packages/manifest.ts';
import { UPLOAD_PARTS } from '../../shared/intake/routes.ts';
import { readEntry } from './packageArchive.ts';
import { openStagingArchive, type ArchivedPart } from './stagingArchive.ts';

/**
 * Package files on disk. An upload streams into one tar file of its own under <data>/tmp
 * (packageArchive.ts); only a package that passed every check is made durable (one fsync) and
 * moved, as one rename, to <data>/packages/<xx>/<id>.<upload>.tar, the folder fsynced, and only
 * then is its row committed. So after any crash there are at most: a staging file (all of tmp/ is
 * emptied at start-up) or a moved package with no row (swept at start-up). A row never points at
 * a package that is not all there. Packages stored before the tar format are folders with one file
 * per part; they are read as they are.
 */

export type StagedPart = ArchivedPart;

export interface Staging {
  id: string;
  /** Streams a part to disk, hashing it; refuses past `maxBytes` or past the upload's total. */
  write(field: string, fileName: string, stream: Readable & { truncated?: boolean }): Promise<StagedPart>;
  /** After the last part: the package is complete and on disk (not yet durable). */
  finish(): Promise<void>;
  /** A staged part's bytes, once finished. */
  read(part: StagedPart): Buffer;
  /** Removes whatever is still in the staging area. */
  discard(): void;
}

export interface PackageFiles {
  stage(limits: { maxFileBytes: number; maxTotalBytes: number }): Staging;
  /**
   * Makes the staged package durable and moves it into packages/; refuses unless its files are
   * exactly `storedNames`. Returns its path relative to packages/.
   */
  commit(staging: Staging, storedNames: readonly string[], packageId: string): Promise<string>;
  remove(storageDir: string): void;
  read(storageDir: string, storedName: string): Buffer;
  /** Start-up: empty tmp/, remove packages no row points at. Returns how many were removed. */
  recover(knownDirs: ReadonlySet<string>): { staging: number; orphans: number };
}

export const storedNameOf = (field: string, sha256: string) =>
  field === UPLOAD_PARTS.manifest
    ? MANIFEST_FILE
    : field === UPLOAD_PARTS.signature
      ? MANIFEST_SIGNATURE_FILE
      : sha256;

const fsync = promisify(fs.fsync);
const close = promisify(fs.close);

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

interface TarStaging extends Staging {
  file: string;
  archive: ReturnType<typeof openStagingArchive>;
}

export function openPackageFiles(dataDir: string): PackageFiles {
  const tmpRoot = path.join(dataDir, 'tmp');
  const packagesRoot = path.join(dataDir, 'packages');
  fs.mkdirSync(tmpRoot, { recursive: true });
  fs.mkdirSync(packagesRoot, { recursive: true });
  const shards = new Set<string>();
  const stagings = new WeakSet<Staging>();

  return {
    stage(limits) {
      const id = randomUUID();
      const file = path.join(tmpRoot, `${id}.tar`);
      const archive = openStagingArchive(file, limits, storedNameOf);
      const staging: TarStaging = {
        id,
        file,
        archive,
        write: archive.write,
        finish: archive.finish,
        read: archive.read,
        discard: archive.discard,
      };
      stagings.add(staging);
      return staging;
    },

    async commit(given, storedNames, packageId) {
      if (!stagings.has(given)) throw new Error('not a staging of this store');
      const staging = given as TarStaging;
      const staged = new Set(staging.archive.parts.map((p) => p.storedName));
      const wanted = new Set(storedNames);
      if (staged.size !== wanted.size || [...wanted].some((n) => !staged.has(n))) {
        throw new Error('the staged files are not those of the package');
      }
      await staging.archive.finish();
      const fd = staging.archive.release();
      try {
        await fsync(fd);
      } finally {
        await close(fd);
      }
      const shard = packageId.slice(0, 2);
      const relative = path.posix.join(shard, `${packageId}.${staging.id}.tar`);
      const shardDir = path.join(packagesRoot, shard);
      if (!shards.has(shard)) {
        // A new shard folder must itself be on disk before a package in it is.
        if (!fs.existsSync(shardDir)) {
          await fsp.mkdir(shardDir, { recursive: true });
          await fsyncDirAsync(packagesRoot);
        }
        shards.add(shard);
      }
      await fsp.rename(staging.file, path.join(packagesRoot, relative));
      await fsyncDirAsync(shardDir);
      return relative;
    },

    remove(storageDir) {
      fs.rmSync(path.join(packagesRoot, storageDir), { recursive: true, force: true });
    },

    read(storageDir, storedName) {
      const stored = path.join(packagesRoot, storageDir);
      if (!storageDir.endsWith('.tar')) return fs.readFileSync(path.join(stored, storedName));
      const bytes = readEntry(stored, storedName);
      if (!bytes) throw new Error(`${storageDir} has no file ${storedName}`);
      return bytes;
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
