import { z } from 'zod';
import { text } from '../text.ts';
import { empty, fileSchema, method, ok, TIME_LIMITS } from './method.ts';

/**
 * Sending to Sở KH&CN (issue "Sending to Sở KH&CN: the intake server…"): the connection of this
 * computer to the intake server (enrolled once with a one-time code), the outbox of issued
 * packages with their receipts, and what Sở KH&CN did with each (tiếp nhận, trả lại with a reason).
 */

export const outboxStateSchema = z.enum(['queued', 'sending', 'sent', 'failed']);
export const remoteStatusSchema = z.enum(['received', 'accepted', 'returned']);

export const outboxItemSchema = z.object({
  packageId: z.string(),
  issueId: z.string(),
  documentId: z.string(),
  kind: z.enum(['plan', 'report', 'letter']),
  title: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  state: outboxStateSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  receipt: z.object({ receiptId: z.string(), receivedAt: z.string() }).nullable(),
  sentAt: z.string().nullable(),
  remoteStatus: remoteStatusSchema.nullable(),
  remoteReason: z.string().nullable(),
  remoteCheckedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OutboxItemView = z.infer<typeof outboxItemSchema>;

export const connectionSchema = z.object({
  serverUrl: z.string(),
  deviceId: z.string(),
  organization: z.object({ code: z.string(), name: z.string(), agencyType: z.string() }),
  receiptCertificateSha256: z.string(),
  /** Where the device's token is sealed: the OS key store, or this machine's key file. */
  protection: z.enum(['os', 'machine-key']),
  enrolledAt: z.string(),
  enrolledByName: z.string(),
  /** Why this machine cannot send now (token not openable…), or null. */
  problem: z.string().nullable(),
});
export type ConnectionView = z.infer<typeof connectionSchema>;

const packageId = text.pattern(/^[0-9a-f-]{36}$/, 'Mã gói không hợp lệ');

export const outboxApi = {
  'outbox.list': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.object({ connection: connectionSchema.nullable(), items: z.array(outboxItemSchema) }),
  }),
  /** "Gửi ngay": works the queue now instead of waiting for the next try. */
  'outbox.sendNow': method({ access: 'documents.issue', input: empty, output: ok }),
  /** "Gửi lại" a package that a person had to look at. */
  'outbox.retry': method({ access: 'documents.issue', input: z.object({ packageId }), output: ok }),
  /** "Cập nhật tình trạng": asks Sở KH&CN what became of the packages sent. */
  'outbox.refreshStatus': method({
    access: 'user',
    timeLimitMs: TIME_LIMITS.file,
    input: empty,
    output: z.object({ updated: z.number().int() }),
  }),
  /** The receipt of a sent package, as the server signed it (JWS), to keep or show an auditor. */
  'outbox.receipt': method({
    access: 'user',
    readOnly: true,
    input: z.object({ packageId }),
    output: fileSchema,
  }),
  /** "Kết nối Sở KH&CN": enrols this computer with the one-time code Sở KH&CN gave. */
  'outbox.enrol': method({
    access: 'settings.manage',
    timeLimitMs: TIME_LIMITS.file,
    input: z.object({
      serverUrl: text.line(300).trim().min(1, 'Chưa nhập địa chỉ máy chủ Sở KH&CN'),
      code: text
        .pattern(/^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/, 'Mã đăng ký có dạng XXXX-XXXX-XXXX', 20)
        .transform((c) => c.toUpperCase()),
      /** The receipt certificate's fingerprint Sở KH&CN published, to check before trusting it. */
      fingerprint: text
        .pattern(/^[0-9A-Fa-f:\s]*$/, 'Dấu vân tay chỉ gồm chữ số thập lục phân', 200)
        .optional(),
    }),
    output: connectionSchema,
  }),
};
