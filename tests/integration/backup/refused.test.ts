import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import type { ServiceHost } from '../../../electron/services/serviceHost.ts';
import { expectError, expectOk, expectVietnamese } from '../../unit/helpers/setup.ts';
import { readEntries, sha256, withHonestManifest, writeEntries } from './archiveTools.ts';
import {
  backupFolderOf,
  changeSomething,
  departmentOnDisk,
  snapshot,
  type DiskDepartment,
} from './support.ts';

let d: DiskDepartment;
let good: string;
let goodEntries: [string, Buffer][];
let folder: string;

beforeAll(async () => {
  d = await departmentOnDisk();
  good = expectOk<MethodOutput<'backup.create'>>(await d.admin('backup.create', {})).fileName;
  await changeSomething(d); // so "nothing changed" is not also "the backup's data"
  folder = backupFolderOf(d.dataDir);
  goodEntries = await readEntries(path.join(folder, good));
});
afterAll(async () => {
  await (d.host as ServiceHost).close();
});

let n = 0;
/** A damaged copy of the good archive, under a name the backup folder lists. */
async function variant(make: (file: string) => Promise<void> | void) {
  const fileName = `baocao-20250101T0000${String(n++).padStart(2, '0')}.000Z-thu-cong.tar.gz`;
  const file = path.join(folder, fileName);
  fs.copyFileSync(path.join(folder, good), file);
  await make(file);
  return fileName;
}

/** A copy of the archive's database, changed by `sql` (with the audit log's guards lifted). */
function alteredDatabase(sql: string): Buffer {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-alter-')), 'db.sqlite');
  fs.writeFileSync(tmp, goodEntries.find(([name]) => name === 'baocao.sqlite')![1]);
  const db = new Database(tmp);
  db.exec(sql);
  db.pragma('journal_mode = DELETE');
  db.close();
  return fs.readFileSync(tmp);
}

const replaceEntry = (name: string, bytes: Buffer) =>
  goodEntries.map(([n, b]) => [n, n === name ? bytes : b] as [string, Buffer]);

async function expectRefused(fileName: string, words: RegExp) {
  const before = snapshot(d.host, d.dataDir);
  const backupsBefore = fs.readdirSync(folder).sort();
  for (const method of ['backup.inspect', 'backup.restore'] as const) {
    const err = expectError(await d.admin(method, { fileName }), 'VALIDATION');
    expect(err.message).toMatch(words);
    expect(err.message).toContain('Dữ liệu hiện tại không thay đổi');
    expectVietnamese(err.message);
  }
  // Nothing changed: no row, no file, no safety backup taken, nothing left half-unpacked.
  expect(snapshot(d.host, d.dataDir)).toEqual(before);
  expect(fs.readdirSync(folder).sort()).toEqual(backupsBefore);
  expect(fs.readdirSync(d.dataDir).filter((f) => f.startsWith('.') || f.includes('restore'))).toEqual([]);
  // The department keeps working.
  expectOk(await d.clerk('reports.list', {}));
}

