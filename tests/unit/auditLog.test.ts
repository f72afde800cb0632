import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createAuditLog } from '../../electron/services/audit/auditLog.ts';
import type { User } from '../../shared/domain/organization/schemas.ts';
import {
  ADMIN_PASSWORD,
  caller,
  createUser,
  dumpTables,
  expectError,
  expectOk,
  manualClock,
  newSession,
  setUpDepartment,
  type Department,
} from './helpers/setup.ts';

interface Row {
  seq: number;
  at: string;
  user_id: string | null;
  action: string;
  detail_json: string;
  prev_hash: string;
  hash: string;
}
const rows = (dept: Department) =>
  dept.services.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];
const auditOf = (dept: Department) => createAuditLog(dept.services.db, () => new Date());

/** A department whose history is: setup, a failed and a good login, a user created and disabled. */
async function departmentWithHistory() {
  const time = manualClock('2026-05-04T01:00:00Z');
  const dept = await setUpDepartment({ clock: time.clock });
  const other = caller(dept.services, newSession());
  time.advance(1000);
  expectError(
    await other('auth.login', { username: 'quantri', password: 'khong-dung-day' }),
    'INVALID_CREDENTIALS',
  );
  time.advance(1000);
  expectOk(await other('auth.login', { username: 'quantri', password: ADMIN_PASSWORD }));
  time.advance(1000);
  const clerk = await createUser(dept, {
    username: 'chuyenvien',
    fullName: 'Nguyễn Văn A',
    password: 'MatKhau-Bi-Mat',
  });
  time.advance(1000);
  expectOk<User>(
    await dept.call('users.update', {
      id: clerk.id,
      fullName: clerk.fullName,
      roles: clerk.roles,
      title: '',
      signingAuthority: '',
      active: false,
    }),
  );
  return { dept, clerk };
}

describe('the audit log', () => {
  // Read-only checks share one history; tests that tamper with the table build their own.
  let shared: Awaited<ReturnType<typeof departmentWithHistory>>;
  beforeAll(async () => {
    shared = await departmentWithHistory();
  });
  afterAll(() => shared.dept.services.close());

  it('records setup, logins and user changes in order, by whom and when', () => {
    const { dept, clerk } = shared;
    const entries = auditOf(dept).entries();
    expect(entries.map((e) => e.action)).toEqual([
      'setup.complete',
      'auth.login.failed',
      'auth.login',
      'users.create',
      'users.update',
    ]);
    expect(entries.map((e) => e.userId)).toEqual(Array(5).fill(dept.admin.id));
    expect(entries.map((e) => e.at)).toEqual([
      '2026-05-04T01:00:00.000Z',
      '2026-05-04T01:00:01.000Z',
      '2026-05-04T01:00:02.000Z',
      '2026-05-04T01:00:03.000Z',
      '2026-05-04T01:00:04.000Z',
    ]);
    expect(entries[3]!.detail).toMatchObject({ id: clerk.id, username: 'chuyenvien' });
    expect(entries[4]!.detail).toMatchObject({ id: clerk.id, active: false });
  });

  it('never writes a password into the log', () => {
    const text = JSON.stringify(rows(shared.dept));
    for (const pw of [ADMIN_PASSWORD, 'khong-dung-day', 'MatKhau-Bi-Mat']) expect(text).not.toContain(pw);
  });

  it('chains every entry to the one before it, starting from a zero hash', () => {
    const { dept } = shared;
    const all = rows(dept);
    expect(all[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < all.length; i++) expect(all[i]!.prev_hash).toBe(all[i - 1]!.hash);
    expect(new Set(all.map((r) => r.hash)).size).toBe(all.length);
    expect(auditOf(dept).firstBrokenLink()).toBeNull();
  });

  it('refuses UPDATE and DELETE on its rows', () => {
    const { dept } = shared;
    const db = dept.services.db;
    const before = rows(dept);
    expect(() => db.prepare("UPDATE audit_log SET action = 'nothing.happened' WHERE seq = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(rows(dept)).toEqual(before);
    expect(auditOf(dept).firstBrokenLink()).toBeNull();
  });

  it('detects a row slipped in with raw SQL that does not follow from its predecessor', async () => {
    const { dept } = await departmentWithHistory();
    const db = dept.services.db;
    const last = rows(dept).at(-1)!;
    const forged = createHash('sha256').update('forged').digest('hex');
    const r = db
      .prepare(
        `INSERT INTO audit_log (at, user_id, action, detail_json, prev_hash, hash)
         VALUES ('2026-05-04T01:00:05.000Z', NULL, 'users.update', '{}', ?, ?)`,
      )
      .run('f'.repeat(64), forged);
    expect(auditOf(dept).firstBrokenLink()).toBe(Number(r.lastInsertRowid));
    expect(Number(r.lastInsertRowid)).toBeGreaterThan(last.seq);
    dept.services.close();
  });

  it('detects a forged row even when it names the right predecessor', async () => {
    const { dept } = await departmentWithHistory();
    const last = rows(dept).at(-1)!;
    const r = dept.services.db
      .prepare(
        `INSERT INTO audit_log (at, user_id, action, detail_json, prev_hash, hash)
         VALUES ('2026-05-04T01:00:05.000Z', NULL, 'organization.update', '{}', ?, ?)`,
      )
      .run(last.hash, 'a'.repeat(64));
    expect(auditOf(dept).firstBrokenLink()).toBe(Number(r.lastInsertRowid));
    dept.services.close();
  });

  it('a refused change leaves no entry: the change and its record land together or not at all', async () => {
    const { dept } = await departmentWithHistory();
    const before = dumpTables(dept.services.db);
    // Duplicate username: refused inside the transaction after the password was hashed.
    expectError(
      await dept.call('users.create', {
        username: 'chuyenvien',
        fullName: 'Người Trùng Tên',
        roles: ['chuyen_vien'],
        password: 'MatKhau-Khac',
      }),
      'CONFLICT',
    );
    // Last administrator: refused.
    expectError(
      await dept.call('users.update', {
        id: dept.admin.id,
        fullName: dept.admin.fullName,
        roles: ['chuyen_vien'],
        title: '',
        signingAuthority: '',
        active: true,
      }),
      'CONFLICT',
    );
    expect(dumpTables(dept.services.db)).toEqual(before);
    dept.services.close();
  });
});
