import zlib from 'node:zlib';
import { openStrictZip } from '../zip/strictZip.ts';

/**
 * Whether a file is what its extension says, judged on its structure rather than on its first
 * bytes: "PK\3\4" followed by zeros is not a .docx, and a PDF that is also an HTML page is not a
 * PDF. Each check is cheap and never renders or executes anything.
 */

const ZIP_LIMITS = { maxEntries: 5_000, maxUncompressed: 200 * 1024 * 1024, maxRatio: 500 };

/** An OOXML package (.docx, .xlsx, .pptx): a strict zip whose [Content_Types].xml names the main part. */
export function isOoxmlPackage(bytes: Uint8Array, mainContentType: string): boolean {
  try {
    const zip = openStrictZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ZIP_LIMITS);
    if (!zip.has('[Content_Types].xml')) return false;
    // Macros cannot run from a .docx/.xlsx/.pptx; a package that carries them is something else.
    if (zip.entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return false;
    const types = zip.read('[Content_Types].xml').toString('utf8');
    if (/<!DOCTYPE|<!ENTITY/i.test(types)) return false;
    const main = new RegExp(
      `PartName="/([^"]+)"\\s+ContentType="${mainContentType.replace(/[.+]/g, '\\$&')}"`,
    );
    const m =
      main.exec(types) ??
      new RegExp(`ContentType="${mainContentType.replace(/[.+]/g, '\\$&')}"\\s+PartName="/([^"]+)"`).exec(
        types,
      );
    return Boolean(m && zip.has(m[1]!));
  } catch {
    return false;
  }
}

const latin1 = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', from, to);

/** Markup a browser would run if it took the file for a web page. */
const HTML_MARKUP = /<\s*(html|script|body|iframe|svg|object|embed|meta\s+http-equiv)\b|javascript\s*:/i;

/** %PDF-x.y at the start, %%EOF near the end, and nothing that makes it a web page as well. */
export function isPdf(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || !/^%PDF-\d\.\d/.test(latin1(bytes, 0, 8))) return false;
  if (!latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length).includes('%%EOF')) return false;
  return !HTML_MARKUP.test(latin1(bytes, 0, bytes.length));
}

/** PNG: signature, an IHDR with a right CRC and sane sizes, IEND at the end. */
export function isPng(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    b.length < 8 + 25 + 12 ||
    !b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return false;
  if (b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') return false;
  if (zlib.crc32(b.subarray(12, 29)) !== b.readUInt32BE(29)) return false;
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  if (width === 0 || height === 0 || width > 100_000 || height > 100_000) return false;
  return b.toString('latin1', b.length - 8, b.length - 4) === 'IEND';
}

/** JPEG: SOI, marker segments that chain correctly up to a frame header with sane sizes, EOI at the end. */
export function isJpeg(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return false;
  const tail = b.subarray(Math.max(2, b.length - 64));
  if (!tail.includes(Buffer.from([0xff, 0xd9]))) return false;
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return false;
    const marker = b[p + 1]!;
    if (marker === 0xff) {
      p++;
      continue;
    }
    const length = b.readUInt16BE(p + 2);
    if (length < 2 || p + 2 + length > b.length) return false;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      if (length < 8) return false;
      const height = b.readUInt16BE(p + 5);
      const width = b.readUInt16BE(p + 7);
      return width > 0 && height > 0;
    }
    if (marker === 0xda || marker === 0xd9) return false; // scan data before any frame header
    p += 2 + length;
  }
  return false;
}

/** An OLE2 compound file (.doc, .xls): signature, byte order mark and a sector size it allows. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    b.length < 512 ||
    !b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
  )
    return false;
  const shift = b.readUInt16LE(30);
  return b.readUInt16LE(28) === 0xfffe && (shift === 9 || shift === 12);
}
