import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import type { BackupReason } from '../../../shared/api/backup.ts';
import type { Logger } from '../logging/logger.ts';
import type { Db } from '../store/openDatabase.ts';
import {
  DATABASE_ENTRY,
  FILES_PREFIX,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  archiveFileName,
  type Manifest,
} from './archiveFormat.ts';
import { fsyncDir, fsyncFile, listFileStores, listStoreFiles } from './dataFolder.ts';
import { openCopy, readFacts } from './inspectDatabase.ts';

export interface WriteBackupOptions {
  /** The live connection: SQLite's backup API reads a consistent snapshot through it. */
  db: Db;
  dataDir: string;
  folder: string;
  reason: BackupReason;
  appVersion: string;
  clock: () => Date;
  nativeBinding?: string;
  log?: Logger;
}

export interface WrittenBackup {
  fileName: string;
  path: string;
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
  manifest: Manifest;
}

/**
 * Copies the database with `db.backup()` (a file copy of a WAL database can miss committed pages
 * or catch half a checkpoint), then every file store, into one archive written beside its final
 * name and renamed once complete: a backup folder never holds half an archive under a real name.
 */
export async function writeBackup(options: WriteBackupOptions): Promise<WrittenBackup> {
  fs.mkdirSync(options.folder, { recursive: true });
  const work = fs.mkdtempSync(path.join(options.folder, '.baocao-tmp-'));
  try {
    // A file removed between the database copy and the file copy (an attachment unlinked in that
    // instant) would leave the copy listing a file it lacks; one more try settles it.
    for (let attempt = 1; ; attempt++) {
      try {
        return await writeOnce(options, work);
      } catch (e) {
        if (!(e instanceof MissingFileRace) || attempt >= 3) throw e;
        options.log?.warn('backup: a file changed during the copy, starting again', { attempt });
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

class MissingFileRace extends Error {}

async function writeOnce(options: WriteBackupOptions, work: string): Promise<WrittenBackup> {
  const started = Date.now();
  const createdAt = options.clock();
  const snapshot = path.join(work, `${randomUUID()}.sqlite`);
  let lastRemaining = Infinity;
  await options.db.backup(snapshot, {
    // 1,000 pages (4 MB) per step keeps the window responsive between steps. A write through
    // another connection restarts the copy; if that happens, finish in one step instead.
    progress: ({ remainingPages }) => {
      const restarted = remainingPages > lastRemaining;
      lastRemaining = remainingPages;
      return restarted ? 0x7fffffff : 1000;
    },
  });

  const copy = openCopy(snapshot, options.nativeBinding);
  let facts;
  try {
    // Self-contained: no -wal beside it, whatever mode the live database is in.
    copy.pragma('journal_mode = DELETE');
    facts = readFacts(copy);
  } finally {
    copy.close();
  }

  const stores = listFileStores(options.dataDir);
  const files = stores.flatMap((s) => listStoreFiles(options.dataDir, s));
  const present = new Set(files);
  for (const sha of facts.attachmentHashes) {
    if (!present.has(`attachments/${sha.slice(0, 2)}/${sha}`)) throw new MissingFileRace(sha);
  }

  let n = 0;
  let fileName = archiveFileName(createdAt, options.reason);
  while (fs.existsSync(path.join(options.folder, fileName)))
    fileName = archiveFileName(createdAt, options.reason, ++n);
  const partial = path.join(options.folder, `.${fileName}.partial`);
  const final = path.join(options.folder, fileName);

  const pack = tar.pack();
  const written = pipeline(pack, zlib.createGzip({ level: 6 }), fs.createWriteStream(partial));
  try {
    const database = await addFile(pack, DATABASE_ENTRY, snapshot);
    const entries: Manifest['files'] = [];
    for (const rel of files) {
      const source = path.join(options.dataDir, ...rel.split('/'));
      try {
        entries.push({ path: rel, ...(await addFile(pack, FILES_PREFIX + rel, source)) });
      } catch (e) {
        // A store file that vanished mid-backup: an attachment the database copy lists is a race to
        // retry; anything else was removed after the copy and is simply not in this backup.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        if (rel.startsWith('attachments/')) throw new MissingFileRace(rel);
      }
    }
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      reason: options.reason,
      appVersion: options.appVersion,
      schemaVersion: facts.schemaVersion,
      organizationName: facts.organizationName,
      database: { path: DATABASE_ENTRY, ...database },
      files: entries,
      rowCounts: facts.rowCounts,
    };
    pack.entry({ name: MANIFEST_ENTRY, mtime: createdAt }, JSON.stringify(manifest, null, 2));
    pack.finalize();
    await written;
    fsyncFile(partial);
    fs.renameSync(partial, final);
    fsyncDir(options.folder);
    const sizeBytes = fs.statSync(final).size;
    options.log?.info('backup written', {
      fileName,
      reason: options.reason,
      files: entries.length,
      sizeBytes,
      ms: Date.now() - started,
    });
    return {
      fileName,
      path: final,
      createdAt: manifest.createdAt,
      reason: options.reason,
      sizeBytes,
      manifest,
    };
  } catch (e) {
    pack.destroy();
    await written.catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/** Streams one file into the archive, hashing what goes in. */
async function addFile(pack: tar.Pack, name: string, source: string) {
  const size = fs.statSync(source).size;
  const hash = createHash('sha256');
  const entry = pack.entry({ name, size, mode: 0o644, mtime: new Date(0) });
  await pipeline(
    fs.createReadStream(source),
    new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        cb(null, chunk);
      },
    }),
    entry,
  );
  return { sha256: hash.digest('hex'), size };
}
