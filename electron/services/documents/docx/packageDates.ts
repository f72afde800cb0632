import type { LaidOutDocument } from '../layout/model.ts';

/**
 * The two places a .docx would carry the moment it was packed: docProps/core.xml (dcterms:created,
 * dcterms:modified, which docx sets to now) and the time of every file in the zip. Both are set
 * here from the document itself, so the same input and clock give the same bytes.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/** W3CDTF, whole seconds, UTC. */
const w3c = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** docProps/core.xml with the layout's title, author and date, as docx writes it otherwise. */
export function coreProperties(layout: LaidOutDocument): { path: string; data: string } {
  const when = w3c(layout.createdAt);
  const data =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${esc(layout.title)}</dc:title><dc:creator>${esc(layout.author)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
  return { path: 'docProps/core.xml', data };
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** MS-DOS date of 1980-01-01 (the format's first day), time 00:00:00. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/**
 * Every file time in a zip (local headers and central directory, APPNOTE 4.3.7 and 4.3.12) set to
 * 1980-01-01 00:00, in place: the times are not covered by the CRC, nothing else moves.
 */
export function fixedZipTimes(zip: Buffer): Buffer {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('Tệp .docx vừa tạo không có mục lục zip');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new Error('Mục lục zip của tệp .docx vừa tạo bị hỏng');
    zip.writeUInt16LE(DOS_TIME, at + 12);
    zip.writeUInt16LE(DOS_DATE, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER)
      throw new Error('Mục lục zip của tệp .docx vừa tạo bị hỏng');
    zip.writeUInt16LE(DOS_TIME, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
