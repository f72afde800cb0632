import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  READY_MESSAGE,
  createUpdateController,
  updateFeedUrl,
} from '../../../electron/services/updates/updateController.ts';
import type { Logger } from '../../../electron/services/logging/logger.ts';
import { latestYml, realUpdater, sha512, startFeedServer } from './feedServer.ts';

const INSTALLER = Buffer.from('BaoCao 1.2.0 installer bytes '.repeat(2000));

function recordingLog() {
  const lines: { level: string; message: string }[] = [];
  const make = (): Logger => ({
    debug: (message) => lines.push({ level: 'debug', message }),
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
    child: () => make(),
  });
  return { log: make(), lines };
}

let feed: Awaited<ReturnType<typeof startFeedServer>>;
beforeEach(async () => {
  feed = await startFeedServer();
});
afterEach(async () => {
  await feed.close();
});

function controller(
  current = '1.1.0',
  extra: { busy?: string[]; backup?: () => Promise<void>; checkTimeoutMs?: number } = {},
) {
  const { updater, cacheDir } = realUpdater(current);
  const quitAndInstall = vi.fn();
  updater.quitAndInstall = quitAndInstall;
  const { log, lines } = recordingLog();
  const backup = vi.fn(extra.backup ?? (() => Promise.resolve()));
  const c = createUpdateController({
    parts: updater,
    currentVersion: current,
    serverAddress: () => feed.address,
    busyReasons: () => extra.busy ?? [],
    backupBeforeInstall: backup,
    log,
    checkTimeoutMs: extra.checkTimeoutMs ?? 1500,
    downloadTimeoutMs: 5000,
  });
  return { c, quitAndInstall, lines, backup, cacheDir };
}

const publish = (version: string, digest?: string) => {
  const file = `BaoCao-${version}.deb`;
  feed.routes.set('/updates/latest-linux.yml', {
    status: 200,
    body: latestYml(version, file, INSTALLER, digest),
  });
  feed.routes.set(`/updates/${file}`, { status: 200, body: INSTALLER });
  return file;
};
const warnings = (lines: { level: string; message: string }[]) =>
  lines.filter((l) => l.level === 'warn').map((l) => l.message);

