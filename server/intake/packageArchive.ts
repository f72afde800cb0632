import fs from 'node:fs';

/**
 * A stored package is ONE plain POSIX tar file (ustar): one entry per file of the package
 * (manifest.json, manifest.p7s, each file under its SHA-256), so that accepting it durably costs
 * one file fsync and one folder fsync instead of one per part, and an administrator can still list
 * or extract it with any `tar`. Entries are written while the upload streams in, so an entry's size
 * is only known at its end: the writer leaves its 512-byte header blank and fills it in afterwards
 * (a positional write); a library writer would have to hold each part in memory to know its size
 * first. Reading walks the headers and reads one entry's bytes.
 */

export const BLOCK = 512;

const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, '0') + '\0';

/** The ustar header of a regular file `name` (ASCII, ≤ 100 bytes) of `size` bytes. */
export function tarHeader(name: string, size: number, mtimeSeconds: number): Buffer {
  if (!/^[\x21-\x7e]{1,100}$/.test(name)) throw new Error(`tar entry name not storable: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 'ascii');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtimeSeconds, 12), 136, 'ascii');
  h.write(' '.repeat(8), 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** Zero bytes that bring an entry of `size` bytes to a whole block. */
export const paddingOf = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Two zero blocks end a tar file. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

export interface TarEntry {
  name: string;
  size: number;
  /** Where the entry's bytes start in the file. */
  offset: number;
}

function parseHeader(h: Buffer, at: number): TarEntry | null {
  if (h.every((b) => b === 0)) return null;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  const field = (start: number, length: number) =>
    h
      .toString('ascii', start, start + length)
      .replace(/\0.*$/s, '')
      .trim();
  if (parseInt(field(148, 8), 8) !== sum || field(257, 6) !== 'ustar') {
    throw new Error(`not a ustar header at byte ${at}`);
  }
  return { name: field(0, 100), size: parseInt(field(124, 12), 8), offset: at + BLOCK };
}

/** `size` bytes of the open file from `offset` on; throws if the file ends first. */
export function readAt(fd: number, size: number, offset: number): Buffer {
  const bytes = Buffer.alloc(size);
  let done = 0;
  while (done < size) {
    const n = fs.readSync(fd, bytes, done, size - done, offset + done);
    if (n === 0) throw new Error(`file cut short at byte ${offset + done}`);
    done += n;
  }
  return bytes;
}

function withFile<T>(file: string, fn: (fd: number) => T): T {
  const fd = fs.openSync(file, 'r');
  try {
    return fn(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function entriesOf(fd: number): TarEntry[] {
  const entries: TarEntry[] = [];
  const h = Buffer.alloc(BLOCK);
  let at = 0;
  while (fs.readSync(fd, h, 0, BLOCK, at) === BLOCK) {
    const entry = parseHeader(h, at);
    if (!entry) break;
    entries.push(entry);
    at = entry.offset + entry.size + paddingOf(entry.size);
  }
  return entries;
}

/** The entries of the tar file at `file`, in order. */
export const listEntries = (file: string): TarEntry[] => withFile(file, entriesOf);

/** The bytes of the first entry named `name`, or null when there is none (one open of the file). */
export function readEntry(file: string, name: string): Buffer | null {
  return withFile(file, (fd) => {
    const entry = entriesOf(fd).find((e) => e.name === name);
    return entry ? readAt(fd, entry.size, entry.offset) : null;
  });
}
