import { PDFDocument } from '@cantoo/pdf-lib';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED, Signer } from '@signpdf/utils';
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../../shared/errors.ts';
import { signDigest } from '../crypto/cmsSigner.ts';
import type { Identity } from '../identity.ts';
import { pdfDate } from './pdfDates.ts';

export interface PdfSignInfo {
  /** Who signs, as the signature dictionary names them (/Name): the person, or the organisation. */
  name: string;
  reason: string;
  location: string;
  contactInfo?: string;
  /** Written as /M with the Vietnam offset, e.g. D:20260205093000+07'00'. */
  signingTime: Date;
}

/**
 * Room for the CMS in /Contents, in bytes. A signature with a 2048-bit key and three certificates
 * is about 4 KB; 16 KB leaves room for 4096-bit keys and long chains from any CA.
 */
const SIGNATURE_LENGTH = 16_384;

/** A CMS signer for @signpdf: our own SignedData (PAdES: signing-certificate-v2, no signing-time). */
class CadesSigner extends Signer {
  constructor(private readonly identity: Identity) {
    super();
  }
  override async sign(bytes: Buffer): Promise<Buffer> {
    return signDigest(createHash('sha256').update(bytes).digest(), this.identity);
  }
}

const utf16Hex = (s: string) =>
  `<FEFF${Array.from(s, (c) => {
    const code = c.codePointAt(0)!;
    if (code <= 0xffff) return code.toString(16).padStart(4, '0');
    const v = code - 0x10000;
    return (
      (0xd800 + (v >> 10)).toString(16).padStart(4, '0') +
      (0xdc00 + (v & 0x3ff)).toString(16).padStart(4, '0')
    );
  }).join('')}>`.toUpperCase();

/**
 * placeholder-plain writes a non-ASCII text string as UTF-16 but then turns it into bytes as
 * UTF-8, which garbles every Vietnamese /Name, /Reason and /Location. So such a value goes in as
 * an ASCII marker of exactly the length of its UTF-16 hex string, and is swapped for that string
 * afterwards: same length, so the xref offsets placeholder-plain wrote stay right.
 */
function textFields(values: Record<string, string>) {
  const nonce = randomBytes(4).toString('hex');
  const swaps: { marker: string; hex: string }[] = [];
  const out: Record<string, string> = {};
  let i = 0;
  for (const [key, raw] of Object.entries(values)) {
    const value = raw.normalize('NFC');
    if (/^[\x20-\x7e]*$/.test(value)) {
      out[key] = value;
      continue;
    }
    const hex = utf16Hex(value);
    const marker = `${nonce}${i++}`.padEnd(hex.length - 2, '_');
    swaps.push({ marker: `(${marker})`, hex });
    out[key] = marker;
  }
  return { out, swaps };
}

/** placeholder-plain's startxref is one byte short of its xref keyword; say where it really is. */
function fixStartXref(pdf: Buffer): Buffer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 64)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF$/.exec(tail);
  const xref = pdf.lastIndexOf('\nxref\n') + 1;
  if (!m || xref <= 0 || Number(m[1]) === xref) return pdf;
  const at = pdf.length - tail.length + m.index;
  return Buffer.concat([pdf.subarray(0, at), Buffer.from(`startxref\n${xref}\n%%EOF`, 'latin1')]);
}

/** Where the last xref section is a cross-reference stream (PDF 1.5+), placeholder-plain cannot go. */
function lastXrefIsStream(pdf: Buffer): boolean {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new AppError('VALIDATION', 'Tệp PDF không hợp lệ: thiếu phần kết thúc (startxref/%%EOF)');
  const at = Number(m[1]);
  const head = pdf.subarray(at, at + 20).toString('latin1');
  return !/^\s*xref/.test(head);
}

async function withClassicXref(pdf: Buffer): Promise<Buffer> {
  if (!lastXrefIsStream(pdf)) return pdf;
  if (pdf.includes('/ByteRange')) {
    throw new AppError(
      'VALIDATION',
      'Tệp PDF đã có chữ ký và dùng bảng tham chiếu dạng luồng (PDF 1.5 trở lên): BaoCao không ký thêm được mà không làm hỏng chữ ký cũ',
    );
  }
  // Not signed yet: rewriting it with a classic table changes nothing anyone has signed.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * Signs a PDF as PAdES baseline B-B: an incremental update adding a signature field whose
 * /Contents is a CMS detached SignedData (ETSI.CAdES.detached, SHA-256, signing-certificate-v2,
 * signer certificate and chain embedded) over the whole file but the /Contents. Earlier revisions,
 * and so earlier signatures, are left byte for byte as they were.
 */
export async function signPdf(pdf: Buffer, identity: Identity, info: PdfSignInfo): Promise<Buffer> {
  let input: Buffer;
  try {
    input = await withClassicXref(pdf);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', 'Tệp PDF không đọc được nên không ký được');
  }
  const { out, swaps } = textFields({
    reason: info.reason,
    name: info.name,
    location: info.location,
    contactInfo: info.contactInfo ?? '',
  });
  let withPlaceholder: Buffer;
  try {
    withPlaceholder = plainAddPlaceholder({
      pdfBuffer: input,
      reason: out.reason!,
      name: out.name!,
      location: out.location!,
      contactInfo: out.contactInfo!,
      // A String object goes through as a PDF string as it is: the date with its +07'00' offset.
      signingTime: new String(pdfDate(info.signingTime)) as unknown as Date,
      signatureLength: SIGNATURE_LENGTH,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      appName: 'BaoCao',
    });
  } catch {
    throw new AppError('VALIDATION', 'Tệp PDF có cấu trúc BaoCao không thêm được chữ ký');
  }
  const from = input.length;
  for (const s of swaps) {
    const at = withPlaceholder.indexOf(s.marker, from, 'latin1');
    if (at < 0) throw new Error('signature text marker not found');
    withPlaceholder.write(s.hex, at, 'latin1');
  }
  withPlaceholder = fixStartXref(withPlaceholder);
  try {
    return await new SignPdf().sign(withPlaceholder, new CadesSigner(identity));
  } catch (e) {
    if (e instanceof Error && /exceeds placeholder/.test(e.message)) {
      throw new AppError('VALIDATION', 'Chữ ký số quá lớn so với chỗ dành sẵn trong tệp PDF');
    }
    throw e;
  }
}
