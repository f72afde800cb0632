import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import {
  DATABASE_ENTRY,
  FILES_PREFIX,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  isSafeRelativePath,
  manifestSchema,
  type Manifest,
} from './archiveFormat.ts';
import { fsyncFile } from './dataFolder.ts';
import { checkDatabase, openCopy, readFacts } from './inspectDatabase.ts';

const MANIFEST_LIMIT = 20 * 1024 * 1024;

export interface CheckedArchive {
  manifest: Manifest;
  /** Where the archive was unpacked: <dest>/baocao.sqlite and <dest>/<store>/… */
  dir: string;
  stores: string[];
  documents: number;
}

/** An archive that cannot be restored; the message says why, in Vietnamese. */
export class ArchiveRefused extends Error {}

/**
 * Unpacks `archive` into the empty folder `dest` and checks everything before anyone relies on
 * it: every entry a plain file under a safe name, every hash and size as the manifest says, no
 * file missing or extra, the database sound (`PRAGMA integrity_check`), of a schema this version
 * understands, its audit chain unbroken, and every attachment it lists present. Throws
 * ArchiveRefused; `dest` may then hold a partial unpack, which the caller removes.
 */
export async function unpackAndCheck(
  archive: string,
  dest: string,
  newestSchema: number,
  nativeBinding?: string,
  /** fsync every file: for a restore's staging folder, not for a look inside. */
  durable = false,
): Promise<CheckedArchive> {
  fs.mkdirSync(dest, { recursive: true });
  const seen = new Map<string, { sha256: string; size: number }>();
  let manifestText: string | null = null;
  // The first reason to refuse; the rest of the archive is then read through without writing it
  // (stopping a tar stream half-way surfaces as an uncaught error rather than a rejection).
  let refusal: ArchiveRefused | null = null;

  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const fail = (why: string) => {
      refusal ??= new ArchiveRefused(why);
      stream.on('end', () => next());
      stream.resume();
    };
    if (refusal) return fail(refusal.message);
    const name = header.name;
    if (header.type !== 'file') return fail(`có mục không phải tệp (${name}).`);
    if (seen.has(name) || (name === MANIFEST_ENTRY && manifestText !== null))
      return fail(`có mục trùng (${name}).`);
    if (name === MANIFEST_ENTRY) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c) => {
        const b = c as Buffer;
        size += b.length;
        if (size <= MANIFEST_LIMIT) chunks.push(b);
      });
      stream.on('end', () => {
        if (size > MANIFEST_LIMIT) refusal ??= new ArchiveRefused('mục lục quá lớn.');
        else manifestText = Buffer.concat(chunks).toString('utf8');
        next();
      });
      stream.on('error', next);
      return;
    }
    let target: string;
    if (name === DATABASE_ENTRY) target = path.join(dest, DATABASE_ENTRY);
    else if (name.startsWith(FILES_PREFIX) && isSafeRelativePath(name.slice(FILES_PREFIX.length)))
      target = path.join(dest, ...name.slice(FILES_PREFIX.length).split('/'));
    else return fail(`có mục lạ (${name}).`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    const out = fs.createWriteStream(target, { flags: 'wx' });
    const count = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    pipeline(stream, count, out)
      .then(() => {
        if (durable) fsyncFile(target);
        seen.set(name, { sha256: hash.digest('hex'), size });
        next();
      })
      .catch((e: Error) => next(e));
  });

  try {
    await pipeline(fs.createReadStream(archive), zlib.createGunzip(), extract);
  } catch (e) {
    if (e instanceof ArchiveRefused) throw e;
    throw new ArchiveRefused(`tệp bị hỏng hoặc không đầy đủ (${(e as Error).message}).`);
  }
  if (refusal) throw refusal;

  if (manifestText === null) throw new ArchiveRefused('không có mục lục (manifest.json): tệp không đầy đủ.');
  let raw: unknown;
  try {
    raw = JSON.parse(manifestText);
  } catch {
    throw new ArchiveRefused('mục lục không đọc được.');
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    throw new ArchiveRefused(
      'bản sao lưu do phiên bản BaoCao mới hơn tạo ra. Hãy cập nhật BaoCao rồi khôi phục lại.',
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new ArchiveRefused('mục lục không đúng định dạng của BaoCao.');
  const manifest = parsed.data;

  const problems: string[] = [];
  const expect = new Map<string, { sha256: string; size: number }>([
    [DATABASE_ENTRY, manifest.database],
    ...manifest.files.map((f) => [FILES_PREFIX + f.path, f] as const),
  ]);
  for (const [name, want] of expect) {
    const got = seen.get(name);
    if (!got) problems.push(`thiếu tệp ${name}.`);
    else if (got.sha256 !== want.sha256 || got.size !== want.size)
      problems.push(`tệp ${name} không khớp mã băm.`);
  }
  for (const name of seen.keys())
    if (!expect.has(name)) problems.push(`có tệp không có trong mục lục (${name}).`);
  if (problems.length > 0) throw new ArchiveRefused(problems.slice(0, 5).join(' '));

  const db = openCopy(path.join(dest, DATABASE_ENTRY), nativeBinding);
  let documents: number;
  try {
    const dbProblems = checkDatabase(db, newestSchema);
    if (dbProblems.length > 0) throw new ArchiveRefused(dbProblems.join(' '));
    const facts = readFacts(db);
    if (facts.schemaVersion !== manifest.schemaVersion) {
      throw new ArchiveRefused('phiên bản lược đồ trong mục lục không khớp với cơ sở dữ liệu.');
    }
    const files = new Set(manifest.files.map((f) => f.path));
    const missing = facts.attachmentHashes.filter((h) => !files.has(`attachments/${h.slice(0, 2)}/${h}`));
    if (missing.length > 0)
      throw new ArchiveRefused(`thiếu ${missing.length} tệp đính kèm mà dữ liệu có nhắc đến.`);
    documents = facts.rowCounts.documents ?? 0;
  } finally {
    db.close();
  }
  const stores = [...new Set(manifest.files.map((f) => f.path.split('/')[0]!))].sort();
  return { manifest, dir: dest, stores, documents };
}
