import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import { expectError, expectOk, expectVietnamese } from '../../unit/helpers/setup.ts';
import { CLERK_PASSWORD } from '../../unit/helpers/drafts.ts';
import {
  ADMIN,
  backupFolderOf,
  changeSomething,
  departmentOnDisk,
  hostCaller,
  login,
  openHost,
  snapshot,
  tempDir,
} from './support.ts';
import type { ServiceHost } from '../../../electron/services/serviceHost.ts';
import { migrations } from '../../../electron/services/store/migrations/index.ts';

type Entry = MethodOutput<'backup.create'>;
type Status = MethodOutput<'backup.status'>;
type Summary = MethodOutput<'backup.inspect'>;

const hosts: ServiceHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

describe('backup and restore', () => {
  it('restoring a backup brings back every row and every file exactly, and keeps what it replaced', async () => {
    const d = await departmentOnDisk();
    hosts.push(d.host);
    const entry = expectOk<Entry>(await d.admin('backup.create', {}));
    expect(entry.reason).toBe('manual');
    expect(fs.existsSync(path.join(backupFolderOf(d.dataDir), entry.fileName))).toBe(true);
    const original = snapshot(d.host, d.dataDir);
    expect(Object.keys(original.files)).toHaveLength(2);

    await changeSomething(d);
    const changed = snapshot(d.host, d.dataDir);
    expect(changed).not.toEqual(original);

    const summary = expectOk<Summary>(await d.admin('backup.inspect', { fileName: entry.fileName }));
    expect(summary).toMatchObject({
      fileName: entry.fileName,
      organizationName: 'Sở Khoa học và Công nghệ',
      documents: 1,
      files: 2,
      // The schema the app writes today: the newest migration.
      schemaVersion: migrations.length,
    });
    expect(snapshot(d.host, d.dataDir)).toEqual(changed); // inspecting changes nothing

    const restored = expectOk<MethodOutput<'backup.restore'>>(
      await d.admin('backup.restore', { fileName: entry.fileName }),
    );
    expect(restored.restored.fileName).toBe(entry.fileName);
    expect(snapshot(d.host, d.dataDir)).toEqual(original);
    // Nothing of the restore is left in the data folder.
    expect(fs.readdirSync(d.dataDir).filter((n) => n.startsWith('.') || n.includes('restore'))).toEqual([]);

    // Every session starts again: the restored accounts are the ones to log in with.
    const status = expectOk<{ user: unknown }>(await d.admin('app.status', {}));
    expect(status.user).toBeNull();
    expectError(await d.clerk('reports.list', {}), 'UNAUTHENTICATED');

    // The data that was replaced was backed up first, and restoring that brings it back.
    const admin = await login(d.host, ADMIN.username, ADMIN.password);
    const list = expectOk<Status>(await admin('backup.status', {}));
    expect(list.backups.map((b) => b.reason)).toEqual(['before-restore', 'manual']);
    expect(list.backups[0]!.fileName).toBe(restored.safetyBackup);
    expectOk(await admin('backup.restore', { fileName: restored.safetyBackup }));
    expect(snapshot(d.host, d.dataDir)).toEqual(changed);
  });

  it('an archive restores on another PC: a new data folder pointed at the copied archive', async () => {
    const d = await departmentOnDisk();
    hosts.push(d.host);
    const entry = expectOk<Entry>(await d.admin('backup.create', {}));
    const original = snapshot(d.host, d.dataDir);

    // The USB stick: a folder holding only the archive.
    const usb = tempDir('baocao-usb-');
    fs.copyFileSync(path.join(backupFolderOf(d.dataDir), entry.fileName), path.join(usb, entry.fileName));

    // The new PC is set up with a placeholder administrator, then restores.
    const otherDir = tempDir('baocao-new-pc-');
    const other = await openHost(otherDir);
    hosts.push(other);
    const call = hostCaller(other);
    expectOk(
      await call('setup.complete', {
        organization: {
          name: 'Tạm',
          parentName: 'UBND tỉnh Bắc Ninh',
          agencyType: 'so_khcn',
          abbreviation: 'T',
          place: 'Bắc Ninh',
          planId: '34-KH-UBND-2025',
        },
        admin: { username: 'tam', fullName: 'Tạm Thời', roles: ['quan_tri'], password: 'MatKhau-Tam-2026' },
      }),
    );
    const status = expectOk<Status>(await call('backup.setFolder', { folder: usb }));
    expect(status.backups.map((b) => b.fileName)).toEqual([entry.fileName]);
    expectOk(await call('backup.restore', { fileName: entry.fileName }));
    expect(snapshot(other, otherDir)).toEqual(original);
    // The department's own accounts work on the new PC.
    await login(other, 'nguyenvana', CLERK_PASSWORD);
  });

  it('keeps the last 30 backups and never touches other files in the folder', async () => {
    let now = Date.parse('2026-03-01T01:00:00Z');
    const d = await departmentOnDisk(undefined, () => new Date(now));
    hosts.push(d.host);
    const folder = backupFolderOf(d.dataDir);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'ghi-chu-cua-quan-tri.txt'), 'không xóa');
    const made: string[] = [];
    for (let i = 0; i < 33; i++) {
      now += 60_000;
      made.push(expectOk<Entry>(await d.admin('backup.create', {})).fileName);
    }
    const status = expectOk<Status>(await d.admin('backup.status', {}));
    expect(status.backups).toHaveLength(30);
    expect(status.backups.map((b) => b.fileName)).toEqual(made.slice(3).reverse());
    expect(status.lastBackupAt).toBe(new Date(now).toISOString());
    expect(fs.existsSync(path.join(folder, 'ghi-chu-cua-quan-tri.txt'))).toBe(true);
  });

  it('the backup folder can be another disk; a relative, inner or unwritable folder is refused', async () => {
    const d = await departmentOnDisk();
    hosts.push(d.host);
    // A disk that cannot take a folder: a file sits where the folder would be.
    const notAFolder = path.join(tempDir('baocao-file-'), 'tep.txt');
    fs.writeFileSync(notAFolder, 'x');
    for (const [folder, words] of [
      ['saoluu', 'đường dẫn đầy đủ'],
      [path.join(d.dataDir, 'attachments'), 'ngoài thư mục dữ liệu'],
      [path.join(notAFolder, 'SaoLuu'), 'không ghi được'],
    ] as const) {
      const err = expectError(await d.admin('backup.setFolder', { folder }), 'VALIDATION');
      expect(err.message).toContain(words);
      expectVietnamese(err.message);
    }
    const other = tempDir('baocao-other-disk-');
    const status = expectOk<Status>(await d.admin('backup.setFolder', { folder: other }));
    expect(status).toMatchObject({ folder: other, isDefaultFolder: false });
    const entry = expectOk<Entry>(await d.admin('backup.create', {}));
    expect(fs.existsSync(path.join(other, entry.fileName))).toBe(true);
    expect(expectOk<Status>(await d.admin('backup.setFolder', { folder: null })).isDefaultFolder).toBe(true);
  });

  it('a clerk cannot back up or restore', async () => {
    const d = await departmentOnDisk();
    hosts.push(d.host);
    expectError(await d.clerk('backup.create', {}), 'FORBIDDEN');
    expectError(
      await d.clerk('backup.restore', { fileName: 'baocao-20260101T000000.000Z-thu-cong.tar.gz' }),
      'FORBIDDEN',
    );
  });
});
