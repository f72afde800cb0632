import type { Logger } from '../logging/logger.ts';

/**
 * After start-up, an error nobody caught in the main process, or a window whose renderer died, is
 * logged and then shown to the person with a choice to reload the window or quit — never a silent
 * exit and never a white window. Electron's dialog, reload and exit are injected by main.ts.
 */
export interface CrashReport {
  title: string;
  message: string;
  /** For "Sao chép chi tiết lỗi": the error's name, message and stack; never user data. */
  details: string;
}

export interface CrashUi {
  showCrash(report: CrashReport): Promise<'reload' | 'copy' | 'quit'>;
  copy(text: string): void;
  reload(): void;
  quit(exitCode: number): void;
}

export interface RendererGone {
  reason: string;
  exitCode: number;
}

interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

const errorText = (e: unknown) =>
  e instanceof Error
    ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 10).join('\n')}`
    : String(e);

export function installCrashHandlers(
  target: ProcessEvents,
  options: { log: Pick<Logger, 'error'>; ui: CrashUi; appVersion: string },
) {
  const { log, ui } = options;
  // One dialog at a time: a burst of errors from the same bug shows once.
  let showing = false;
  const show = async (report: CrashReport) => {
    if (showing) return;
    showing = true;
    try {
      let choice: 'reload' | 'copy' | 'quit';
      while ((choice = await ui.showCrash(report)) === 'copy') ui.copy(report.details);
      if (choice === 'reload') ui.reload();
      else ui.quit(1);
    } catch (e) {
      // The dialog itself failed: quitting with the error logged beats hanging without a window.
      log.error('crash dialog failed', e);
      ui.quit(1);
    } finally {
      showing = false;
    }
  };
  const report = (what: string, error: unknown): CrashReport => ({
    title: 'BaoCao gặp lỗi không mong muốn',
    message:
      'Thao tác đang làm có thể chưa hoàn tất. Dữ liệu đã lưu vẫn còn nguyên. Hãy tải lại cửa sổ; nếu lỗi lặp lại, hãy sao chép chi tiết lỗi gửi bộ phận hỗ trợ.',
    details: `BaoCao ${options.appVersion} — ${what}, ${new Date().toISOString()}\n${errorText(error)}`,
  });

  target.on('uncaughtException', (error) => {
    log.error('uncaught exception in the main process', error);
    void show(report('lỗi không được xử lý trong tiến trình chính', error));
  });
  target.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection in the main process', reason);
    void show(report('lời hứa bị từ chối không được xử lý', reason));
  });

  return {
    /** webContents 'render-process-gone': anything but a clean exit is a crash to show. */
    rendererGone(details: RendererGone) {
      if (details.reason === 'clean-exit') return;
      log.error('renderer process gone', details);
      void show({
        title: 'Cửa sổ BaoCao đã dừng đột ngột',
        message:
          details.reason === 'oom'
            ? 'Cửa sổ dùng hết bộ nhớ và đã dừng. Những gì đã lưu vẫn còn nguyên; hãy tải lại cửa sổ.'
            : 'Cửa sổ đã dừng đột ngột. Những gì đã lưu vẫn còn nguyên; hãy tải lại cửa sổ.',
        details: `BaoCao ${options.appVersion} — renderer: ${details.reason}, mã thoát ${details.exitCode}, ${new Date().toISOString()}`,
      });
    },
  };
}
