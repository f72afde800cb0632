import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/packages/manifest.ts';
import {
  RECEIPT_JWS_TYPE,
  receiptHeaderSchema,
  receiptPayloadSchema,
  type ReceiptPayload,
} from '../../../shared/intake/receipt.ts';
import { readCertificate } from './certificates.ts';

/**
 * Receipts as JWS (RFC 7515) compact serialisation, ES256 (P-256, SHA-256, the 64-byte r‖s
 * signature of RFC 7518 §3.4), with node:crypto alone. The server signs; the desktop verifies with
 * the certificate it pinned at enrolment. The payload is the receipt's canonical JSON.
 */

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export function certificateThumbprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('base64url');
}

export function signReceipt(payload: ReceiptPayload, key: KeyObject, certificateDer: Uint8Array): string {
  const header = { alg: 'ES256', typ: RECEIPT_JWS_TYPE, 'x5t#S256': certificateThumbprint(certificateDer) };
  const input = `${b64u(canonicalJson(header))}.${b64u(canonicalJson(receiptPayloadSchema.parse(payload)))}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64u(signature)}`;
}

export type ReceiptCheck = { ok: true; receipt: ReceiptPayload } | { ok: false; reason: string };

const B64U = /^[A-Za-z0-9_-]+$/;

/** Checks a receipt against the pinned certificate (PEM or DER): signature, algorithm, key, form. */
export function verifyReceiptJws(jws: string, pinnedCertificate: string | Uint8Array): ReceiptCheck {
  const refuse = (reason: string): ReceiptCheck => ({ ok: false, reason });
  let cert;
  try {
    cert = readCertificate(pinnedCertificate);
  } catch {
    return refuse('Chứng thư của máy chủ đã ghim không đọc được; hãy đăng ký lại với Sở KH&CN');
  }
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3 || !parts.every((p) => B64U.test(p))) {
    return refuse('Biên nhận không đúng định dạng JWS');
  }
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return refuse('Biên nhận không đọc được (phần đầu hoặc nội dung không phải JSON)');
  }
  const hd = receiptHeaderSchema.safeParse(header);
  if (!hd.success) return refuse('Biên nhận dùng thuật toán hoặc kiểu không được chấp nhận (chỉ nhận ES256)');
  if (hd.data['x5t#S256'] !== certificateThumbprint(cert.der)) {
    return refuse('Biên nhận được ký bằng chứng thư khác với chứng thư của máy chủ đã ghim khi đăng ký');
  }
  const signature = Buffer.from(s, 'base64url');
  let valid: boolean;
  try {
    valid =
      signature.length === 64 &&
      verify(
        'sha256',
        Buffer.from(`${h}.${p}`),
        { key: cert.x509.publicKey, dsaEncoding: 'ieee-p1363' },
        signature,
      );
  } catch {
    valid = false;
  }
  if (!valid) return refuse('Chữ ký trên biên nhận không hợp lệ: biên nhận bị sửa hoặc không do máy chủ ký');
  const body = receiptPayloadSchema.safeParse(payload);
  if (!body.success) return refuse('Nội dung biên nhận thiếu hoặc sai trường');
  return { ok: true, receipt: body.data };
}
