import { describe, expect, it } from 'vitest';
import type { User } from '../../shared/domain/organization/schemas.ts';
import {
  ADMIN_PASSWORD,
  caller,
  createUser,
  dumpTables,
  expectError,
  expectOk,
  expectVietnamese,
  loginAs,
  manualClock,
  newSession,
  setUpDepartment,
} from './helpers/setup.ts';

describe('login throttling', () => {
  it('five wrong passwords lock the account for a minute, even against the right password', async () => {
    const time = manualClock('2026-03-02T02:00:00Z');
    const dept = await setUpDepartment({ clock: time.clock });
    const call = caller(dept.services, newSession());
    for (let i = 0; i < 5; i++) {
      expectError(
        await call('auth.login', { username: 'quantri', password: `doan-sai-${i}` }),
        'INVALID_CREDENTIALS',
      );
    }
    const locked = expectError(
      await call('auth.login', { username: 'quantri', password: ADMIN_PASSWORD }),
      'LOCKED',
    );
    expectVietnamese(locked.message);
    expect(locked.message).toMatch(/60 giây/);

    time.advance(59_000);
    expectError(await call('auth.login', { username: 'QuanTri', password: ADMIN_PASSWORD }), 'LOCKED');

    time.advance(2_000);
    expectOk(await call('auth.login', { username: 'quantri', password: ADMIN_PASSWORD }));
    dept.services.close();
  });

  it('a locked account does not lock out a colleague', async () => {
    const time = manualClock('2026-03-02T02:00:00Z');
    const dept = await setUpDepartment({ clock: time.clock });
    await createUser(dept, { username: 'chuyenvien', fullName: 'Nguyễn Văn A' });
    const call = caller(dept.services, newSession());
    for (let i = 0; i < 5; i++) await call('auth.login', { username: 'quantri', password: `doan-sai-${i}` });
    expectError(await call('auth.login', { username: 'quantri', password: ADMIN_PASSWORD }), 'LOCKED');
    expectOk(await call('auth.login', { username: 'chuyenvien', password: 'MatKhau-ChuyenVien' }));
    dept.services.close();
  });

  it('guesses sent all at once get no more than five tries before the lock', async () => {
    const time = manualClock('2026-03-02T02:00:00Z');
    const dept = await setUpDepartment({ clock: time.clock });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        caller(dept.services, newSession())('auth.login', {
          username: 'quantri',
          password: `doan-song-song-${i}`,
        }),
      ),
    );
    const codes = results.map((r) => (r.ok ? 'OK' : r.error.code));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length, codes.join(',')).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'LOCKED').length, codes.join(',')).toBeGreaterThanOrEqual(5);
    dept.services.close();
  });
});

describe('password storage', () => {
  it('stores passwords as salted scrypt hashes, never the password itself', async () => {
    const dept = await setUpDepartment();
    const a = await createUser(dept, {
      username: 'nva',
      fullName: 'Nguyễn Văn A',
      password: 'CungMotMatKhau',
    });
    const b = await createUser(dept, { username: 'ttb', fullName: 'Trần Thị B', password: 'CungMotMatKhau' });
    const hash = (id: string) =>
      (
        dept.services.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(id) as {
          password_hash: string;
        }
      ).password_hash;
    for (const [id, pw] of [
      [dept.admin.id, ADMIN_PASSWORD],
      [a.id, 'CungMotMatKhau'],
    ] as const) {
      expect(hash(id).startsWith('scrypt$')).toBe(true);
      expect(hash(id)).not.toContain(pw);
    }
    expect(hash(a.id)).not.toBe(hash(b.id));
    expect(JSON.stringify(dumpTables(dept.services.db))).not.toContain('CungMotMatKhau');
    dept.services.close();
  });

  it('the user list never carries password hashes', async () => {
    const dept = await setUpDepartment();
    const listed = expectOk<User[]>(await dept.call('users.list', {}));
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|password/i);
    dept.services.close();
  });

  it('a Vietnamese password logs in whether the keyboard sends composed or decomposed accents', async () => {
    const dept = await setUpDepartment();
    const composed = 'Mật khẩu Bắc Ninh'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    await createUser(dept, { username: 'nva', fullName: 'Nguyễn Văn A', password: composed });
    const { session } = await loginAs(dept, 'nva', decomposed);
    expect(session.userId).not.toBeNull();
    dept.services.close();
  });

  it("changing one's password needs the current one, and the old password stops working", async () => {
    const dept = await setUpDepartment();
    const wrong = expectError(
      await dept.call('auth.changePassword', {
        currentPassword: 'khong-phai',
        newPassword: 'MatKhau-Moi-2026',
      }),
      'VALIDATION',
    );
    expect(wrong.message).toContain('Mật khẩu hiện tại');
    expectOk(
      await dept.call('auth.changePassword', {
        currentPassword: ADMIN_PASSWORD,
        newPassword: 'MatKhau-Moi-2026',
      }),
    );
    const call = caller(dept.services, newSession());
    expectError(
      await call('auth.login', { username: 'quantri', password: ADMIN_PASSWORD }),
      'INVALID_CREDENTIALS',
    );
    expectOk(await call('auth.login', { username: 'quantri', password: 'MatKhau-Moi-2026' }));
    dept.services.close();
  });
});
