import { AppError } from '../../../../shared/errors.ts';
import { describeCertificate, keyInfo } from '../crypto/certificateInfo.ts';
import { parseCertificate } from '../crypto/certificateInfo.ts';
import { formatDate } from '../verify/wording.ts';

/**
 * Why this certificate may not sign at `at`, in Vietnamese, or null when it may: validity period,
 * key usage (digitalSignature or nonRepudiation), key algorithm and size (RSA ≥ 2048, ECDSA P-256).
 */
export function signingRefusal(certDer: Buffer, at: Date): string | null {
  let summary;
  try {
    summary = describeCertificate(certDer);
  } catch {
    return 'Không đọc được chứng thư số.';
  }
  if (at < new Date(summary.notBefore)) {
    return `Chứng thư số chưa có hiệu lực (có hiệu lực từ ngày ${formatDate(new Date(summary.notBefore))}).`;
  }
  if (at > new Date(summary.notAfter)) {
    return `Chứng thư số đã hết hạn ngày ${formatDate(new Date(summary.notAfter))}: hãy gia hạn hoặc dùng chứng thư mới.`;
  }
  if (
    summary.keyUsage.length &&
    !summary.keyUsage.includes('digitalSignature') &&
    !summary.keyUsage.includes('nonRepudiation')
  ) {
    return 'Chứng thư số không dùng để ký: thiếu mục đích sử dụng digitalSignature và nonRepudiation.';
  }
  const key = keyInfo(new Uint8Array(parseCertificate(certDer).publicKey.rawData));
  if (key.type === 'rsa' && (key.bits ?? 0) < 2048) {
    return `Khóa RSA ${key.bits} bit quá ngắn: cần tối thiểu 2048 bit.`;
  }
  if (!key.algorithm) {
    return `Khóa ${key.label} không được hỗ trợ: BaoCao ký bằng RSA (từ 2048 bit) hoặc ECDSA P-256.`;
  }
  return null;
}

export function assertCanSign(certDer: Buffer, at: Date): void {
  const refusal = signingRefusal(certDer, at);
  if (refusal) throw new AppError('VALIDATION', refusal);
}
