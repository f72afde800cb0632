import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { z } from 'zod';
import { MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from '../../../shared/domain/packages/manifest.ts';
import { intakeErrorCodes } from '../../../shared/intake/errors.ts';
import type { ReceiptPayload } from '../../../shared/intake/receipt.ts';
import { intakeRoutes, routePath, UPLOAD_PARTS } from '../../../shared/intake/routes.ts';
import {
  enrolResultSchema,
  errorEnvelopeSchema,
  okEnvelope,
  packageListSchema,
  receiptResponseSchema,
} from '../../../shared/intake/schemas.ts';
import { readCertificate } from '../receipts/certificates.ts';
import { verifyReceiptJws, type ReceiptCheck } from '../receipts/jws.ts';

/**
 * The desktop's client for the Sở KH&CN intake server (server/): enrolment, upload, status and
 * receipts, under plain Node (fetch), no Electron. Every call has a time limit and every failure
 * comes back as a value, never a throw: a Vietnamese reason for the clerk and whether trying again
 * later can help (no network, a time-out, 5xx, 429) or a person must act (any other 4xx, a receipt
 * that does not verify). The outbox's sender decides on that flag alone.
 */

export type IntakeFailureKind =
  | 'network'
  | 'timeout'
  | 'server'
  | 'rate_limited'
  | 'unauthorized'
  | 'refused'
  | 'bad_response'
  | 'receipt_invalid';

export interface IntakeFailure {
  kind: IntakeFailureKind;
  /** True when the same call later may succeed without anyone changing anything. */
  retryable: boolean;
  /** For the clerk, in Vietnamese: what happened and what to do. */
  message: string;
  /** HTTP status, when the server answered. */
  status: number | null;
  /** The server's error code (shared/intake/errors.ts), when it gave one. */
  code: string | null;
  /** From Retry-After on 429/503. */
  retryAfterMs: number | null;
}

export type IntakeResult<T> = { ok: true; value: T } | { ok: false; failure: IntakeFailure };

export interface Enrolment {
  serverUrl: string;
  deviceId: string;
  /** Keep encrypted at rest (safeStorage); it is the device's only credential. */
  token: string;
  organization: { code: string; name: string; agencyType: string };
  /** Pin it: every receipt is checked against this certificate. */
  receiptCertificate: string;
  receiptCertificateSha256: string;
}

export interface OutgoingFile {
  /** The name in the manifest. */
  name: string;
  /** The bytes, or the path of a file holding them (streamed, not read into memory). */
  bytes?: Uint8Array;
  path?: string;
}

export interface OutgoingPackage {
  /** manifest.json exactly as signed: its canonical bytes. */
  manifest: Uint8Array;
  /** manifest.p7s. */
  signature: Uint8Array;
  files: OutgoingFile[];
}

export interface DeliveredPackage {
  receipt: ReceiptPayload;
  /** The JWS to store beside the package: proof of delivery. */
  receiptJws: string;
  /** The server already had this package: the receipt is the one it gave the first time. */
  duplicate: boolean;
}

export type PackageList = z.infer<typeof packageListSchema>;

export interface ClientOptions {
  serverUrl: string;
  token: string;
  /** PEM of the receipt certificate pinned at enrolment. */
  receiptCertificate: string;
  /** Time limit of status and receipt calls; default 15 s. */
  timeoutMs?: number;
  /** Time limit of an upload: this plus one second per 256 KiB; default 30 s. */
  uploadTimeoutMs?: number;
}

export interface IntakeClient {
  uploadPackage(pkg: OutgoingPackage): Promise<IntakeResult<DeliveredPackage>>;
  fetchStatus(): Promise<IntakeResult<PackageList>>;
  fetchReceipt(packageId: string): Promise<IntakeResult<DeliveredPackage>>;
}

const fail = (f: Omit<IntakeFailure, 'status' | 'code' | 'retryAfterMs'> & Partial<IntakeFailure>) => ({
  ok: false as const,
  failure: { status: null, code: null, retryAfterMs: null, ...f },
});

/** "https://so-khcn.bacninh.gov.vn/" → "https://so-khcn.bacninh.gov.vn"; null when not an http(s) address. */
export function normalizeServerUrl(raw: string): string | null {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    if (u.username || u.password || u.search || u.hash) return null;
    return u.toString().replace(/\/+$/, '');
  } catch {
    return null;
  }
}

