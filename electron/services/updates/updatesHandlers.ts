import type { UpdateStatus } from '../../../shared/api/updates.ts';
import type { Handlers } from '../context.ts';

/** What the desktop's updater offers the services; see electron/updater.ts and updateController.ts. */
export interface UpdatesPort {
  status(): UpdateStatus;
  install(): Promise<{ started: boolean; message: string }>;
}

export function createUpdatesHandlers(
  port: UpdatesPort | undefined,
  currentVersion: string,
): Pick<Handlers, 'updates.status' | 'updates.install'> {
  return {
    'updates.status': () =>
      port?.status() ?? {
        state: 'disabled',
        currentVersion,
        availableVersion: null,
        message: null,
        lastCheckAt: null,
      },
    'updates.install': async () =>
      port ? port.install() : { started: false, message: 'Chế độ này không tự cập nhật.' },
  };
}
