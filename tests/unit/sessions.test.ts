import { describe, expect, it } from 'vitest';
import { createLoginThrottle, THROTTLE } from '../../electron/services/organization/loginThrottle.ts';
import { sessionEndMessages } from '../../electron/services/sessions/sessionPolicy.ts';
import { AppError } from '../../shared/errors.ts';
import type { User } from '../../shared/domain/organization/schemas.ts';
import {
  ADMIN_PASSWORD,
  caller,
  createUser,
  expectError,
  expectOk,
  loginAs,
  manualClock,
  newSession,
  setUpDepartment,
} from './helpers/setup.ts';

const HOUR = 3_600_000;
const CLERK = { username: 'nguyenvana', fullName: 'Nguyễn Văn A', password: 'MatKhau-ChuyenVien' };

async function department() {
  const time = manualClock('2026-05-04T01:00:00Z');
  const dept = await setUpDepartment({ clock: time.clock });
  const clerk = await createUser(dept, CLERK);
  return { time, dept, clerk };
}

describe('sessions end when they should', () => {
  it("changing one's password ends the user's other sessions, not the one that changed it", async () => {
    const { dept } = await department();
    const laptop = await loginAs(dept, CLERK.username, CLERK.password);
    const office = await loginAs(dept, CLERK.username, CLERK.password);
    expectOk(await office.call('home.get', {}));
    expectOk(
      await laptop.call('auth.changePassword', {
        currentPassword: CLERK.password,
        newPassword: 'MatKhau-Moi-2026',
      }),
    );
    expectOk(await laptop.call('home.get', {}));
    const ended = expectError(await office.call('home.get', {}), 'UNAUTHENTICATED');
    expect(ended.message).toBe(sessionEndMessages.passwordChanged);
    // Ended for good: logging in again is the way back, with the new password.
    expectError(await office.call('home.get', {}), 'UNAUTHENTICATED');
    expectError(
      await office.call('auth.login', { username: CLERK.username, password: CLERK.password }),
      'INVALID_CREDENTIALS',
    );
    expectOk(await office.call('auth.login', { username: CLERK.username, password: 'MatKhau-Moi-2026' }));
    dept.services.close();
  });

  it("an administrator resetting a password ends all of that user's sessions", async () => {
    const { dept, clerk } = await department();
    const window = await loginAs(dept, CLERK.username, CLERK.password);
    expectOk(await window.call('home.get', {}));
    expectOk<User>(
      await dept.call('users.update', {
        id: clerk.id,
        fullName: clerk.fullName,
        roles: clerk.roles,
        title: '',
        signingAuthority: '',
        active: true,
        newPassword: 'MatKhau-DatLai-01',
      }),
    );
    expectError(await window.call('home.get', {}), 'UNAUTHENTICATED');
    // The administrator's own session is untouched, and an update without a reset ends nothing.
    expectOk(await dept.call('users.list', {}));
    const again = await loginAs(dept, CLERK.username, 'MatKhau-DatLai-01');
    expectOk(
      await dept.call('users.update', {
        id: clerk.id,
        fullName: 'Nguyễn Văn An',
        roles: clerk.roles,
        title: '',
        signingAuthority: '',
        active: true,
      }),
    );
    expectOk(await again.call('home.get', {}));
    dept.services.close();
  });

  it('a session idle for 8 hours (the default) ends; one in use goes on', async () => {
    const { time, dept } = await department();
    const used = await loginAs(dept, CLERK.username, CLERK.password);
    const idle = await loginAs(dept, CLERK.username, CLERK.password);
    for (let h = 0; h < 8; h++) {
      time.advance(HOUR);
      expectOk(await used.call('home.get', {}));
    }
    expectOk(await used.call('home.get', {}));
    const ended = expectError(await idle.call('home.get', {}), 'UNAUTHENTICATED');
    expect(ended.message).toBe(sessionEndMessages.idle);
    dept.services.close();
  });

  it('the administrator sets the idle time; out-of-range values are refused', async () => {
    const { time, dept } = await department();
    expect(expectOk(await dept.call('sessions.settings', {}))).toEqual({ idleMinutes: 480, maxAgeHours: 24 });
    expectOk(await dept.call('sessions.updateSettings', { idleMinutes: 30 }));
    for (const idleMinutes of [5, 24 * 60 + 1, 30.5]) {
      const e = expectError(await dept.call('sessions.updateSettings', { idleMinutes }), 'VALIDATION');
      expect(e.message).toContain('Tự đăng xuất');
    }
    const s = await loginAs(dept, CLERK.username, CLERK.password);
    time.advance(29 * 60_000);
    expectOk(await s.call('home.get', {}));
    time.advance(30 * 60_000);
    expectError(await s.call('home.get', {}), 'UNAUTHENTICATED');
    // The clerk may not change it.
    const clerk = await loginAs(dept, CLERK.username, CLERK.password);
    expectError(await clerk.call('sessions.updateSettings', { idleMinutes: 600 }), 'FORBIDDEN');
    dept.services.close();
  });

  it('a session always ends at its maximum age, however busy', async () => {
    const { time, dept } = await department();
    const s = await loginAs(dept, CLERK.username, CLERK.password);
    for (let h = 1; h < 24; h++) {
      time.advance(HOUR);
      expectOk(await s.call('home.get', {}));
    }
    time.advance(HOUR);
    const ended = expectError(await s.call('home.get', {}), 'UNAUTHENTICATED');
    expect(ended.message).toBe(sessionEndMessages.maxAge);
    dept.services.close();
  });
});