function retryAfter(h: string | null): number | null {
  if (!h) return null;
  const seconds = Number(h);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** One request with a time limit; the answer parsed by `schema`, every failure classified. */
async function call<T>(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  schema: z.ZodType<T>,
): Promise<IntakeResult<T>> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    text = await res.text();
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      return fail({
        kind: 'timeout',
        retryable: true,
        message: `Máy chủ Sở KH&CN không trả lời trong ${Math.round(timeoutMs / 1000)} giây; sẽ thử gửi lại`,
      });
    }
    const why = err.cause?.code ? ` (${err.cause.code})` : '';
    return fail({
      kind: 'network',
      retryable: true,
      message: `Không kết nối được máy chủ Sở KH&CN${why}; kiểm tra mạng, gói sẽ được gửi lại khi kết nối được`,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const status = res.status;
  if (!res.ok) {
    const envelope = errorEnvelopeSchema.safeParse(body);
    const code = envelope.success ? envelope.data.error.code : null;
    const serverMessage = envelope.success ? envelope.data.error.message : null;
    const after = retryAfter(res.headers.get('retry-after'));
    if (status === 429) {
      return fail({
        kind: 'rate_limited',
        retryable: true,
        status,
        code,
        retryAfterMs: after,
        message: serverMessage ?? 'Máy chủ Sở KH&CN đang giới hạn số lần gửi; sẽ thử lại sau',
      });
    }
    if (status >= 500 || status === 408) {
      return fail({
        kind: 'server',
        retryable: true,
        status,
        code,
        retryAfterMs: after,
        message: serverMessage ?? `Máy chủ Sở KH&CN đang gặp sự cố (mã HTTP ${status}); sẽ thử gửi lại`,
      });
    }
    if (status === 401) {
      return fail({
        kind: 'unauthorized',
        retryable: false,
        status,
        code,
        message:
          serverMessage ?? 'Máy chưa đăng ký hoặc mã thiết bị đã bị thu hồi; hãy đăng ký lại với Sở KH&CN',
      });
    }
    return fail({
      kind: 'refused',
      retryable: false,
      status,
      code: code && (intakeErrorCodes as readonly string[]).includes(code) ? code : null,
      message: serverMessage ?? `Máy chủ Sở KH&CN từ chối yêu cầu (mã HTTP ${status})`,
    });
  }
  const parsed = okEnvelope(schema).safeParse(body);
  if (!parsed.success) {
    return fail({
      kind: 'bad_response',
      retryable: false,
      status,
      message:
        'Máy chủ trả lời không đúng định dạng của máy chủ tiếp nhận BaoCao; hãy kiểm tra địa chỉ máy chủ',
    });
  }
  return { ok: true, value: parsed.data.value as T };
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Enrols this computer with the one-time code from Sở KH&CN; pin the certificate it returns. */
export async function enrol(
  serverUrl: string,
  code: string,
  options: { deviceName?: string; timeoutMs?: number; expectedCertificateSha256?: string } = {},
): Promise<IntakeResult<Enrolment>> {
  const base = normalizeServerUrl(serverUrl);
  if (!base) {
    return fail({
      kind: 'refused',
      retryable: false,
      message: 'Địa chỉ máy chủ phải có dạng https://… (hoặc http://…)',
    });
  }
  const r = await call(
    `${base}${intakeRoutes.enrol.path}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: options.deviceName ?? 'Máy tính BaoCao' }),
    },
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    enrolResultSchema,
  );
  if (!r.ok) return r;
  let cert;
  try {
    cert = readCertificate(r.value.receiptCertificate);
  } catch {
    return fail({
      kind: 'bad_response',
      retryable: false,
      message: 'Chứng thư ký biên nhận máy chủ gửi không đọc được',
    });
  }
  const expected = options.expectedCertificateSha256?.replace(/[:\s]/g, '').toLowerCase();
  if (cert.sha256 !== r.value.receiptCertificateSha256 || (expected && expected !== cert.sha256)) {
    return fail({
      kind: 'receipt_invalid',
      retryable: false,
      message: 'Dấu vân tay chứng thư của máy chủ không khớp với dấu vân tay Sở KH&CN cung cấp; chưa đăng ký',
    });
  }
  return { ok: true, value: { serverUrl: base, ...r.value } };
}

/** A receipt checked against the certificate pinned at enrolment (signature, key, form). */
export function verifyReceipt(receipt: string, pinnedCert: string): ReceiptCheck {
  return verifyReceiptJws(receipt, pinnedCert);
}

/** Blob wants an ArrayBuffer-backed view; a Buffer from a pool may sit on a shared one. */
const blobPart = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

async function partOf(f: OutgoingFile): Promise<Blob> {
  if (f.bytes) return new Blob([blobPart(f.bytes)]);
  if (f.path) return fs.openAsBlob(f.path);
  throw new Error(`file ${f.name} has neither bytes nor path`);
}

export function createIntakeClient(options: ClientOptions): IntakeClient {
  const base = normalizeServerUrl(options.serverUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const auth = { authorization: `Bearer ${options.token}` };
  const noServer = () =>
    fail({ kind: 'refused', retryable: false, message: 'Chưa cấu hình đúng địa chỉ máy chủ Sở KH&CN' });

  /** A receipt must verify and must be for exactly the package we hold. */
  const accept = (jws: string, packageId: string | null, sha256: string | null, duplicate: boolean) => {
    const check = verifyReceipt(jws, options.receiptCertificate);
    if (!check.ok) return fail({ kind: 'receipt_invalid', retryable: false, message: check.reason });
    if (
      (packageId && check.receipt.packageId !== packageId) ||
      (sha256 && check.receipt.packageSha256 !== sha256)
    ) {
      return fail({
        kind: 'receipt_invalid',
        retryable: false,
        message: 'Biên nhận máy chủ trả về là của một gói khác với gói đã gửi',
      });
    }
    return { ok: true as const, value: { receipt: check.receipt, receiptJws: jws, duplicate } };
  };

  return {
    async uploadPackage(pkg) {
      if (!base) return noServer();
      let manifest: { packageId?: unknown };
      try {
        manifest = JSON.parse(new TextDecoder().decode(pkg.manifest)) as { packageId?: unknown };
      } catch {
        return fail({
          kind: 'refused',
          retryable: false,
          message: 'Tệp kê khai của gói hỏng (không phải JSON)',
        });
      }
      const form = new FormData();
      form.append(
        UPLOAD_PARTS.manifest,
        new Blob([blobPart(pkg.manifest)], { type: 'application/json' }),
        MANIFEST_FILE,
      );
      form.append(UPLOAD_PARTS.signature, new Blob([blobPart(pkg.signature)]), MANIFEST_SIGNATURE_FILE);
      let bytes = pkg.manifest.length + pkg.signature.length;
      for (const f of pkg.files) {
        let blob: Blob;
        try {
          blob = await partOf(f);
        } catch {
          return fail({
            kind: 'refused',
            retryable: false,
            message: `Không đọc được tệp "${f.name}" của gói trên máy này`,
          });
        }
        bytes += blob.size;
        form.append(UPLOAD_PARTS.file, blob, f.name);
      }
      const limit = (options.uploadTimeoutMs ?? 30_000) + Math.ceil(bytes / (256 * 1024)) * 1000;
      const r = await call(
        `${base}${intakeRoutes.uploadPackage.path}`,
        { method: 'POST', headers: auth, body: form },
        limit,
        intakeRoutes.uploadPackage.response,
      );
      if (!r.ok) return r;
      const sha256 = createHash('sha256').update(pkg.manifest).digest('hex');
      return accept(
        r.value.receipt,
        typeof manifest.packageId === 'string' ? manifest.packageId : null,
        sha256,
        r.value.duplicate,
      );
    },

    async fetchStatus() {
      if (!base) return noServer();
      return call(
        `${base}${intakeRoutes.listPackages.path}`,
        { headers: auth },
        timeoutMs,
        packageListSchema,
      );
    },

    async fetchReceipt(packageId) {
      if (!base) return noServer();
      const r = await call(
        `${base}${routePath(intakeRoutes.receipt.path, { packageId })}`,
        { headers: auth },
        timeoutMs,
        receiptResponseSchema,
      );
      if (!r.ok) return r;
      return accept(r.value.receipt, packageId, null, true);
    },
  };
}
