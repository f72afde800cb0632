import type { PDFDocument } from '@cantoo/pdf-lib';
import type { SignatureCheck, VerificationReport } from '../../../../shared/domain/signing/verification.ts';
import { parsePdfDate } from '../pdf/pdfDates.ts';
import { checkCms } from './cmsCheck.ts';
import { describeChanges, type ChangeReport } from './pdfChanges.ts';
import { findSignatures, loadForReading } from './pdfStructure.ts';
import { judgeSignature, overall, unreadable, type VerifyOptions } from './signatureVerdict.ts';

export type { VerifyOptions };

const WHITESPACE = new Set([0x0a, 0x0d, 0x20, 0x09, 0x00]);

function onlyWhitespace(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (!WHITESPACE.has(bytes[i]!)) return false;
  return true;
}

/**
 * Checks every signature of a PDF: the bytes each covers, the CMS inside, the chain to the trusted
 * roots, and what was added to the file after it (only annotations and later signatures are
 * allowed; new or changed page content is not). Never throws on bad input: random bytes, a
 * truncated file or a PDF without signatures each get their own sentence.
 */
export async function verifyPdf(
  input: Uint8Array,
  options: VerifyOptions,
  source = 'tệp PDF',
): Promise<VerificationReport> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const what = `Tệp ${source === 'tệp PDF' ? 'PDF' : source}`;
  if (bytes.length === 0) return unreadable('pdf', `${what} trống (0 byte).`);
  const headerAt = bytes.subarray(0, 1024).indexOf('%PDF-');
  if (headerAt < 0) {
    const named = source === 'tệp PDF' ? 'Tệp này' : `Tệp ${source}`;
    return unreadable('unknown', `${named} không phải là tệp PDF (không có phần đầu %PDF-).`);
  }
  if (!bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF')) {
    return unreadable(
      'pdf',
      `${what} không có phần kết thúc (%%EOF): tệp có thể đã bị cắt cụt khi tải về hoặc sao chép, hãy lấy lại bản đầy đủ.`,
    );
  }
  let doc: PDFDocument;
  try {
    doc = await loadForReading(bytes);
  } catch {
    return unreadable('pdf', `${what} bị hỏng, không đọc được cấu trúc của tệp.`);
  }
  const found = findSignatures(doc).sort(
    (a, b) => a.byteRange[2]! + a.byteRange[3]! - (b.byteRange[2]! + b.byteRange[3]!),
  );
  if (!found.length) return overall('pdf', [], { what });

  const revisions = new Map<number, PDFDocument | null>();
  const revisionAt = async (end: number) => {
    if (!revisions.has(end)) {
      revisions.set(end, await loadForReading(bytes.subarray(0, end)).catch(() => null));
    }
    return revisions.get(end)!;
  };

  const checks: SignatureCheck[] = [];
  for (const [i, sig] of found.entries()) {
    const [a, b, c, d] = sig.byteRange as [number, number, number, number];
    const extraProblems: string[] = [];
    const rangeOk =
      sig.byteRange.length === 4 &&
      sig.byteRange.every((n) => Number.isInteger(n) && n >= 0) &&
      a === 0 &&
      b < c &&
      bytes[b] === 0x3c /* < */ &&
      bytes[c - 1] === 0x3e; /* > */
    const end = c + d;
    let content: Uint8Array[] = [];
    if (!rangeOk) {
      extraProblems.push(
        'Vùng dữ liệu được ký (/ByteRange) không hợp lệ: không bao đúng phần còn lại của tệp quanh chữ ký.',
      );
    } else if (end > bytes.length) {
      extraProblems.push(
        `Tệp ngắn hơn phần được ký (${end} byte, tệp chỉ còn ${bytes.length} byte): tệp đã bị cắt cụt.`,
      );
    } else {
      content = [bytes.subarray(a, b), bytes.subarray(c, end)];
    }
    const cms = checkCms(sig.contents, content);
    const whole = rangeOk && end <= bytes.length && (end === bytes.length || onlyWhitespace(bytes, end));
    let changesAfter: ChangeReport | null = null;
    if (rangeOk && end <= bytes.length && !whole) {
      const before = await revisionAt(end);
      changesAfter = before
        ? describeChanges(before, doc)
        : { allowed: false, items: ['không đọc được phiên bản của tệp tại thời điểm ký để so sánh'] };
    }
    checks.push(
      await judgeSignature(
        {
          index: i + 1,
          source,
          fieldName: sig.fieldName,
          name: sig.name,
          reason: sig.reason,
          location: sig.location,
          format: sig.subFilter ?? 'không rõ',
          coversWholeFile: whole,
          changesAfter,
          claimedTime: sig.m ? parsePdfDate(sig.m) : null,
          extraProblems,
          byteRangeText: rangeOk ? `byte ${a}–${b} và ${c}–${end}` : undefined,
        },
        cms,
        options,
      ),
    );
  }
  return overall('pdf', checks, { what });
}
