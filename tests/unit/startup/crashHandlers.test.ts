import { EventEmitter } from 'node:events';
import { expect, it, vi } from 'vitest';
import {
  installCrashHandlers,
  type CrashReport,
  type CrashUi,
} from '../../../electron/services/startup/crashHandlers.ts';

function setUp(choices: ('reload' | 'copy' | 'quit')[]) {
  const target = new EventEmitter();
  const shown: CrashReport[] = [];
  const done = { reload: vi.fn(), quit: vi.fn(), copy: vi.fn() };
  let release!: () => void;
  const dialogClosed = new Promise<void>((r) => (release = r));
  const ui: CrashUi = {
    showCrash: async (r) => {
      shown.push(r);
      const choice = choices.shift() ?? 'quit';
      if (choices.length === 0) release();
      return choice;
    },
    copy: done.copy,
    reload: done.reload,
    quit: done.quit,
  };
  const log = { error: vi.fn() };
  const handlers = installCrashHandlers(target, { log, ui, appVersion: '0.1.0' });
  return { target, shown, done, log, handlers, dialogClosed };
}

it('an uncaught exception is logged, shown once with its details, and "Tải lại" reloads', async () => {
  const { target, shown, done, log, dialogClosed } = setUp(['copy', 'reload']);
  const error = new TypeError("Cannot read properties of undefined (reading 'id')");
  target.emit('uncaughtException', error);
  // A second error from the same bug while the dialog is open does not stack another dialog.
  target.emit('unhandledRejection', new Error('lần hai'));
  await dialogClosed;
  await new Promise((r) => setImmediate(r));
  expect(log.error).toHaveBeenCalledWith('uncaught exception in the main process', error);
  expect(log.error).toHaveBeenCalledTimes(2);
  expect(shown).toHaveLength(2);
  expect(shown[0]!.title).toBe('BaoCao gặp lỗi không mong muốn');
  expect(shown[0]!.message).toMatch(/Dữ liệu đã lưu vẫn còn nguyên/);
  expect(done.copy).toHaveBeenCalledWith(expect.stringMatching(/TypeError: Cannot read properties/));
  expect(done.reload).toHaveBeenCalledOnce();
  expect(done.quit).not.toHaveBeenCalled();
});

it('an unhandled rejection offers to quit, and "Thoát" exits with 1 instead of dying silently', async () => {
  const { target, done, dialogClosed } = setUp(['quit']);
  target.emit('unhandledRejection', 'chuỗi lỗi');
  await dialogClosed;
  await new Promise((r) => setImmediate(r));
  expect(done.quit).toHaveBeenCalledWith(1);
});

it('a renderer that crashed is reported; one that exited cleanly is not', async () => {
  const { handlers, shown, done, log, dialogClosed } = setUp(['reload']);
  handlers.rendererGone({ reason: 'clean-exit', exitCode: 0 });
  expect(shown).toHaveLength(0);
  handlers.rendererGone({ reason: 'oom', exitCode: 9 });
  await dialogClosed;
  await new Promise((r) => setImmediate(r));
  expect(log.error).toHaveBeenCalledWith('renderer process gone', { reason: 'oom', exitCode: 9 });
  expect(shown[0]!.title).toBe('Cửa sổ BaoCao đã dừng đột ngột');
  expect(shown[0]!.message).toMatch(/hết bộ nhớ/);
  expect(done.reload).toHaveBeenCalledOnce();
});
