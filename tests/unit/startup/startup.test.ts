import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openServiceHost } from '../../../electron/services/serviceHost.ts';
import { startServices, type StartupUi } from '../../../electron/services/startup/startServices.ts';
import type { StartupFailure } from '../../../electron/services/startup/startupFailure.ts';
import { FIXTURE_RESOURCES, adminInput, caller, newSession, orgInput } from '../helpers/setup.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-startup-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) {
    fs.chmodSync(d, 0o755);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

/** Every file of the data folder and its SHA-256, but the log (which should say what failed). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (rel === 'logs' || rel.startsWith(`logs${path.sep}`)) continue;
    out[rel] = entry.isFile()
      ? crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')
      : 'dir';
  }
  return out;
}

/** A data folder with a set-up department in it, closed again. */
async function usedDataDir(): Promise<string> {
  const dataDir = tmp();
  const host = await openServiceHost({ dataDir, resourcesDir: FIXTURE_RESOURCES });
  const call = caller(host.services, newSession());
  expect((await call('setup.complete', { organization: orgInput(), admin: adminInput() })).ok).toBe(true);
  await host.close();
  return dataDir;
}

/** What the person was shown and did: the fake of Electron's dialog, clipboard and exit. */
function fakeUi(choices: ('copy' | 'quit')[]) {
  const shown: StartupFailure[] = [];
  const copied: string[] = [];
  const exits: number[] = [];
  const ui: StartupUi = {
    showFailure: async (f) => {
      shown.push(f);
      return choices.shift() ?? 'quit';
    },
    copy: (text) => copied.push(text),
    quit: (code) => exits.push(code),
  };
  return { ui, shown, copied, exits };
}

async function start(dataDir: string, choices: ('copy' | 'quit')[] = ['quit']) {
  const fake = fakeUi(choices);
  const log = { error: vi.fn() };
  const host = await startServices({
    dataDir,
    appVersion: '0.1.0-thu',
    log,
    ui: fake.ui,
    open: () => openServiceHost({ dataDir, resourcesDir: FIXTURE_RESOURCES }),
  });
  return { host, log, ...fake };
}

describe('start-up failures are shown in Vietnamese and change nothing', () => {
  it('a database written by a newer BaoCao: "install the newest version", copy details, then quit', async () => {
    const dataDir = await usedDataDir();
    const db = new Database(path.join(dataDir, 'baocao.sqlite'));
    db.prepare(
      "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'tương lai', '2030-01-01')",
    ).run();
    db.close();
    const before = snapshot(dataDir);

    const { host, shown, copied, exits, log } = await start(dataDir, ['copy', 'quit']);
    expect(host).toBeNull();
    // "Sao chép chi tiết lỗi" copies and shows the dialog again; "Thoát" quits with 1.
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatchObject({
      kind: 'newerSchema',
      title: 'Cơ sở dữ liệu do phiên bản mới hơn tạo ra',
    });
    expect(shown[0]!.remedy).toMatch(/lược đồ 999.*Hãy cài bản BaoCao mới nhất/s);
    expect(copied).toEqual([shown[0]!.details]);
    expect(copied[0]).toMatch(/BaoCao 0\.1\.0-thu.*SchemaTooNewError/s);
    expect(exits).toEqual([1]);
    expect(log.error).toHaveBeenCalledOnce();
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('a damaged database file: "restore from a backup", and the file is left as it was', async () => {
    const dataDir = await usedDataDir();
    const file = path.join(dataDir, 'baocao.sqlite');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('hỏng '.repeat(50)), crypto.randomBytes(8192)]));
    const before = snapshot(dataDir);

    const { host, shown, exits } = await start(dataDir);
    expect(host).toBeNull();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      kind: 'corrupt',
      title: 'Cơ sở dữ liệu bị hỏng — khôi phục từ bản sao lưu',
    });
    expect(shown[0]!.remedy).toMatch(/Dữ liệu chưa bị thay đổi.*đổi tên tệp baocao\.sqlite.*«Khôi phục»/s);
    expect(shown[0]!.details).toMatch(/SQLITE_NOTADB/);
    expect(exits).toEqual([1]);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('a data folder that cannot be written: "Không ghi được vào thư mục dữ liệu …"', async () => {
    const dataDir = await usedDataDir();
    const before = snapshot(dataDir);
    let result: { opened: boolean; shown: StartupFailure | null };
    if (process.getuid?.() === 0) {
      // Root writes through any permission: mount the folder read-only in a namespace of its own.
      const child = spawnSync(
        'unshare',
        [
          '-m',
          'sh',
          '-c',
          'mount --bind -o ro "$1" "$1" && exec "$2" --import tsx tests/unit/startup/startupChild.ts "$1"',
          'sh',
          dataDir,
          process.execPath,
        ],
        { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
      );
      expect(child.status, child.stderr).toBe(0);
      result = JSON.parse(child.stdout) as typeof result;
    } else {
      fs.chmodSync(dataDir, 0o555);
      const { host, shown } = await start(dataDir);
      result = { opened: Boolean(host), shown: shown[0] ?? null };
    }
    expect(result.opened).toBe(false);
    expect(result.shown).toMatchObject({
      kind: 'unwritable',
      title: `Không ghi được vào thư mục dữ liệu ${dataDir}`,
    });
    expect(result.shown!.remedy).toMatch(/quyền ghi/);
    expect(result.shown!.details).toMatch(/EROFS|EACCES/);
    fs.chmodSync(dataDir, 0o755);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('a sound data folder opens, and the write probe leaves nothing behind', async () => {
    const dataDir = await usedDataDir();
    const before = Object.keys(snapshot(dataDir)).sort();
    const { host, shown } = await start(dataDir);
    expect(shown).toEqual([]);
    expect(host).not.toBeNull();
    await host!.close();
    expect(Object.keys(snapshot(dataDir)).sort()).toEqual(before);
  });

  it('npm run web prints the same message and exits 1', async () => {
    const dataDir = tmp();
    fs.writeFileSync(path.join(dataDir, 'baocao.sqlite'), crypto.randomBytes(4096));
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/web.ts', '--data-dir', dataDir, '--port', '0'],
      { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(
      /Không khởi động được BaoCao: Cơ sở dữ liệu bị hỏng — khôi phục từ bản sao lưu\nDữ liệu chưa bị thay đổi/,
    );
    expect(child.stderr).toMatch(/Chi tiết lỗi:[\s\S]*SQLITE_NOTADB/);
    expect(child.stdout).not.toMatch(/BaoCao đang chạy/);
  });
});
