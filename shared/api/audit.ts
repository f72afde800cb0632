import { z } from 'zod';
import { text } from '../text.ts';
import { empty, method, TIME_LIMITS } from './method.ts';

/** The head of the audit chain: kept in backups and in packages sent to Sở KH&CN. */
export const auditAnchorSchema = z.object({
  headHash: text.pattern(/^[0-9a-f]{64}$/, 'Mã băm phải gồm 64 chữ số hệ 16 viết thường'),
  entryCount: z.number().int().nonnegative(),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

/** One integrity check: ok, or the first broken entry (seq, time, action) and what is wrong. */
export const auditCheckSchema = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  /** The chain's head now, whatever the result. */
  anchor: auditAnchorSchema,
  broken: z
    .object({
      seq: z.number().int().nullable(),
      at: z.string().nullable(),
      action: z.string().nullable(),
      problem: z.string(),
    })
    .nullable(),
});
export type AuditCheck = z.infer<typeof auditCheckSchema>;

export const auditApi = {
  /** The last check: made at start and by every "Kiểm tra toàn vẹn". */
  'audit.status': method({
    access: 'settings.manage',
    readOnly: true,
    input: empty,
    output: auditCheckSchema,
  }),
  /** "Kiểm tra toàn vẹn": the whole chain now, and against an anchor from a backup or a package if given. */
  'audit.verify': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'settings.manage',
    input: z.object({ anchor: auditAnchorSchema.optional() }).strict(),
    output: auditCheckSchema,
  }),
};
