import { z } from 'zod';
import { documentMetaSchema, documentStatusSchema } from '../domain/documents/documentMeta.ts';
import { signerSchema } from '../domain/organization/letterhead.ts';
import { roleSchema } from '../domain/organization/roles.ts';
import { workflowActionSchema } from '../domain/workflow/transitions.ts';
import { text } from '../text.ts';
import { empty, fileSchema, method, ok, TIME_LIMITS } from './method.ts';
import { outboxItemSchema } from './outbox.ts';
import { identitySummarySchema, signingSecretSchema } from './signing.ts';

/**
 * The approval chain and the register (Nghị định 30/2020, Điều 13–17): gửi duyệt, rút lại, trả
 * lại, duyệt và ký, cấp số và ban hành, bản sửa đổi; the sổ văn bản đi and the frozen files of what
 * was issued. Every step is checked against shared/domain/workflow/transitions.ts in the service.
 */

const id = text.id();
const isoDate = text.pattern(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng ngày/tháng/năm');
const reason = (label: string) => text.multiline(2000).trim().describe(label);

export const commentAreaSchema = z.enum(['general', 'section', 'indicator', 'task', 'activity']);
export type CommentArea = z.infer<typeof commentAreaSchema>;

const newCommentSchema = z.object({
  area: commentAreaSchema,
  /** The section key, indicator code, task id or activity id the comment is about ('' for general). */
  key: text.pattern(/^[A-Za-z0-9._-]*$/, 'Mục được góp ý không hợp lệ'),
  text: text.multiline(2000).trim().min(1, 'Ý kiến không được để trống'),
});

export const transitionSchema = z.object({
  seq: z.number().int(),
  action: workflowActionSchema,
  fromStatus: documentStatusSchema,
  toStatus: documentStatusSchema,
  userName: z.string(),
  role: roleSchema,
  at: z.string(),
  versionNo: z.number().int(),
  reason: z.string(),
});

export const commentSchema = z.object({
  id: z.string(),
  /** The step (a 'return') the comment was sent with. */
  round: z.number().int(),
  area: commentAreaSchema,
  key: z.string(),
  text: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
});
export type ReviewComment = z.infer<typeof commentSchema>;

/**
 * What each frozen file of an issue is: the document (JSON, PDF, .docx, .xlsx), a copy of an
 * evidence attachment, the package manifest sent to Sở KH&CN and its signature.
 */
export const issuedFileRoleSchema = z.enum([
  'document',
  'pdf',
  'docx',
  'xlsx',
  'attachment',
  'manifest',
  'manifest-signature',
]);

export const issueSummarySchema = z.object({
  id: z.string(),
  issueNo: z.number().int(),
  number: z.string(),
  issuedOn: z.string(),
  issuedByName: z.string(),
  issuedAt: z.string(),
  signer: signerSchema,
  recipients: z.array(z.string()),
  amendReason: z.string().nullable(),
  packageId: z.string(),
  files: z.array(
    z.object({ role: issuedFileRoleSchema, name: z.string(), size: z.number().int(), sha256: z.string() }),
  ),
});
export type IssueSummary = z.infer<typeof issueSummarySchema>;

export const registerEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  number: z.string(),
  typeCode: z.string(),
  issuedOn: z.string(),
  summary: z.string(),
  signerName: z.string(),
  documentId: z.string(),
  issueId: z.string().nullable(),
  createdByName: z.string(),
  cancelledAt: z.string().nullable(),
  cancelledByName: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** The issued document the row links to (its PDF, or its .docx). */
  file: z.object({ sha256: z.string(), name: z.string() }).nullable(),
});
export type RegisterEntryView = z.infer<typeof registerEntrySchema>;

const inboxItemSchema = z.object({
  documentId: z.string(),
  kind: z.enum(['plan', 'report', 'letter']),
  title: z.string(),
  status: documentStatusSchema,
  /** What this user is asked to do with it. */
  task: z.enum(['review', 'issue', 'fix']),
  since: z.string(),
  byName: z.string(),
  reason: z.string(),
});

const issueInput = z.object({
  id,
  baseRevision: z.number().int().nonnegative(),
  issuedOn: isoDate,
  recipients: z
    .array(text.line(200).trim().min(1, 'Nơi nhận không được để trống'))
    .min(1, 'Nơi nhận phải có ít nhất một nơi')
    .max(30, 'Nơi nhận nhiều nhất 30 nơi'),
  /** Opens the organisation's digital signature, when it has one. */
  secret: signingSecretSchema.optional(),
});

const sha256 = text.pattern(/^[0-9a-f]{64}$/, 'Mã tệp không hợp lệ');

