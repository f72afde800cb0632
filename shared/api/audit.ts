import { z } from 'zod';
import { auditGroupKeys } from '../domain/audit/auditLabels.ts';
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

/** A page of "Nhật ký hoạt động" holds at most this many entries. */
export const AUDIT_PAGE_MAX = 200;

/** A civil day in Vietnam, yyyy-mm-dd (DateField's value). */
const vietnamDay = text.pattern(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng ngày/tháng/năm');

export const auditListInputSchema = z
  .object({
    /** The "Thao tác" filter: a group of actions (auditGroups). */
    group: z.enum(auditGroupKeys).optional(),
    /** "Người thực hiện". */
    userId: text.id().optional(),
    /** "Từ ngày" / "Đến ngày", both included, as days in Vietnam (UTC+7). */
    from: vietnamDay.optional(),
    to: vietnamDay.optional(),
    /** The page after the one shown: entries with a smaller seq (the previous answer's nextCursor). */
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
  })
  .strict()
  .refine((i) => !i.from || !i.to || i.from <= i.to, {
    message: 'Từ ngày phải trước hoặc cùng ngày với Đến ngày',
    path: ['to'],
  });

export const auditListEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** Null for an entry made by no one logged in (a failed login with an unknown name). */
  userFullName: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  /** The action in Vietnamese; its code when unknown. */
  label: z.string(),
  /** One line built from the entry's detail; null when there is nothing to add. */
  summary: z.string().nullable(),
});
export type AuditListEntry = z.infer<typeof auditListEntrySchema>;

export const auditApi = {
  /** "Nhật ký hoạt động": entries newest first, a page at a time; reading never touches the chain. */
  'audit.list': method({
    access: 'users.manage',
    readOnly: true,
    input: auditListInputSchema,
    output: z.object({
      entries: z.array(auditListEntrySchema),
      /** Pass as `before` for the next page; null on the last page. */
      nextCursor: z.number().int().nullable(),
    }),
  }),
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