describe('login', () => {
  it('a disabled account with the right password is told exactly what a wrong password is told', async () => {
    const { dept, clerk } = await department();
    expectOk(
      await dept.call('users.update', {
        id: clerk.id,
        fullName: clerk.fullName,
        roles: clerk.roles,
        title: '',
        signingAuthority: '',
        active: false,
      }),
    );
    const call = caller(dept.services, newSession());
    const right = expectError(
      await call('auth.login', { username: CLERK.username, password: CLERK.password }),
      'INVALID_CREDENTIALS',
    );
    const wrong = expectError(
      await call('auth.login', { username: CLERK.username, password: 'sai-mat-khau' }),
      'INVALID_CREDENTIALS',
    );
    expect(right).toEqual(wrong);
    dept.services.close();
  });

  it('one client failing on many names is locked out, whatever name it tries next', async () => {
    const { dept } = await department();
    const attacker = caller(dept.services, { userId: null, client: 'web-attacker' });
    for (let i = 0; i < THROTTLE.client.failures; i++) {
      expectError(
        await attacker('auth.login', { username: `ten${i}`, password: 'doan-mat-khau' }),
        'INVALID_CREDENTIALS',
      );
    }
    const locked = expectError(
      await attacker('auth.login', { username: 'quantri', password: ADMIN_PASSWORD }),
      'LOCKED',
    );
    expect(locked.message).toMatch(/thử lại sau 15 phút/);
    // Other clients are not affected.
    const admin = caller(dept.services, { userId: null, client: 'web-admin' });
    expectOk(await admin('auth.login', { username: 'quantri', password: ADMIN_PASSWORD }));
    dept.services.close();
  });

  it('failing on 10,000 other names does not clear an account that is locked', () => {
    const time = manualClock('2026-05-04T01:00:00Z');
    const throttle = createLoginThrottle(time.clock);
    for (let i = 0; i < THROTTLE.account.failures; i++) throttle.fail('quantri', 'web-1');
    expect(() => throttle.check('quantri', 'web-2')).toThrow(AppError);
    // Many clients, each under its own limit, fail on 10,000 other names.
    for (let i = 0; i < 10_000; i++) {
      try {
        throttle.fail(`ten-${i}`, `web-spray-${Math.floor(i / (THROTTLE.client.failures - 1))}`);
      } catch {
        // a full table refuses new names: that is a lock too
      }
    }
    expect(() => throttle.check('quantri', 'web-3')).toThrow(/thử lại sau/);
    time.advance(THROTTLE.account.lockMs + 1);
    expect(() => throttle.check('quantri', 'web-3')).not.toThrow();
  });
});
