import fs from 'node:fs';
import path from 'node:path';
import type { VerificationReport } from '../../../../shared/domain/signing/verification.ts';
import { unreadable, type VerifyOptions } from './signatureVerdict.ts';
import { verifyPackageDir, verifyPackageZip } from './verifyPackage.ts';
import { verifyPdf } from './verifyPdf.ts';

/** Whatever the user chose: a PDF, or a package as a .zip. */
export async function verifyBytes(
  bytes: Uint8Array,
  fileName: string,
  options: VerifyOptions,
): Promise<VerificationReport> {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return verifyPdf(bytes, options, fileName);
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return verifyPackageZip(bytes, options);
  return unreadable(
    'unknown',
    `Không nhận ra tệp ${fileName}: hãy chọn một tệp PDF đã ký hoặc một gói văn bản (.zip có manifest.json và manifest.p7s).`,
  );
}

/** The CLI's input: a file (PDF or .zip) or a package folder. */
export async function verifyPath(p: string, options: VerifyOptions): Promise<VerificationReport> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return unreadable('unknown', `Không tìm thấy tệp hay thư mục ${p}.`);
  }
  if (stat.isDirectory()) return verifyPackageDir(p, options);
  if (stat.size > 300 * 1024 * 1024) return unreadable('unknown', `Tệp ${p} quá lớn (trên 300 MB).`);
  return verifyBytes(fs.readFileSync(p), path.basename(p), options);
}
