import { z } from 'zod';
import { text } from '../text.ts';
import { empty, method, TIME_LIMITS } from './method.ts';

/**
 * "Sao lưu" / "Khôi phục" under Settings. An archive is named by the list below (a file in the
 * backup folder), never by a path the renderer makes up: to restore on a new PC, copy the archive
 * into a folder and point "Thư mục sao lưu" at it.
 */
export const backupReasonSchema = z.enum([
  'manual',
  'daily',
  'before-migration',
  'before-update',
  'before-restore',
]);
export type BackupReason = z.infer<typeof backupReasonSchema>;

export const backupReasonLabels: Record<BackupReason, string> = {
  manual: 'Sao lưu thủ công',
  daily: 'Sao lưu hằng ngày',
  'before-migration': 'Trước khi nâng cấp dữ liệu',
  'before-update': 'Trước khi cập nhật phiên bản',
  'before-restore': 'Trước khi khôi phục',
};

const archiveName = text
  .pattern(/^[A-Za-z0-9._-]*$/, 'Tên bản sao lưu không hợp lệ', 200)
  .min(1, 'Chưa chọn bản sao lưu');

export const backupEntrySchema = z.object({
  fileName: z.string(),
  createdAt: z.string(),
  reason: backupReasonSchema,
  sizeBytes: z.number().int().nonnegative(),
});

export const backupStatusSchema = z.object({
  folder: z.string(),
  defaultFolder: z.string(),
  isDefaultFolder: z.boolean(),
  keep: z.number().int(),
  lastBackupAt: z.string().nullable(),
  /** Newest first. */
  backups: z.array(backupEntrySchema),
});

export const backupSummarySchema = z.object({
  fileName: z.string(),
  createdAt: z.string(),
  reason: backupReasonSchema,
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  organizationName: z.string().nullable(),
  documents: z.number().int(),
  files: z.number().int(),
  sizeBytes: z.number().int(),
});

export const backupApi = {
  'backup.status': method({
    access: 'settings.manage',
    readOnly: true,
    input: empty,
    output: backupStatusSchema,
  }),
  'backup.create': method({
    timeLimitMs: TIME_LIMITS.dataFolder,
    access: 'settings.manage',
    input: empty,
    output: backupEntrySchema,
  }),
  'backup.setFolder': method({
    access: 'settings.manage',
    input: z.object({
      /** An absolute folder, preferably on another disk; null goes back to the default. */
      folder: text.name(1000).trim().min(1, 'Chưa nhập thư mục sao lưu').nullable(),
    }),
    output: backupStatusSchema,
  }),
  /** Opens and checks an archive completely, changing nothing: what "Khôi phục" would bring back. */
  'backup.inspect': method({
    timeLimitMs: TIME_LIMITS.dataFolder,
    access: 'settings.manage',
    readOnly: true,
    input: z.object({ fileName: archiveName }),
    output: backupSummarySchema,
  }),
  /**
   * Checks the archive again, backs up the current data, then replaces it. The services reopen on
   * the restored data once this call has answered: the renderer reloads and everyone logs in again.
   */
  'backup.restore': method({
    timeLimitMs: TIME_LIMITS.dataFolder,
    access: 'settings.manage',
    input: z.object({ fileName: archiveName }),
    output: z.object({ restored: backupSummarySchema, safetyBackup: z.string() }),
  }),
} as const;