describe('archives that must not be restored are refused with a clear message, changing nothing', () => {
  it('a byte flipped in the middle', async () => {
    const f = await variant((file) => {
      const b = fs.readFileSync(file);
      b[Math.floor(b.length / 2)]! ^= 0xff;
      fs.writeFileSync(file, b);
    });
    await expectRefused(f, /bị hỏng|không khớp|không đọc được|không đầy đủ/);
  });

  it('truncated to half, and short by a few bytes', async () => {
    for (const keep of [0.5, 0.999]) {
      const f = await variant((file) => {
        const b = fs.readFileSync(file);
        fs.writeFileSync(file, b.subarray(0, Math.floor(b.length * keep)));
      });
      await expectRefused(f, /không đầy đủ|bị hỏng/);
    }
  });

  it('not an archive at all', async () => {
    const f = await variant((file) => fs.writeFileSync(file, 'Đây không phải bản sao lưu'));
    await expectRefused(f, /bị hỏng hoặc không đầy đủ/);
  });

  it('an evidence file changed inside the archive', async () => {
    const f = await variant(async (file) => {
      const name = goodEntries.find(([n]) => n.startsWith('files/attachments/'))![0];
      await writeEntries(file, replaceEntry(name, Buffer.from('%PDF-1.7 giả mạo')));
    });
    await expectRefused(f, /không khớp mã băm/);
  });

  it('an evidence file missing, with a manifest that agrees', async () => {
    const f = await variant(async (file) => {
      const name = goodEntries.find(([n]) => n.startsWith('files/attachments/'))![0];
      const entries = goodEntries.filter(([n]) => n !== name);
      const manifest = JSON.parse(entries.find(([n]) => n === 'manifest.json')![1].toString());
      manifest.files = manifest.files.filter((x: { path: string }) => `files/${x.path}` !== name);
      await writeEntries(
        file,
        entries.map(([n, b]) => [n, n === 'manifest.json' ? Buffer.from(JSON.stringify(manifest)) : b]),
      );
    });
    await expectRefused(f, /thiếu 1 tệp đính kèm/);
  });

  it('no manifest', async () => {
    const f = await variant((file) =>
      writeEntries(
        file,
        goodEntries.filter(([n]) => n !== 'manifest.json'),
      ),
    );
    await expectRefused(f, /không có mục lục/);
  });

  it('an entry that climbs out of the data folder, and a symbolic link', async () => {
    const climb = await variant((file) =>
      writeEntries(file, [['files/../../../tmp/baocao-pwned', Buffer.from('x')], ...goodEntries]),
    );
    await expectRefused(climb, /mục lạ/);
    expect(fs.existsSync('/tmp/baocao-pwned')).toBe(false);
    const link = await variant((file) =>
      writeEntries(file, [['files/attachments/link', Buffer.alloc(0)], ...goodEntries], (n) =>
        n.endsWith('/link') ? 'symlink' : 'file',
      ),
    );
    await expectRefused(link, /không phải tệp/);
  });

  it('a database written by a newer BaoCao', async () => {
    const f = await variant(async (file) => {
      const db = alteredDatabase(
        "INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'from the future', '2030-01-01')",
      );
      const entries = withHonestManifest(replaceEntry('baocao.sqlite', db));
      const manifest = JSON.parse(entries.find(([n]) => n === 'manifest.json')![1].toString());
      manifest.schemaVersion = 99;
      await writeEntries(
        file,
        entries.map(([n, b]) => [n, n === 'manifest.json' ? Buffer.from(JSON.stringify(manifest)) : b]),
      );
    });
    await expectRefused(f, /phiên bản BaoCao mới hơn \(lược đồ 99/);
  });

  it('an archive format from a newer BaoCao', async () => {
    const f = await variant(async (file) => {
      const entries = goodEntries.map(([n, b]): [string, Buffer] => {
        if (n !== 'manifest.json') return [n, b];
        return [n, Buffer.from(JSON.stringify({ ...JSON.parse(b.toString()), formatVersion: 2 }))];
      });
      await writeEntries(file, entries);
    });
    await expectRefused(f, /phiên bản BaoCao mới hơn/);
  });

  it('an audit log edited after the fact', async () => {
    const f = await variant(async (file) => {
      const db = alteredDatabase(`DROP TRIGGER audit_log_no_update;
        UPDATE audit_log SET action = 'nothing.happened' WHERE seq = 2;`);
      await writeEntries(file, withHonestManifest(replaceEntry('baocao.sqlite', db)));
    });
    await expectRefused(f, /Nhật ký kiểm tra .* bị sửa hoặc hỏng \(từ dòng số 2\)/);
  });

  it('a database whose pages are damaged', async () => {
    const f = await variant(async (file) => {
      const db = Buffer.from(goodEntries.find(([n]) => n === 'baocao.sqlite')![1]);
      // Scribble over the middle pages, keep the header: SQLite opens it, integrity_check fails.
      for (let i = 4096 * 2; i < Math.min(db.length, 4096 * 6); i++) db[i] = (i * 31) & 0xff;
      await writeEntries(file, withHonestManifest(replaceEntry('baocao.sqlite', db)));
    });
    await expectRefused(f, /Cơ sở dữ liệu trong bản sao lưu (bị hỏng|không đọc được)/);
  });

  it('the good archive is still fine after all that', async () => {
    const summary = expectOk<MethodOutput<'backup.inspect'>>(
      await d.admin('backup.inspect', { fileName: good }),
    );
    expect(summary.files).toBe(2);
    expect(sha256(fs.readFileSync(path.join(folder, good)))).toMatch(/^[0-9a-f]{64}$/);
  });
});
