import { z } from 'zod';
import { text } from '../../text.ts';

export const documentKindSchema = z.enum(['plan', 'report', 'letter']);
export type DocumentKind = z.infer<typeof documentKindSchema>;

/** The states of shared/domain/workflow/transitions.ts; delivery to Sở KH&CN is tracked apart. */
export const documentStatusSchema = z.enum(['draft', 'submitted', 'returned', 'approved', 'issued']);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

export const documentStatusLabels: Record<DocumentStatus, string> = {
  draft: 'Đang soạn',
  submitted: 'Chờ duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
  issued: 'Đã ban hành',
};

/** Identity and state of a stored plan or report; `revision` grows by one with every save. */
export const documentMetaSchema = z.object({
  id: z.string(),
  kind: documentKindSchema,
  catalogId: z.string(),
  title: z.string(),
  status: documentStatusSchema,
  revision: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** The latest issue, if the document was ever issued (it may be a draft again, being amended). */
  issued: z
    .object({ issueNo: z.number().int().positive(), number: z.string(), issuedOn: z.string() })
    .nullable(),
});
export type DocumentMeta = z.infer<typeof documentMetaSchema>;

/** A save from an editor: the revision it started from (conflict check) and its editing session. */
export const saveRequestFields = {
  id: text.id(),
  baseRevision: z.number().int().nonnegative(),
  /** One per opened editor: every session leaves one immutable version behind. */
  editSession: text.pattern(/^[A-Za-z0-9_-]{8,64}$/, 'Mã phiên soạn thảo không hợp lệ'),
};

export const saveResultSchema = z.object({ revision: z.number().int(), savedAt: z.string() });

export const versionSchema = z.object({
  versionNo: z.number().int().positive(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  userName: z.string(),
});
export type Version = z.infer<typeof versionSchema>;
