import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  canonicalJson,
  packageManifestSchema,
} from '../../../../shared/domain/packages/manifest.ts';
import type { VerificationReport } from '../../../../shared/domain/signing/verification.ts';
import { overall, unreadable, type VerifyOptions } from './signatureVerdict.ts';
import { verifyCmsDetached } from './verifyCms.ts';
import { verifyPdf } from './verifyPdf.ts';

/** Limits for reading a package someone sent: no file or archive may exhaust memory. */
const MAX_FILES = 200;
const MAX_TOTAL = 300 * 1024 * 1024;

/**
 * A package (shared/domain/packages/manifest.ts): the manifest's CMS signature, every listed
 * file's size and SHA-256, nothing unlisted, and the signatures of the PDF.
 */
export async function verifyPackageFiles(
  files: Map<string, Buffer>,
  options: VerifyOptions,
): Promise<VerificationReport> {
  const manifestBytes = files.get(MANIFEST_FILE);
  const p7s = files.get(MANIFEST_SIGNATURE_FILE);
  if (!manifestBytes) return unreadable('package', `Gói không có tệp kê khai ${MANIFEST_FILE}.`);
  if (!p7s) return unreadable('package', `Gói không có chữ ký của tệp kê khai (${MANIFEST_SIGNATURE_FILE}).`);
  const problems: string[] = [];
  const cms = await verifyCmsDetached(manifestBytes, p7s, options, {
    content: MANIFEST_FILE,
    signature: MANIFEST_SIGNATURE_FILE,
  });
  const signatures = [...cms.signatures];
  problems.push(...cms.problems);

  let json: unknown;
  try {
    json = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    return overall('package', signatures, {
      what: 'Gói văn bản',
      problems: [...problems, `Tệp ${MANIFEST_FILE} không phải JSON đọc được.`],
    });
  }
  if (!Buffer.from(canonicalJson(json)).equals(manifestBytes)) {
    problems.push(`Tệp ${MANIFEST_FILE} không ở dạng chuẩn hóa RFC 8785 như BaoCao ghi.`);
  }
  const parsed = packageManifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return overall('package', signatures, {
      what: 'Gói văn bản',
      problems: [
        ...problems,
        `Tệp ${MANIFEST_FILE} sai định dạng (${first?.path.join('.') || 'gốc'}: ${first?.message}).`,
      ],
    });
  }
  const manifest = parsed.data;
  const fileResults: VerificationReport['files'] = [];
  const listed = new Set([MANIFEST_FILE, MANIFEST_SIGNATURE_FILE]);
  for (const f of manifest.files) {
    listed.add(f.name);
    const bytes = files.get(f.name);
    if (!bytes) {
      fileResults.push({ name: f.name, ok: false, message: `Thiếu tệp ${f.name} có trong tệp kê khai.` });
      continue;
    }
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== f.sha256 || bytes.length !== f.size) {
      fileResults.push({
        name: f.name,
        ok: false,
        message: `Tệp ${f.name} không khớp với tệp kê khai (SHA-256 hoặc kích thước khác): tệp đã bị thay đổi sau khi ban hành.`,
      });
    } else {
      fileResults.push({ name: f.name, ok: true, message: `Tệp ${f.name} khớp với tệp kê khai.` });
    }
    if (f.role === 'pdf') {
      const pdf = await verifyPdf(bytes, options, f.name);
      signatures.push(...pdf.signatures.map((s) => ({ ...s, index: signatures.length + s.index })));
      if (pdf.verdict === 'unsigned' || pdf.verdict === 'unreadable') problems.push(pdf.summary);
    }
  }
  for (const name of files.keys()) {
    if (!listed.has(name)) problems.push(`Tệp ${name} có trong gói nhưng không có trong tệp kê khai.`);
  }
  return overall('package', signatures, { what: 'Gói văn bản', files: fileResults, problems });
}

/** A package folder as written at issue (regular files only, not recursive). */
export async function verifyPackageDir(dir: string, options: VerifyOptions): Promise<VerificationReport> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return unreadable('package', `Không đọc được thư mục ${dir}.`);
  }
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const e of entries) {
    if (!e.isFile()) continue;
    if (files.size >= MAX_FILES)
      return unreadable('package', `Thư mục có quá ${MAX_FILES} tệp, không phải một gói văn bản.`);
    const bytes = fs.readFileSync(path.join(dir, e.name));
    total += bytes.length;
    if (total > MAX_TOTAL) return unreadable('package', 'Gói văn bản quá lớn (trên 300 MB).');
    files.set(e.name.normalize('NFC'), bytes);
  }
  return verifyPackageFiles(files, options);
}

/** A package sent as one .zip (files at its top, or inside one folder). */
export async function verifyPackageZip(
  bytes: Uint8Array,
  options: VerifyOptions,
): Promise<VerificationReport> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return unreadable('package', 'Tệp .zip bị hỏng, không mở được.');
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > MAX_FILES)
    return unreadable('package', `Tệp .zip có quá ${MAX_FILES} tệp, không phải một gói văn bản.`);
  const tops = new Set(entries.map((e) => (e.name.includes('/') ? e.name.split('/')[0] : '')));
  const prefix = tops.size === 1 && !tops.has('') ? `${[...tops][0]}/` : '';
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const e of entries) {
    const name = e.name.slice(prefix.length);
    if (name.includes('/') || name.includes('\\')) {
      return unreadable(
        'package',
        `Tệp .zip có thư mục con (${e.name}): gói văn bản chỉ gồm các tệp ngang hàng.`,
      );
    }
    // Uncompressed sizes are only known after inflating: count as we go (a zip bomb stops early).
    const data = await e.async('nodebuffer');
    total += data.length;
    if (total > MAX_TOTAL)
      return unreadable('package', 'Gói văn bản quá lớn sau khi giải nén (trên 300 MB).');
    files.set(name.normalize('NFC'), data);
  }
  return verifyPackageFiles(files, options);
}
