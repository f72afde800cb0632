import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_BACKUP_FOLDER, writeFileAtomically } from './dataFolder.ts';

/**
 * Where backups go belongs to this PC (another disk, a network share), not to the department's
 * records, so it lives in a small file beside the database and does not travel in a backup.
 */
const SETTINGS_FILE = 'backup-settings.json';
const settingsSchema = z.object({ folder: z.string().nullable() });

export const defaultBackupFolder = (dataDir: string) => path.join(dataDir, DEFAULT_BACKUP_FOLDER);

export function readBackupFolder(dataDir: string): string {
  try {
    const s = settingsSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8')));
    if (s.folder) return s.folder;
  } catch {
    /* absent or unreadable: the default */
  }
  return defaultBackupFolder(dataDir);
}

const isInside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Checks the folder can take backups (creating it if needed) and remembers it; null = default. */
export function setBackupFolder(dataDir: string, folder: string | null): string {
  if (folder !== null) {
    if (!path.isAbsolute(folder)) {
      throw new AppError(
        'VALIDATION',
        'Thư mục sao lưu: hãy nhập đường dẫn đầy đủ, ví dụ D:\\SaoLuu\\BaoCao',
      );
    }
    const resolved = path.resolve(folder);
    if (
      isInside(resolved, path.resolve(dataDir)) &&
      resolved !== defaultBackupFolder(path.resolve(dataDir))
    ) {
      throw new AppError(
        'VALIDATION',
        'Thư mục sao lưu: hãy chọn một thư mục nằm ngoài thư mục dữ liệu, tốt nhất trên một ổ đĩa khác',
      );
    }
    probeWritable(resolved);
    folder = resolved;
  }
  writeFileAtomically(path.join(dataDir, SETTINGS_FILE), JSON.stringify({ folder }, null, 2));
  return readBackupFolder(dataDir);
}

function probeWritable(folder: string) {
  try {
    fs.mkdirSync(folder, { recursive: true });
    const probe = path.join(folder, `.baocao-probe-${randomUUID()}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (e) {
    throw new AppError(
      'VALIDATION',
      `Thư mục sao lưu: không ghi được vào "${folder}" (${(e as NodeJS.ErrnoException).code ?? 'lỗi'}). Hãy kiểm tra ổ đĩa và quyền ghi.`,
    );
  }
}
