import type { UpdateStatus } from '../../../shared/api/updates.ts';
import type { Logger } from '../logging/logger.ts';
import type { UpdatesPort } from './updatesHandlers.ts';

/**
 * The parts of electron-updater's AppUpdater the controller drives. In the desktop app this is
 * `autoUpdater`; tests pass a real electron-updater updater pointed at a local server, so the
 * feed parsing, version comparison, download and SHA-512 check are electron-updater's own.
 */
export interface UpdaterParts {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{
    isUpdateAvailable: boolean;
    updateInfo: { version: string };
    cancellationToken?: { cancel(): void } | undefined;
  } | null>;
  downloadUpdate(cancellationToken?: unknown): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateControllerOptions {
  parts: UpdaterParts;
  currentVersion: string;
  /** The department's "Kết nối Sở KH&CN" server address, read at each check; null = not set. */
  serverAddress: () => string | null;
  /** Why restarting now would lose work (an upload in flight, a save being written); [] = free. */
  busyReasons: () => string[];
  /** A backup of the data before the installer runs; a failure stops the install. */
  backupBeforeInstall: () => Promise<void>;
  log: Logger;
  clock?: () => Date;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
  /** Office PCs stay on for days: look every 6 hours, spread a little so PCs do not all ask at once. */
  everyMs?: number;
  jitterMs?: number;
  firstDelayMs?: number;
  /** Longest wait for latest.yml, and for the whole download. */
  checkTimeoutMs?: number;
  downloadTimeoutMs?: number;
  random?: () => number;
}

export const READY_MESSAGE = 'Đã có phiên bản mới — Khởi động lại để cập nhật';

/** Why a check or a download failed, for the log (the user is never shown an updater error). */
export function classifyUpdateError(e: unknown): string {
  const err = e as { code?: string; statusCode?: number; message?: string };
  const text = `${err.code ?? ''} ${err.message ?? ''}`;
  if (err.code === 'TIMEOUT') return 'timeout';
  if (err.code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' || /\b404\b/.test(text)) return 'not-found';
  if (err.code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch/i.test(text)) return 'checksum';
  if (
    err.code === 'ERR_UPDATER_INVALID_UPDATE_INFO' ||
    err.code === 'ERR_UPDATER_INVALID_VERSION' ||
    err.code === 'ERR_UPDATER_NO_FILES_PROVIDED' ||
    /YAMLException|Cannot parse update info|No files provided|Cannot find .* in the latest release/i.test(
      text,
    )
  )
    return 'malformed';
  if (
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ENETUNREACH|EHOSTUNREACH|ETIMEDOUT|socket hang up/i.test(
      text,
    )
  )
    return 'offline';
  if (typeof err.statusCode === 'number') return `http-${err.statusCode}`;
  return 'other';
}

/** `<server>/updates/` — https only, except a server on this very machine (tests, a trial). */
export function updateFeedUrl(serverAddress: string | null): string | null {
  if (!serverAddress) return null;
  let url: URL;
  try {
    url = new URL(serverAddress.endsWith('/') ? serverAddress : `${serverAddress}/`);
  } catch {
    return null;
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) return null;
  url.search = '';
  url.hash = '';
  return new URL('updates/', url).href;
}

class Timeout extends Error {
  code = 'TIMEOUT';
}

/**
 * When to check, what to tell the user, what to do on each error. The server being unreachable is
 * normal for a department PC: every failure is logged and the next check comes as scheduled.
 */
export function createUpdateController(o: UpdateControllerOptions): UpdatesPort & {
  start(): void;
  stop(): void;
  checkNow(): Promise<void>;
} {
  const t = o.timers ?? { setTimeout, clearTimeout };
  const clock = o.clock ?? (() => new Date());
  const random = o.random ?? Math.random;
  const every = o.everyMs ?? 6 * 60 * 60 * 1000;
  const jitter = o.jitterMs ?? 30 * 60 * 1000;
  const log = o.log;
  o.parts.autoDownload = false; // we download ourselves, under a time limit
  o.parts.autoInstallOnAppQuit = false; // never install without the backup below
  o.parts.allowDowngrade = false; // a release is withdrawn by publishing a higher version

  let state: UpdateStatus['state'] = 'idle';
  let availableVersion: string | null = null;
  let lastCheckAt: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;

  const within = <T>(p: Promise<T>, ms: number, onTimeout?: () => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const h = t.setTimeout(() => {
        onTimeout?.();
        reject(new Timeout(`no answer within ${ms} ms`));
      }, ms);
      p.then(
        (v) => {
          t.clearTimeout(h);
          resolve(v);
        },
        (e: unknown) => {
          t.clearTimeout(h);
          reject(e);
        },
      );
    });

  const check = async () => {
    const feed = updateFeedUrl(o.serverAddress());
    if (!feed) {
      state = 'disabled';
      return;
    }
    state = 'checking';
    lastCheckAt = clock().toISOString();
    let phase = 'check';
    try {
      o.parts.setFeedURL({ provider: 'generic', url: feed });
      const result = await within(o.parts.checkForUpdates(), o.checkTimeoutMs ?? 60_000);
      if (!result?.isUpdateAvailable) {
        state = 'idle';
        log.info('no newer version', {
          current: o.currentVersion,
          latest: result?.updateInfo.version ?? null,
        });
        return;
      }
      phase = 'download';
      state = 'downloading';
      const version = result.updateInfo.version;
      log.info('downloading update', { from: o.currentVersion, to: version });
      const token = result.cancellationToken;
      await within(o.parts.downloadUpdate(token), o.downloadTimeoutMs ?? 30 * 60_000, () => token?.cancel());
      availableVersion = version;
      state = 'ready';
      log.info('update downloaded and verified', { version });
    } catch (e) {
      state = 'idle';
      availableVersion = null;
      log.warn(`update ${phase} failed: ${classifyUpdateError(e)}`, e);
    }
  };

  const schedule = (ms: number) => {
    timer = t.setTimeout(() => {
      void checkNow().finally(() => schedule(every + Math.round((random() - 0.5) * 2 * jitter)));
    }, ms);
    (timer as { unref?: () => void }).unref?.();
  };

  const checkNow = (): Promise<void> => {
    if (state === 'ready' || state === 'installing') return Promise.resolve();
    running ??= check().finally(() => (running = null));
    return running;
  };

  return {
    start: () => schedule(o.firstDelayMs ?? 30_000),
    stop: () => {
      if (timer) t.clearTimeout(timer);
    },
    checkNow,
    status: () => ({
      state,
      currentVersion: o.currentVersion,
      availableVersion,
      message: state === 'ready' ? READY_MESSAGE : state === 'installing' ? 'Đang cập nhật…' : null,
      lastCheckAt,
    }),
    async install() {
      if (state !== 'ready') return { started: false, message: 'Chưa có bản cập nhật nào tải xong.' };
      const busy = o.busyReasons();
      if (busy.length > 0) {
        return {
          started: false,
          message: `Chưa khởi động lại được vì ${busy.join('; ')}. Hãy thử lại khi xong.`,
        };
      }
      state = 'installing';
      try {
        await o.backupBeforeInstall();
      } catch (e) {
        state = 'ready';
        log.error('backup before update failed; not installing', e);
        return {
          started: false,
          message:
            'Không sao lưu được dữ liệu trước khi cập nhật nên chưa cập nhật. Hãy kiểm tra thư mục sao lưu.',
        };
      }
      // Busy again while the backup ran (an upload started)? Then wait for the next click.
      const late = o.busyReasons();
      if (late.length > 0) {
        state = 'ready';
        return {
          started: false,
          message: `Chưa khởi động lại được vì ${late.join('; ')}. Hãy thử lại khi xong.`,
        };
      }
      log.info('installing update', { version: availableVersion });
      // After this call has answered the window, so the renderer hears "đang khởi động lại".
      t.setTimeout(() => o.parts.quitAndInstall(false, true), 200);
      return { started: true, message: 'Đang khởi động lại để cập nhật…' };
    },
  };
}