export const workflowApi = {
  'workflow.get': method({
    access: 'user',
    readOnly: true,
    input: z.object({ id }),
    output: z.object({
      meta: documentMetaSchema,
      /** The steps this user may take now. */
      allowed: z.array(workflowActionSchema),
      history: z.array(transitionSchema),
      comments: z.array(commentSchema),
      /** The version to compare against: the last one returned or approved, if any. */
      reviewBase: z
        .object({ versionNo: z.number().int(), action: workflowActionSchema, at: z.string() })
        .nullable(),
      issues: z.array(issueSummarySchema),
      /** Each issued package on its way to Sở KH&CN: queued, sent with its receipt, returned… */
      sending: z.array(outboxItemSchema),
      /** Who signs: the approving head once approved, otherwise who would sign now. */
      signer: signerSchema,
      /** Why this user may not approve it (they drafted it), when that is the case. */
      selfApproval: z.string().nullable(),
    }),
  }),
  'workflow.inbox': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.array(inboxItemSchema),
  }),
  /** Send for approval: refused with every problem listed while anything required is missing. */
  'workflow.submit': method({
    access: 'drafts.edit',
    input: z.object({ id, baseRevision: z.number().int().nonnegative() }),
    output: z.object({
      submitted: z.boolean(),
      issues: z.array(
        z.object({
          severity: z.enum(['error', 'incomplete']),
          path: z.array(z.union([z.string(), z.number()])),
          message: z.string(),
        }),
      ),
      meta: documentMetaSchema,
    }),
  }),
  'workflow.withdraw': method({ access: 'drafts.edit', input: z.object({ id }), output: documentMetaSchema }),
  'workflow.return': method({
    access: 'documents.approve',
    input: z.object({
      id,
      baseRevision: z.number().int().nonnegative(),
      reason: reason('Lý do trả lại'),
      comments: z.array(newCommentSchema).max(200, 'Nhiều nhất 200 ý kiến một lần'),
    }),
    output: documentMetaSchema,
  }),
  /** The PDF "Duyệt và ký" will sign, exactly: shown to the head before they approve. */
  'workflow.signingPreview': method({
    access: 'documents.approve',
    readOnly: true,
    timeLimitMs: TIME_LIMITS.file,
    input: z.object({ id, baseRevision: z.number().int().nonnegative() }),
    output: z.object({
      pdf: fileSchema,
      sha256: z.string(),
      /** The head's digital signature, or null: then the approval is for a signature on paper. */
      identity: identitySummarySchema.nullable(),
      hasSignatureImage: z.boolean(),
    }),
  }),
  'workflow.approve': method({
    timeLimitMs: TIME_LIMITS.person,
    access: 'documents.approve',
    input: z.object({
      id,
      baseRevision: z.number().int().nonnegative(),
      /** The SHA-256 of the PDF the head saw; any other bytes are refused. */
      pdfSha256: sha256.optional(),
      secret: signingSecretSchema.optional(),
    }),
    output: documentMetaSchema,
  }),
  'workflow.issue': method({
    timeLimitMs: TIME_LIMITS.person,
    access: 'documents.issue',
    input: issueInput,
    output: z.object({ meta: documentMetaSchema, issue: issueSummarySchema }),
  }),
  'workflow.amend': method({
    access: 'drafts.edit',
    input: z.object({ id, reason: reason('Lý do sửa đổi') }),
    output: documentMetaSchema,
  }),
  'workflow.resolveComment': method({
    access: 'drafts.edit',
    input: z.object({ id, resolved: z.boolean() }),
    output: ok,
  }),

  // Sổ văn bản đi.
  'register.list': method({
    access: 'user',
    readOnly: true,
    input: z.object({ year: z.number().int().min(2000).max(2100).nullable() }),
    output: z.object({
      year: z.number().int(),
      years: z.array(z.number().int()),
      entries: z.array(registerEntrySchema),
    }),
  }),
  /** The number "Ban hành" would give now, for the văn thư to see before issuing. */
  'register.propose': method({
    access: 'documents.issue',
    readOnly: true,
    input: z.object({ documentId: id, issuedOn: isoDate }),
    output: z.object({
      number: z.string(),
      earliestDate: z.string(),
      recipients: z.array(z.string()),
      /** The cơ quan's digital signature "Ban hành" applies, or null (then it is issued on paper). */
      organizationIdentity: identitySummarySchema.nullable(),
    }),
  }),
  'register.cancel': method({
    access: 'documents.issue',
    input: z.object({ id, reason: reason('Lý do hủy số') }),
    output: registerEntrySchema,
  }),
  'register.export': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'user',
    readOnly: true,
    input: z.object({ year: z.number().int().min(2000).max(2100) }),
    output: fileSchema,
  }),
  /** A frozen file of an issued document: the same bytes on every download. */
  'documents.issuedFile': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'user',
    input: z.object({ issueId: id, sha256 }),
    output: fileSchema,
  }),
};
