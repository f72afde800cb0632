import { MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from '../../shared/domain/packages/manifest.ts';
import type { SignatureCheck, VerificationReport } from '../../shared/domain/signing/verification.ts';
import { embeddedCertificates } from '../../electron/services/signing/verify/cmsCheck.ts';
import { BoundedLru, sha256Hex } from '../../electron/services/signing/verify/knownCertificates.ts';
import { verifyCmsDetached, verifyPdf } from '../../electron/services/signing/verify/index.ts';
import type { PackageVerifier, PackageVerifyInput, PackageVerifyResult } from './packageVerifier.ts';

/**
 * A PackageVerifier that judges every signature with the desktop's own verification module
 * (electron/services/signing/verify), in this process: the manifest's CMS detached signature and
 * each PAdES signature of the PDF, chains ending at the administrator's trusted roots, validity at
 * the time of the upload. The server is stricter than the desktop's "verify" in one point: the last
 * signature must cover the whole PDF (a package is signed last; nothing is added to it after).
 */

const noPeriod = (s: string) => s.replace(/[.\s]+$/, '');

/** The sentences after a check's headline, as one parenthesis (empty when there are none). */
function details(check: SignatureCheck): string {
  const rest = check.messages.slice(1).map(noPeriod).filter(Boolean);
  return rest.length ? ` (${rest.join('; ')})` : '';
}

/**
 * Signers' certificates seen lately, by SHA-256: a department signs every package with the same
 * one, and finding it again in the CMS costs a second full parse of the SignedData (a third of
 * the verifier's time in the profile). The bytes are the ones whose hash the report gives.
 */
const knownSigners = new BoundedLru<string, Buffer>(1000);

/**
 * The DER of the certificate in the CMS whose SHA-256 is `sha256`: the signer the report names,
 * exactly as it came in the CMS, the bytes cmsCheck.ts hashed.
 */
function signerDer(p7s: Uint8Array, sha256: string, pinned: Uint8Array | null): Buffer | null {
  if (pinned && sha256Hex(pinned) === sha256) return Buffer.from(pinned);
  const known = knownSigners.get(sha256);
  if (known) return known;
  const found = certificateIn(p7s, sha256);
  if (found) knownSigners.set(sha256, found);
  return found;
}

function certificateIn(p7s: Uint8Array, sha256: string): Buffer | null {
  return embeddedCertificates(p7s).find((der) => sha256Hex(der) === sha256) ?? null;
}

function manifestProblems(report: VerificationReport): string[] {
  if (report.verdict === 'valid') return [];
  const check = report.signatures[0];
  if (!check) {
    const why = (report.problems.length ? report.problems : [report.summary]).map(noPeriod).join('; ');
    return [`Chữ ký số của tệp kê khai không hợp lệ hoặc không đọc được (${why})`];
  }
  if (!check.intact) {
    return [
      `Chữ ký số của tệp kê khai không khớp nội dung: tệp kê khai đã bị sửa sau khi ký${details(check)}`,
    ];
  }
  if (check.trust === 'untrusted') {
    return [`Chứng thư ký tệp kê khai không do tổ chức được máy chủ tin cậy cấp${details(check)}`];
  }
  if (check.trust === 'expired') {
    return [`Chứng thư ký tệp kê khai đã hết hạn hoặc chưa có hiệu lực${details(check)}`];
  }
  return [`Chữ ký số của tệp kê khai không hợp lệ${details(check)}`];
}

function pdfProblems(report: VerificationReport): string[] {
  if (report.verdict === 'unreadable') return [noPeriod(report.summary)];
  if (report.verdict === 'unsigned' || report.signatures.length === 0) return ['Tệp PDF chưa có chữ ký số'];
  const problems = report.signatures
    .filter((s) => s.status !== 'valid')
    .map(
      (s) =>
        `Chữ ký số thứ ${s.index} trong tệp PDF không hợp lệ hoặc không được tin cậy: ${noPeriod(s.messages[0] ?? '')}${details(s)}`,
    );
  problems.push(...report.problems.map(noPeriod));
  // Signatures come sorted by where they end; the last must reach the end of the file.
  if (!report.signatures.at(-1)!.coversWholeFile) {
    problems.push('Tệp PDF đã bị thay đổi sau chữ ký số cuối cùng');
  }
  return problems;
}

export function createInProcessVerifier(): PackageVerifier {
  return {
    async verifyPackage(input: PackageVerifyInput): Promise<PackageVerifyResult> {
      if (input.trustedRoots.length === 0) {
        return {
          ok: false,
          signerCertificate: null,
          problems: ['Máy chủ chưa có chứng thư gốc tin cậy nào; quản trị viên cần chạy trust-root'],
        };
      }
      const options = { trustedRoots: input.trustedRoots.map((r) => Buffer.from(r)) };
      const [manifest, pdf] = await Promise.all([
        verifyCmsDetached(input.manifestBytes, input.signature, options, {
          content: MANIFEST_FILE,
          signature: MANIFEST_SIGNATURE_FILE,
        }),
        verifyPdf(input.pdf, options),
      ]);
      const signerSha256 = manifest.signatures[0]?.signer?.sha256;
      const signerCertificate = signerSha256
        ? signerDer(input.signature, signerSha256, input.pinnedCert)
        : null;
      const problems = [...manifestProblems(manifest), ...pdfProblems(pdf)];
      return {
        ok: problems.length === 0 && manifest.verdict === 'valid' && signerCertificate !== null,
        signerCertificate,
        problems,
      };
    },
  };
}
