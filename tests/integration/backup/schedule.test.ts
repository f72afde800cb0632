import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDailyBackups } from '../../../electron/services/backup/dailyBackups.ts';
import { listArchives } from '../../../electron/services/backup/backupService.ts';
import { migrations } from '../../../electron/services/store/migrations/index.ts';
import { openDatabase } from '../../../electron/services/store/openDatabase.ts';
import type { ServiceHost } from '../../../electron/services/serviceHost.ts';
import { expectOk } from '../../unit/helpers/setup.ts';
import { backupFolderOf, departmentOnDisk, openHost, tempDir } from './support.ts';

const hosts: ServiceHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

describe('automatic backups', () => {
  it('a database about to be migrated is backed up first, at its old schema', async () => {
    const dataDir = tempDir('baocao-migrate-');
    openDatabase(dataDir, migrations.slice(0, 2)).close();
    const host = await openHost(dataDir);
    hosts.push(host);
    const archives = listArchives(backupFolderOf(dataDir));
    expect(archives.map((a) => a.reason)).toEqual(['before-migration']);
    // …and holds the schema it was taken at: restorable into this version, which migrates it again.
    const setup = host.services.backup!;
    expect((await setup.inspect(archives[0]!.fileName)).schemaVersion).toBe(2);

    // Opening an up-to-date database backs nothing up.
    await host.close();
    hosts.pop();
    hosts.push(await openHost(dataDir));
    expect(listArchives(backupFolderOf(dataDir))).toHaveLength(1);
  });

  it('once a day: due with no backup, not again the same day, due again a day later', async () => {
    let now = Date.parse('2026-06-01T02:00:00Z');
    const d = await departmentOnDisk(undefined, () => new Date(now));
    hosts.push(d.host);
    const pending: (() => void)[] = [];
    const daily = startDailyBackups({
      backup: () => d.host.services.backup,
      timers: {
        setTimeout: ((fn: () => void) => (pending.push(fn), 0)) as unknown as typeof setTimeout,
        clearTimeout: (() => {}) as typeof clearTimeout,
      },
    });
    const folder = backupFolderOf(d.dataDir);
    await daily.tick();
    expect(listArchives(folder).map((a) => a.reason)).toEqual(['daily']);
    now += 23 * 3600_000;
    await daily.tick();
    expect(listArchives(folder)).toHaveLength(1);
    now += 3600_000;
    await daily.tick();
    expect(listArchives(folder).map((a) => a.reason)).toEqual(['daily', 'daily']);
    expect(pending.length).toBeGreaterThan(0); // it keeps itself scheduled
    daily.stop();
  });

  it('a daily backup that fails (folder gone read-only) is logged and the app carries on', async () => {
    const d = await departmentOnDisk();
    hosts.push(d.host);
    const blocker = path.join(tempDir('baocao-ro-'), 'tep');
    fs.writeFileSync(blocker, 'x');
    expectOk(await d.admin('backup.setFolder', { folder: tempDir('baocao-ok-') }));
    // Point the setting at a path that cannot be a folder, behind the service's back.
    fs.writeFileSync(
      path.join(d.dataDir, 'backup-settings.json'),
      JSON.stringify({ folder: path.join(blocker, 'x') }),
    );
    const warnings: string[] = [];
    const daily = startDailyBackups({
      backup: () => d.host.services.backup,
      log: { ...console, warn: (m: string) => warnings.push(m), child: () => null as never, debug() {} },
      timers: {
        setTimeout: (() => 0) as unknown as typeof setTimeout,
        clearTimeout: (() => {}) as typeof clearTimeout,
      },
    });
    await daily.tick();
    expect(warnings).toEqual(['daily backup failed; will try again']);
    expectOk(await d.clerk('reports.list', {}));
    daily.stop();
  });
});
