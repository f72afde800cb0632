import type { Logger } from '../logging/logger.ts';
import { ensureWritableDataDir } from './checkDataDir.ts';
import { describeStartupFailure, type StartupFailure } from './startupFailure.ts';

/**
 * The part of the desktop's start-up that Electron does not own, so that it runs (and is tested)
 * under plain Node: check the data folder, open the services, and when that fails show the person
 * what happened until they choose "Thoát" — never an unhandled rejection with no window.
 * main.ts injects the dialog, the clipboard and app.exit; `npm run web` prints instead.
 */
export interface StartupUi {
  /** Shows the failure with "Sao chép chi tiết lỗi" and "Thoát"; resolves with the choice. */
  showFailure(failure: StartupFailure): Promise<'copy' | 'quit'>;
  copy(text: string): void;
  quit(exitCode: number): void;
}

export interface StartOptions<T> {
  dataDir: string;
  appVersion: string;
  open: () => Promise<T>;
  ui: StartupUi;
  log?: Pick<Logger, 'error'>;
}

/** The opened services, or null after the failure was shown and quit was called. */
export async function startServices<T>(options: StartOptions<T>): Promise<T | null> {
  try {
    ensureWritableDataDir(options.dataDir);
    return await options.open();
  } catch (error) {
    const failure = describeStartupFailure(error, options);
    try {
      options.log?.error(`start-up failed: ${failure.kind}`, error);
    } catch {
      // The log lives in the data folder that may be what failed.
    }
    // "Sao chép chi tiết lỗi" copies and shows the dialog again; only "Thoát" ends it.
    while ((await options.ui.showFailure(failure)) === 'copy') options.ui.copy(failure.details);
    options.ui.quit(1);
    return null;
  }
}
