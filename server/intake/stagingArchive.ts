import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { IntakeError } from '../../shared/intake/errors.ts';
import { BLOCK, END_OF_ARCHIVE, paddingOf, readAt, tarHeader } from './packageArchive.ts';

/**
 * One upload streaming into its tar file under tmp/. Writes are gathered in memory and go to disk
 * in one positional write per 256 KiB or at the package's end: a 22 KB package is then one write
 * instead of three per part. Each write is a trip to libuv's thread pool, which the fsyncs of
 * other packages hold for milliseconds; one trip per part was most of an upload's wait. An entry's
 * header is known only at its end (its size, and a file's name is its SHA-256): its 512 bytes are
 * held blank and filled in, in memory while not yet written, or by a positional write.
 */

const FLUSH_BYTES = 256 * 1024;
const writev = promisify(fs.writev);
const write = promisify(fs.write);
const open = promisify(fs.open);

export interface ArchivedPart {
  field: string;
  /** The name the sender gave, unaltered (busboy's preservePath). */
  fileName: string;
  /** Its name in the stored package: manifest.json, manifest.p7s, or its SHA-256. */
  storedName: string;
  size: number;
  sha256: string;
  /** Where its bytes start in the staging file. */
  offset: number;
}

const megabytes = (n: number) =>
  `${(n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

export function openStagingArchive(
  file: string,
  limits: { maxFileBytes: number; maxTotalBytes: number },
  nameOf: (field: string, sha256: string) => string,
) {
  // Opened at the first write, on the thread pool: opening a file waits on the journal while other
  // packages' fsyncs run, and blocked the event loop when it was done at once.
  let fd: number | null = null;
  let closed = false;
  let total = 0;
  /** Where the next byte goes; the bytes from `written` on are still in `pending`. */
  let end = 0;
  let written = 0;
  let pending: Buffer[] = [];
  let finished = false;
  const parts: ArchivedPart[] = [];

  const add = (b: Buffer) => {
    pending.push(b);
    end += b.length;
  };
  const flush = async () => {
    if (!pending.length) return;
    if (fd === null) {
      if (closed) throw new Error('the staging file is discarded');
      // Read and write: the checks read the parts back before the package is accepted.
      const opened = await open(file, 'wx+');
      if (closed) {
        fs.closeSync(opened);
        throw new Error('the staging file is discarded');
      }
      fd = opened;
    }
    const buffers = pending;
    const at = written;
    pending = [];
    written = end;
    let done = 0;
    while (done < end - at) {
      const rest = done === 0 ? buffers : sliceFrom(buffers, done);
      done += await writev(fd!, rest, at + done).then((r) => r.bytesWritten);
    }
  };
  const tooLarge = (message: string) => new IntakeError('PAYLOAD_TOO_LARGE', message);

  return {
    parts,
    async write(field: string, fileName: string, stream: Readable & { truncated?: boolean }) {
      if (finished) throw new Error('the package is already complete');
      const headerAt = end;
      const header = Buffer.alloc(BLOCK);
      add(header);
      const offset = end;
      const hash = createHash('sha256');
      const fileTooLarge = () =>
        tooLarge(`Tệp "${fileName}" lớn hơn giới hạn ${megabytes(limits.maxFileBytes)} cho mỗi tệp`);
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        if (size > limits.maxFileBytes || stream.truncated) throw fileTooLarge();
        if (total > limits.maxTotalBytes) {
          throw tooLarge(`Gói lớn hơn giới hạn ${megabytes(limits.maxTotalBytes)} cho cả gói`);
        }
        hash.update(chunk);
        add(chunk);
        if (end - written >= FLUSH_BYTES) await flush();
      }
      if (stream.truncated) throw fileTooLarge();
      add(Buffer.alloc(paddingOf(size)));
      const sha256 = hash.digest('hex');
      const storedName = nameOf(field, sha256);
      const filled = tarHeader(storedName, size, Math.floor(Date.now() / 1000));
      if (headerAt >= written) filled.copy(header);
      else await write(fd!, filled, 0, BLOCK, headerAt);
      const part: ArchivedPart = { field, fileName, storedName, size, sha256, offset };
      parts.push(part);
      return part;
    },

    /** Ends the archive and writes what is still in memory; no part may follow. */
    async finish() {
      if (!finished) add(END_OF_ARCHIVE);
      finished = true;
      await flush();
    },

    /** A part's bytes, once the archive is finished. */
    read(part: ArchivedPart): Buffer {
      if (!finished || pending.length) throw new Error('read before the package was finished');
      return readAt(fd!, part.size, part.offset);
    },

    /** Hands the open file over (to be fsynced and closed); the archive no longer owns it. */
    release(): number {
      if (!finished || pending.length || fd === null) throw new Error('release of an unfinished package');
      const f = fd;
      fd = null;
      closed = true;
      return f;
    },

    /** Closes and deletes the file, whatever state it is in. */
    discard() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
      closed = true;
      pending = [];
      fs.rmSync(file, { force: true });
    },
  };
}

/** The buffers from byte `n` of their concatenation on (after a short write). */
function sliceFrom(buffers: Buffer[], n: number): Buffer[] {
  const out: Buffer[] = [];
  let skip = n;
  for (const b of buffers) {
    if (skip >= b.length) skip -= b.length;
    else {
      out.push(skip ? b.subarray(skip) : b);
      skip = 0;
    }
  }
  return out;
}
