import { AppError } from '../../../shared/errors.ts';

const MAX_FAILURES = 5;
const LOCK_MS = 60_000;

/**
 * After five wrong passwords in a row an account waits a minute: enough to stop guessing scripts.
 * `fail` is called for every attempt before checking it and `succeed` clears the count.
 */
export function createLoginThrottle(clock: () => Date) {
  const failures = new Map<string, { count: number; lockedUntil: number }>();
  return {
    check(username: string) {
      const f = failures.get(username);
      const now = clock().getTime();
      if (f && f.lockedUntil > now) {
        const seconds = Math.ceil((f.lockedUntil - now) / 1000);
        throw new AppError('LOCKED', `Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau ${seconds} giây`);
      }
    },
    fail(username: string) {
      if (failures.size > 10_000) failures.clear();
      const f = failures.get(username) ?? { count: 0, lockedUntil: 0 };
      f.count += 1;
      if (f.count >= MAX_FAILURES) {
        f.count = 0;
        f.lockedUntil = clock().getTime() + LOCK_MS;
      }
      failures.set(username, f);
    },
    succeed(username: string) {
      failures.delete(username);
    },
  };
}