describe('the updater against a local /updates/ feed with a real latest.yml', () => {
  it('a newer version is downloaded, verified, offered, and installed after a backup', async () => {
    const file = publish('1.2.0');
    const { c, quitAndInstall, backup, cacheDir } = controller('1.1.0');
    await c.checkNow();
    expect(c.status()).toMatchObject({ state: 'ready', availableVersion: '1.2.0', message: READY_MESSAGE });
    expect(feed.requests).toContain(`/updates/${file}`);
    const downloaded = fs.readdirSync(path.join(cacheDir, 'pending')).filter((f) => f.endsWith('.deb'));
    expect(downloaded).toEqual([file]);
    expect(fs.readFileSync(path.join(cacheDir, 'pending', file))).toEqual(INSTALLER);

    expect(await c.install()).toEqual({ started: true, message: 'Đang khởi động lại để cập nhật…' });
    expect(backup).toHaveBeenCalledTimes(1);
    expect(quitAndInstall).not.toHaveBeenCalled(); // the answer reaches the window first
    await new Promise((r) => setTimeout(r, 400));
    expect(quitAndInstall).toHaveBeenCalledWith(false, true);
    expect(backup.mock.invocationCallOrder[0]!).toBeLessThan(quitAndInstall.mock.invocationCallOrder[0]!);
  });

  it('never restarts over an upload in flight or a save being written', async () => {
    publish('1.2.0');
    const { c, quitAndInstall, backup } = controller('1.1.0', { busy: ['đang gửi báo cáo lên Sở KH&CN'] });
    await c.checkNow();
    const r = await c.install();
    expect(r.started).toBe(false);
    expect(r.message).toContain('đang gửi báo cáo lên Sở KH&CN');
    expect(backup).not.toHaveBeenCalled();
    expect(quitAndInstall).not.toHaveBeenCalled();
    expect(c.status().state).toBe('ready'); // still offered
  });

  it('does not install when the backup before it fails', async () => {
    publish('1.2.0');
    const { c, quitAndInstall, lines } = controller('1.1.0', {
      backup: () => Promise.reject(new Error('ENOSPC')),
    });
    await c.checkNow();
    const r = await c.install();
    expect(r).toMatchObject({ started: false });
    expect(r.message).toContain('Không sao lưu được');
    expect(quitAndInstall).not.toHaveBeenCalled();
    expect(lines.some((l) => l.level === 'error')).toBe(true);
  });

  it('the same version and an older one are not offered, and nothing is downloaded', async () => {
    for (const published of ['1.1.0', '1.0.9']) {
      const file = publish(published);
      const { c, lines } = controller('1.1.0');
      await c.checkNow();
      expect(c.status()).toMatchObject({ state: 'idle', availableVersion: null, message: null });
      expect(feed.requests).not.toContain(`/updates/${file}`);
      expect(warnings(lines)).toEqual([]);
    }
  });

  it('a wrong sha512 in latest.yml: downloaded, refused, logged, not offered', async () => {
    const file = publish('1.2.0', sha512(Buffer.from('another file')));
    const { c, lines, cacheDir } = controller('1.1.0');
    await c.checkNow();
    expect(feed.requests).toContain(`/updates/${file}`);
    expect(c.status()).toMatchObject({ state: 'idle', message: null });
    expect(warnings(lines)).toEqual(['update download failed: checksum']);
    const pending = path.join(cacheDir, 'pending');
    expect(fs.existsSync(pending) ? fs.readdirSync(pending).filter((f) => f.endsWith('.deb')) : []).toEqual(
      [],
    );
  });

  it('a malformed latest.yml, a 404 and a server that never answers are logged, never shown', async () => {
    const cases: [() => void, string][] = [
      [
        () =>
          feed.routes.set('/updates/latest-linux.yml', { status: 200, body: 'version: [1.2.0\nfiles: {{{' }),
        'check failed: malformed',
      ],
      [
        () => feed.routes.set('/updates/latest-linux.yml', { status: 200, body: 'version: 1.2.0\n' }),
        'failed: malformed',
      ],
      [() => feed.routes.delete('/updates/latest-linux.yml'), 'check failed: not-found'],
      [() => feed.routes.set('/updates/latest-linux.yml', 'hang'), 'check failed: timeout'],
    ];
    for (const [arrange, expected] of cases) {
      arrange();
      const { c, lines } = controller('1.1.0');
      await c.checkNow();
      expect(c.status()).toMatchObject({ state: 'idle', message: null });
      expect(warnings(lines).join(' | ')).toContain(expected);
    }
  });

  it('an unreachable server and no server configured leave the app working as before', async () => {
    publish('1.2.0');
    // electron-updater itself retries a refused connection three times (0 + 1 + 2 s).
    const { c, lines } = controller('1.1.0', { checkTimeoutMs: 10_000 });
    await feed.close();
    await c.checkNow();
    expect(c.status().state).toBe('idle');
    expect(warnings(lines)).toEqual(['update check failed: offline']);
    feed = await startFeedServer(); // for afterEach

    const { updater } = realUpdater('1.1.0');
    const none = createUpdateController({
      parts: updater,
      currentVersion: '1.1.0',
      serverAddress: () => null,
      busyReasons: () => [],
      backupBeforeInstall: async () => {},
      log: recordingLog().log,
    });
    await none.checkNow();
    expect(none.status().state).toBe('disabled');
    expect(await none.install()).toMatchObject({ started: false });
  });

  it('the feed is <server>/updates/, over https unless the server is on this machine', () => {
    expect(updateFeedUrl('https://so-khcn.bacninh.gov.vn')).toBe('https://so-khcn.bacninh.gov.vn/updates/');
    expect(updateFeedUrl('https://so-khcn.bacninh.gov.vn/baocao/')).toBe(
      'https://so-khcn.bacninh.gov.vn/baocao/updates/',
    );
    expect(updateFeedUrl('http://127.0.0.1:8443')).toBe('http://127.0.0.1:8443/updates/');
    expect(updateFeedUrl('http://so-khcn.bacninh.gov.vn')).toBeNull();
    expect(updateFeedUrl('không phải địa chỉ')).toBeNull();
    expect(updateFeedUrl(null)).toBeNull();
  });
});

describe('when the updater checks', () => {
  it('after start, then every 6 hours with a little spread', async () => {
    const { updater } = realUpdater('1.1.0');
    const delays: number[] = [];
    const fns: (() => void)[] = [];
    const c = createUpdateController({
      parts: updater,
      currentVersion: '1.1.0',
      serverAddress: () => null,
      busyReasons: () => [],
      backupBeforeInstall: async () => {},
      log: recordingLog().log,
      random: () => 1,
      timers: {
        setTimeout: ((fn: () => void, ms: number) => (
          fns.push(fn),
          delays.push(ms),
          0
        )) as unknown as typeof setTimeout,
        clearTimeout: (() => {}) as typeof clearTimeout,
      },
    });
    c.start();
    expect(delays).toEqual([30_000]);
    fns[0]!();
    await new Promise((r) => setTimeout(r, 10));
    expect(delays).toEqual([30_000, 6 * 3600_000 + 30 * 60_000]);
  });
});
