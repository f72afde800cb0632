import zlib from 'node:zlib';

/**
 * A zip reader that accepts only zips with one possible reading, for files people upload
 * (spreadsheets, Word and Excel attachments). Readers disagree about a crafted zip — one trusts the
 * central directory, another walks the local headers, a third lets a later duplicate name win — so
 * a file checked by one reader and then loaded by another can smuggle in what was never checked.
 * Here the zip must be exactly what its central directory says:
 *   - one end record, at the very end (its comment runs to the last byte), single disk, no zip64;
 *   - the central directory lies right before it and holds exactly the number of records it
 *     declares, no more and no fewer;
 *   - the local entries start at byte 0 and follow each other without gaps or hidden bytes, each
 *     agreeing with its central record (name, method, sizes, CRC), up to the central directory;
 *   - names are unique (ignoring case, as OOXML part names are), UTF-8, relative, without "..";
 *   - no encryption; stored or deflated only; total and per-entry sizes and ratios bounded;
 *   - each entry inflates to exactly its declared size (never more: inflation stops there) and
 *     matches its CRC-32.
 * Only the entries listed here can be read, and each read is checked again.
 */

export type ZipProblemKind = 'notZip' | 'damaged' | 'encrypted' | 'tooBig';

export class ZipProblem extends Error {
  constructor(
    readonly kind: ZipProblemKind,
    detail: string,
  ) {
    super(detail);
    this.name = 'ZipProblem';
  }
}

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared inflated sizes. */
  maxUncompressed: number;
  /** Largest inflated/compressed ratio for an entry over 1 MiB (deflate tops out near 1,032). */
  maxRatio: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  dataStart: number;
}

