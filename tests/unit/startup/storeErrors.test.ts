import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServices } from '../../../electron/services/index.ts';
import { storeAppError, storeFailureOf } from '../../../electron/services/store/storeErrors.ts';
import { FIXTURE_RESOURCES, adminInput, caller, newSession, orgInput } from '../helpers/setup.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The error a real SQLite operation throws. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected SQLite to fail');
}

describe('SQLite failures by kind (real errors from better-sqlite3)', () => {
  it('a file that is not a database is "corrupt" and points to restoring a backup', () => {
    const file = path.join(tmp(), 'x.sqlite');
    fs.writeFileSync(file, 'đây không phải cơ sở dữ liệu '.repeat(200));
    const e = thrown(() => new Database(file).prepare('SELECT 1 FROM sqlite_master').get());
    expect(storeFailureOf(e)).toBe('corrupt');
    expect(storeAppError(e)?.message).toMatch(/bị hỏng.*Khôi phục/s);
  });

  it('writing through a read-only connection is "readonly"', () => {
    const file = path.join(tmp(), 'x.sqlite');
    new Database(file).exec('CREATE TABLE t (x)');
    const e = thrown(() => new Database(file, { readonly: true }).exec('INSERT INTO t VALUES (1)'));
    expect(storeFailureOf(e)).toBe('readonly');
    expect(storeAppError(e)?.message).toMatch(/Không ghi được vào thư mục dữ liệu/);
  });

  it('a database that cannot grow is "full"', () => {
    const db = new Database(path.join(tmp(), 'x.sqlite'));
    db.exec('CREATE TABLE t (x)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const e = thrown(() => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000)));
    expect(storeFailureOf(e)).toBe('full');
    expect(storeAppError(e)?.message).toMatch(/Ổ đĩa chứa dữ liệu đã đầy/);
  });

  it('a database another connection holds is "busy"', () => {
    const file = path.join(tmp(), 'x.sqlite');
    const a = new Database(file);
    a.exec('CREATE TABLE t (x)');
    a.exec('BEGIN EXCLUSIVE');
    const b = new Database(file, { timeout: 0 });
    const e = thrown(() => b.exec('INSERT INTO t VALUES (1)'));
    a.exec('ROLLBACK');
    expect(storeFailureOf(e)).toBe('busy');
    expect(storeAppError(e)?.message).toMatch(/chương trình khác/);
  });

  it('file-system codes count too, through a cause chain; anything else is not a store failure', () => {
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    expect(storeFailureOf(new Error('wrapped', { cause: full }))).toBe('full');
    expect(storeFailureOf(new TypeError('x is undefined'))).toBeNull();
    expect(storeAppError('text')).toBeNull();
  });
});

it('a call that meets a database held by another program answers STORAGE with its own message', async () => {
  const dataDir = tmp();
  const services = createServices({ dataDir, resourcesDir: FIXTURE_RESOURCES });
  const call = caller(services, newSession());
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const other = new Database(path.join(dataDir, 'baocao.sqlite'));
  try {
    expect((await call('setup.complete', { organization: orgInput(), admin: adminInput() })).ok).toBe(true);
    services.db.pragma('busy_timeout = 0');
    other.exec('BEGIN EXCLUSIVE');
    const result = await call('users.create', {
      username: 'vanthu',
      fullName: 'Nguyễn Văn Thư',
      roles: ['van_thu'],
      password: 'MatKhau-VanThu-2026',
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'STORAGE', message: expect.stringMatching(/chương trình khác.*chưa được thực hiện/s) },
    });
    other.exec('ROLLBACK');
    expect((await call('users.list', {})).ok).toBe(true);
  } finally {
    other.close();
    services.close();
  }
});
