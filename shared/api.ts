import { z } from 'zod';
import { documentsApi } from './api/documents.ts';
import { empty, fileSchema, method, ok, TIME_LIMITS } from './api/method.ts';
import { workflowApi } from './api/workflow.ts';
import { text } from './text.ts';
import { sessionsApi } from './api/sessions.ts';
import { auditApi } from './api/audit.ts';
import { signingApi } from './api/signing.ts';
import { backupApi } from './api/backup.ts';
import { logsApi } from './api/logs.ts';
import { updatesApi } from './api/updates.ts';
import { sokhcnApi } from './api/sokhcn.ts';
import { outboxApi } from './api/outbox.ts';
import { versionsApi } from './api/versions.ts';
import { draftsApi } from './api/drafts.ts';
import { lettersApi } from './api/letters.ts';
import {
  newUserSchema,
  organizationSchema,
  passwordSchema,
  setupSchema,
  userSchema,
  userUpdateSchema,
  usernameSchema,
} from './domain/organization/schemas.ts';
import { agencyTypeSchema } from './domain/catalog/schema.ts';
import { homeSchema } from './api/home.ts';
import {
  documentMetaSchema,
  saveRequestFields,
  saveResultSchema,
  versionSchema,
} from './domain/documents/documentMeta.ts';
import { planContentSchema } from './domain/plans/planContent.ts';
import { reportKindSchema, reportPeriodSchema } from './domain/periods/reportPeriods.ts';
import { attachmentSchema, reportContentSchema } from './domain/reports/reportContent.ts';

/**
 * THE contract between renderer and main: every call, its access rule and its input/output
 * schemas. Preload, IPC registration, the web host and the renderer client are all generated from
 * this table; adding a feature means adding an entry (here, or in the area's table under
 * shared/api/ spread in below) and a handler in electron/services.
 */
