import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { Logger } from './services/logging/logger.ts';
import { createUpdateController } from './services/updates/updateController.ts';
import type { UpdatesPort } from './services/updates/updatesHandlers.ts';

export interface DesktopUpdateOptions {
  log: Logger;
  busyReasons: () => string[];
  backupBeforeInstall: () => Promise<void>;
  /** The Sở KH&CN server this computer is enrolled with ("Kết nối Sở KH&CN"), or null. */
  serverAddress: () => string | null;
}

/**
 * The Electron side of updates: electron-updater's autoUpdater, driven by the Node-testable
 * controller. The feed is `<server>/updates/` on the department's Sở KH&CN server: the one this
 * computer enrolled with in "Kết nối Sở KH&CN", else BAOCAO_SERVER_URL (set by the installer's IT
 * or a shortcut); with neither, updates are off and the app works as before.
 * On Windows, electron-updater also checks that the installer is signed by `publisherName`.
 */
export function startUpdateChecks(o: DesktopUpdateOptions): UpdatesPort | undefined {
  if (!app.isPackaged) return undefined;
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = {
    info: (m: unknown) => o.log.debug(String(m)),
    warn: (m: unknown) => o.log.warn(String(m)),
    error: (m: unknown) => o.log.warn(String(m)),
  };
  // Errors also arrive as events; the controller logs them where it awaits, so nothing more here.
  autoUpdater.on('error', () => undefined);
  const controller = createUpdateController({
    parts: autoUpdater,
    currentVersion: app.getVersion(),
    serverAddress: () => o.serverAddress() ?? process.env.BAOCAO_SERVER_URL ?? null,
    busyReasons: o.busyReasons,
    backupBeforeInstall: o.backupBeforeInstall,
    log: o.log,
  });
  controller.start();
  return controller;
}