export interface StrictZip {
  readonly entries: readonly ZipEntry[];
  has(name: string): boolean;
  /** The inflated bytes of a listed entry (exact size and CRC checked); throws for any other name. */
  read(name: string): Buffer;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;
const RATIO_FLOOR = 1024 * 1024;

const fail = (kind: ZipProblemKind, detail: string): never => {
  throw new ZipProblem(kind, detail);
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function entryName(raw: Uint8Array): string {
  let name: string;
  try {
    name = utf8.decode(raw);
  } catch {
    return fail('damaged', 'entry name is not UTF-8');
  }
  // eslint-disable-next-line no-control-regex
  if (!name || name.startsWith('/') || name.includes('\\') || /[\u0000-\u001f]/.test(name))
    fail('damaged', `bad entry name ${JSON.stringify(name.slice(0, 80))}`);
  if (name.split('/').some((s) => s === '..' || s === '.'))
    fail('damaged', 'entry name with a relative segment');
  return name;
}

function findEnd(bytes: Buffer): number {
  // The end record is 22 bytes plus a comment of up to 65,535 that must reach the last byte.
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (bytes.readUInt32LE(i) === END && i + 22 + bytes.readUInt16LE(i + 20) === bytes.length) return i;
  }
  return fail('notZip', 'no end of central directory record');
}

export function openStrictZip(bytes: Buffer, limits: ZipLimits): StrictZip {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL)
    fail('notZip', 'does not start with a local header');
  const end = findEnd(bytes);
  const disk = bytes.readUInt16LE(end + 4);
  const cdDisk = bytes.readUInt16LE(end + 6);
  const onDisk = bytes.readUInt16LE(end + 8);
  const count = bytes.readUInt16LE(end + 10);
  const cdSize = bytes.readUInt32LE(end + 12);
  const cdOffset = bytes.readUInt32LE(end + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) fail('damaged', 'multi-disk zip');
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) fail('damaged', 'zip64');
  if (count > limits.maxEntries) fail('damaged', `${count} entries`);
  if (cdOffset + cdSize !== end) fail('damaged', 'central directory does not end at the end record');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  while (p < end) {
    if (p + 46 > end || bytes.readUInt32LE(p) !== CENTRAL) fail('damaged', 'central record out of place');
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    if (bytes.readUInt16LE(p + 34) !== 0) fail('damaged', 'entry on another disk');
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > end) fail('damaged', 'central record runs past the directory');
    const name = entryName(bytes.subarray(p + 46, p + 46 + nameLength));
    if (flags & 0x41 || method === 99) fail('encrypted', name);
    if (method !== 0 && method !== 8) fail('damaged', `method ${method}`);
    const key = name.toLowerCase();
    if (seen.has(key)) fail('damaged', `duplicate entry ${name}`);
    seen.add(key);
    const entry: ZipEntry = {
      name,
      method,
      flags,
      crc: bytes.readUInt32LE(p + 16),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      localOffset: bytes.readUInt32LE(p + 42),
      dataStart: 0,
    };
    if (method === 0 && entry.size !== entry.compressedSize) fail('damaged', 'stored entry with two sizes');
    total += entry.size;
    if (total > limits.maxUncompressed) fail('tooBig', 'inflated total over the limit');
    if (entry.size > RATIO_FLOOR && entry.size > Math.max(1, entry.compressedSize) * limits.maxRatio)
      fail('tooBig', `${name} inflates ${Math.round(entry.size / Math.max(1, entry.compressedSize))}×`);
    entries.push(entry);
    if (entries.length > count) break;
    p = next;
  }
  if (entries.length !== count || p !== end) fail('damaged', 'record count differs from the end record');

  // The local entries, in file order, must tile the bytes from 0 to the central directory.
  const inFileOrder = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  for (const e of inFileOrder) {
    const o = e.localOffset;
    if (o !== expected) fail('damaged', `bytes before ${e.name} that no record lists`);
    if (o + 30 > cdOffset || bytes.readUInt32LE(o) !== LOCAL)
      fail('damaged', `no local header for ${e.name}`);
    const flags = bytes.readUInt16LE(o + 6);
    const method = bytes.readUInt16LE(o + 8);
    const nameLength = bytes.readUInt16LE(o + 26);
    const extraLength = bytes.readUInt16LE(o + 28);
    const raw = bytes.subarray(o + 30, o + 30 + nameLength);
    if (method !== e.method || (flags & 0x49) !== (e.flags & 0x49) || Buffer.from(e.name).compare(raw) !== 0)
      fail('damaged', `local header of ${e.name} disagrees with the directory`);
    const descriptor = (e.flags & 0x08) !== 0;
    const [crc, csize, size] = [o + 14, o + 18, o + 22].map((at) => bytes.readUInt32LE(at));
    const zeros = crc === 0 && csize === 0 && size === 0;
    if (!(crc === e.crc && csize === e.compressedSize && size === e.size) && !(descriptor && zeros))
      fail('damaged', `local sizes of ${e.name} disagree with the directory`);
    e.dataStart = o + 30 + nameLength + extraLength;
    let after = e.dataStart + e.compressedSize;
    if (after > cdOffset) fail('damaged', `${e.name} runs into the central directory`);
    if (descriptor) {
      if (after + 4 <= cdOffset && bytes.readUInt32LE(after) === DESCRIPTOR) after += 4;
      if (after + 12 > cdOffset) fail('damaged', `no data descriptor for ${e.name}`);
      const d = [after, after + 4, after + 8].map((at) => bytes.readUInt32LE(at));
      if (d[0] !== e.crc || d[1] !== e.compressedSize || d[2] !== e.size)
        fail('damaged', `data descriptor of ${e.name} disagrees`);
      after += 12;
    }
    expected = after;
  }
  if (expected !== cdOffset) fail('damaged', 'bytes between the last entry and the central directory');

  // Every entry is inflated and checked now, not only those a caller will read: a zip is accepted
  // whole or not at all.
  const contents = new Map(entries.map((e) => [e.name, inflate(bytes, e)]));
  return {
    entries,
    has: (name) => contents.has(name),
    read: (name) => contents.get(name) ?? fail('damaged', `no entry ${name}`),
  };
}

function inflate(bytes: Buffer, e: ZipEntry): Buffer {
  const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  let out: Buffer;
  if (e.method === 0) out = data;
  else {
    try {
      // Inflation stops at the declared size: an entry that says 1 KB cannot produce 1 GB.
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      return fail('damaged', `${e.name} does not inflate to its declared size`);
    }
  }
  if (out.length !== e.size) fail('damaged', `${e.name} inflates to ${out.length}, not ${e.size}`);
  if (zlib.crc32(out) !== e.crc) fail('damaged', `${e.name} fails its CRC`);
  return out;
}
