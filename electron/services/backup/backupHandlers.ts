import { AppError } from '../../../shared/errors.ts';
import type { Handlers } from '../context.ts';
import type { BackupService } from './backupService.ts';

type BackupHandlers = Pick<
  Handlers,
  'backup.status' | 'backup.create' | 'backup.setFolder' | 'backup.inspect' | 'backup.restore'
>;

const noDataFolder = () =>
  new AppError('VALIDATION', 'Chế độ này không có thư mục dữ liệu nên không sao lưu, khôi phục được');

/**
 * `reopen` is the host's: it closes the store, puts the restored data in place and opens it again,
 * after this call has answered. Without a host (a bare in-memory store) there is nothing to reopen.
 */
export function createBackupHandlers(
  backup: BackupService | null,
  reopen: (() => void) | undefined,
): BackupHandlers {
  const need = () => {
    if (!backup) throw noDataFolder();
    return backup;
  };
  return {
    'backup.status': () => need().status(),
    'backup.create': async () => {
      const w = await need().create('manual');
      return { fileName: w.fileName, createdAt: w.createdAt, reason: w.reason, sizeBytes: w.sizeBytes };
    },
    'backup.setFolder': ({ folder }) => need().setFolder(folder),
    'backup.inspect': ({ fileName }) => need().inspect(fileName),
    'backup.restore': async ({ fileName }) => {
      const service = need();
      if (!reopen) throw new AppError('VALIDATION', 'Không khôi phục được khi ứng dụng chạy theo chế độ này');
      const result = await service.restore(fileName);
      reopen();
      return result;
    },
  };
}
