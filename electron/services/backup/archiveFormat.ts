import { z } from 'zod';
import { backupReasonSchema, type BackupReason } from '../../../shared/api/backup.ts';

/**
 * One backup = one .tar.gz, readable by any tar tool for IT support:
 *   baocao.sqlite            the database, a consistent copy made with SQLite's backup API
 *   files/<store>/<path>     every file store of the data folder (attachments/, and whatever
 *                            folders later areas add: issued documents, signing material…)
 *   manifest.json            last, once every hash is known: versions, counts, each file's SHA-256
 */
export const FORMAT = 'baocao-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const DATABASE_ENTRY = 'baocao.sqlite';
export const FILES_PREFIX = 'files/';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const fileEntry = z.object({ path: z.string(), sha256, size: z.number().int().nonnegative() });

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string(),
  reason: backupReasonSchema,
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  organizationName: z.string().nullable(),
  database: fileEntry,
  /** Paths relative to the data folder, '/'-separated: attachments/ab/ab12… */
  files: z.array(fileEntry),
  /** Rows per table at the moment of the copy. */
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
});
export type Manifest = z.infer<typeof manifestSchema>;

const reasonSlug: Record<BackupReason, string> = {
  manual: 'thu-cong',
  daily: 'hang-ngay',
  'before-migration': 'truoc-nang-cap-du-lieu',
  'before-update': 'truoc-cap-nhat',
  'before-restore': 'truoc-khoi-phuc',
};
const slugReason = Object.fromEntries(Object.entries(reasonSlug).map(([r, s]) => [s, r])) as Record<
  string,
  BackupReason
>;

/** baocao-20260205T070512.123Z-hang-ngay.tar.gz — UTC to the millisecond, so names sort by time. */
export function archiveFileName(createdAt: Date, reason: BackupReason, n = 0): string {
  const stamp = createdAt.toISOString().replace(/[-:]/g, '');
  return `baocao-${stamp}${n > 0 ? `-${n}` : ''}-${reasonSlug[reason]}.tar.gz`;
}

const NAME = /^baocao-(\d{8}T\d{6}\.\d{3}Z)(?:-(\d+))?-([a-z-]+)\.tar\.gz$/;

export function parseArchiveFileName(
  name: string,
): { createdAt: string; reason: BackupReason; n: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const reason = slugReason[m[3]!];
  if (!reason) return null;
  const s = m[1]!;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13)}`;
  if (Number.isNaN(Date.parse(iso))) return null;
  return { createdAt: iso, reason, n: Number(m[2] ?? 0) };
}

/** A store-relative path we are willing to write: plain segments, nothing hidden, no way out. */
export function isSafeRelativePath(p: string): boolean {
  if (p.length === 0 || p.length > 400 || p.startsWith('/') || p.includes('\\')) return false;
  return p.split('/').every((seg) => /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/.test(seg) && seg !== '..');
}