const planDocumentSchema = z.object({ meta: documentMetaSchema, content: planContentSchema });
const reportDocumentSchema = z.object({
  meta: documentMetaSchema,
  content: reportContentSchema,
  attachments: z.array(attachmentSchema),
});
const timelinessSchema = z.object({
  timeliness: z.enum(['on_time', 'due_soon', 'late', 'sent', 'not_owed']),
  daysLeft: z.number().int(),
});
const changeSchema = z.object({
  area: z.enum(['indicator', 'task', 'section', 'activity', 'period']),
  label: z.string(),
  before: z.string(),
  after: z.string(),
  pieces: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })).optional(),
});
const documentRef = z.object({ id: text.id() });
/** One evidence file of one report. */
const attachmentRef = z.object({
  documentId: text.id(),
  sha256: text.pattern(/^[0-9a-f]{64}$/, 'Mã tệp không hợp lệ'),
});
const importFileSchema = z.object({
  id: text.id(),
  fileName: text.name(255).trim().min(1, 'Tên tệp không được để trống'),
  /** Base64 of the uploaded spreadsheet; size and row limits are checked on the decoded bytes. */
  dataBase64: text.base64(30_000_000),
});
/** One problem of an import, where a person can find it: sheet row, column, the value, why. */
const importProblemSchema = z.object({
  row: z.number().int().nullable(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
const importPreviewSchema = z.object({
  sheet: z.string(),
  rowsRead: z.number().int(),
  changes: z.array(
    z.object({ row: z.number().int(), label: z.string(), before: z.string(), after: z.string() }),
  ),
  problems: z.array(importProblemSchema),
  /** True when there are changes and no problems: "Áp dụng" may be offered. */
  canApply: z.boolean(),
});

export const api = {
  ...signingApi,
  'app.status': method({
    access: 'public',
    readOnly: true,
    input: empty,
    output: z.object({
      setUp: z.boolean(),
      user: userSchema.nullable(),
      organization: organizationSchema.nullable(),
      agencyTypes: z.array(agencyTypeSchema),
    }),
  }),
  'setup.complete': method({ access: 'public', input: setupSchema, output: userSchema }),
  'auth.login': method({
    access: 'public',
    input: z.object({ username: usernameSchema, password: text.secret(128).min(1, 'Chưa nhập mật khẩu') }),
    output: userSchema,
  }),
  'auth.logout': method({ access: 'public', input: empty, output: ok }),
  'auth.changePassword': method({
    access: 'user',
    input: z.object({
      currentPassword: text.secret(128).min(1, 'Chưa nhập mật khẩu hiện tại'),
      newPassword: passwordSchema,
    }),
    output: ok,
  }),
  'home.get': method({ access: 'user', readOnly: true, input: empty, output: homeSchema }),
  'organization.update': method({
    access: 'settings.manage',
    input: organizationSchema,
    output: organizationSchema,
  }),
  'users.list': method({ access: 'users.manage', readOnly: true, input: empty, output: z.array(userSchema) }),
  'users.create': method({ access: 'users.manage', input: newUserSchema, output: userSchema }),
  'users.update': method({ access: 'users.manage', input: userUpdateSchema, output: userSchema }),

  // The department's implementation plan: one per provincial plan.
  'plans.get': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: planDocumentSchema.nullable(),
  }),
  'plans.create': method({ access: 'drafts.edit', input: empty, output: planDocumentSchema }),
  'plans.save': method({
    access: 'drafts.edit',
    input: z.object({ ...saveRequestFields, content: planContentSchema }),
    output: saveResultSchema,
  }),

  // Periodic and ad hoc reports.
  'reports.list': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.array(
      z.object({ meta: documentMetaSchema, period: reportPeriodSchema, status: timelinessSchema }),
    ),
  }),
  'reports.propose': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.array(z.object({ period: reportPeriodSchema, status: timelinessSchema })),
  }),
  'reports.create': method({
    access: 'drafts.edit',
    input: z.discriminatedUnion('kind', [
      z.object({
        kind: reportKindSchema.exclude(['adhoc']),
        year: z.number().int().min(2025).max(2100),
        month: z.number().int().min(1).max(12).nullable(),
        fromPrevious: z.boolean(),
      }),
      z.object({
        kind: z.literal('adhoc'),
        title: text.name(300).trim().min(1, 'Tiêu đề báo cáo đột xuất không được để trống'),
        deadline: text.pattern(/^\d{4}-\d{2}-\d{2}$/, 'Hạn gửi phải là một ngày'),
        from: text.pattern(/^\d{4}-\d{2}-\d{2}$/, 'Từ ngày phải là một ngày'),
        to: text.pattern(/^\d{4}-\d{2}-\d{2}$/, 'Đến ngày phải là một ngày'),
        fromPrevious: z.boolean(),
      }),
    ]),
    output: reportDocumentSchema,
  }),
  'reports.get': method({ access: 'user', readOnly: true, input: documentRef, output: reportDocumentSchema }),
  'reports.save': method({
    access: 'drafts.edit',
    input: z.object({ ...saveRequestFields, content: reportContentSchema }),
    output: saveResultSchema,
  }),
  // Versions of either kind of document.
  'documents.versions': method({
    access: 'user',
    readOnly: true,
    input: documentRef,
    output: z.array(versionSchema),
  }),
  'documents.diff': method({
    access: 'user',
    readOnly: true,
    input: z.object({
      id: text.id(),
      from: z.number().int().positive(),
      /** A version number, or null for the document as it is now. */
      to: z.number().int().positive().nullable(),
    }),
    output: z.array(changeSchema),
  }),

  // Evidence files of a report, stored under their SHA-256.
  'attachments.add': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'drafts.edit',
    input: z.object({
      documentId: text.id(),
      name: text.name(255).trim().min(1, 'Tên tệp không được để trống'),
      /** Base64 of the file's bytes; the size limit is checked on the decoded bytes. */
      dataBase64: text.base64(30_000_000),
    }),
    output: attachmentSchema,
  }),
  'attachments.remove': method({
    access: 'drafts.edit',
    input: attachmentRef,
    output: ok,
  }),
  'attachments.get': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'user',
    readOnly: true,
    input: attachmentRef,
    output: attachmentSchema.extend({ dataBase64: z.string() }),
  }),

  // Official documents (Nghị định 30/2020): the .docx and the PDF of a plan or report.
  ...documentsApi,

  // Spreadsheets: formatted export, the blank import template, and import with a dry run first.
  'spreadsheets.export': method({
    timeLimitMs: TIME_LIMITS.file,
    cancellable: true,
    access: 'user',
    readOnly: true,
    input: z.object({ id: text.id(), what: z.enum(['document', 'template']) }),
    output: fileSchema,
  }),
  'spreadsheets.previewImport': method({
    timeLimitMs: TIME_LIMITS.file,
    cancellable: true,
    access: 'drafts.edit',
    input: importFileSchema,
    output: importPreviewSchema,
  }),
  'spreadsheets.applyImport': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'drafts.edit',
    input: importFileSchema.extend({ baseRevision: z.number().int().nonnegative() }),
    output: z.object({ applied: z.number().int(), revision: z.number().int(), savedAt: z.string() }),
  }),

  ...workflowApi,
  ...sessionsApi,
  ...auditApi,
  ...logsApi,
  ...backupApi,
  ...updatesApi,
  ...sokhcnApi,
  ...outboxApi,
  ...versionsApi,
  ...draftsApi,
  ...lettersApi,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<K extends MethodName> = z.input<Api[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Api[K]['input']>;
export type MethodOutput<K extends MethodName> = z.output<Api[K]['output']>;
export const methodNames = Object.keys(api) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/** The IPC channel of a method: one per method so the main process can check each call. */
export const ipcChannel = (name: MethodName) => `baocao:${name}`;
