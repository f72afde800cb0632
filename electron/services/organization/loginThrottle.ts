import { AppError } from '../../../shared/errors.ts';

/**
 * Wrong passwords slow guessing down twice over:
 *   - per account: after 5 failures in a row the account waits a minute (then 5 more…);
 *   - per client (a browser session or a desktop window, Session.client): after 20 failures within
 *     15 minutes, whatever the names tried, that client waits 15 minutes — so failing on thousands
 *     of other names neither gets through nor wipes an account's count.
 * Memory stays bounded: counts that have expired are dropped first, a lock is never dropped to
 * make room, and when the table is full of locks, new names are refused until one expires.
 * `fail` is called for every attempt before the password is checked, `succeed` clears the account.
 */

export const THROTTLE = {
  account: { failures: 5, lockMs: 60_000, forgetMs: 15 * 60_000 },
  client: { failures: 20, lockMs: 15 * 60_000, windowMs: 15 * 60_000 },
  maxTracked: 10_000,
};

interface Count {
  count: number;
  /** When this count started (client window) or last grew (account). */
  since: number;
  lockedUntil: number;
}

const lockedMessage = (ms: number) =>
  `Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau ${
    ms >= 120_000 ? `${Math.ceil(ms / 60_000)} phút` : `${Math.ceil(ms / 1000)} giây`
  }`;

function boundedCounts(now: () => number, forgetMs: number) {
  const counts = new Map<string, Count>();
  const expired = (c: Count, t: number) => c.lockedUntil <= t && t - c.since >= forgetMs;
  /** Room for one more key: expired counts go first, then the oldest unlocked one. */
  const makeRoom = (): boolean => {
    if (counts.size < THROTTLE.maxTracked) return true;
    const t = now();
    for (const [k, c] of counts) if (expired(c, t)) counts.delete(k);
    if (counts.size < THROTTLE.maxTracked) return true;
    for (const [k, c] of counts) {
      if (c.lockedUntil <= t) {
        counts.delete(k);
        return true;
      }
    }
    return false;
  };
  return {
    get(key: string): Count | undefined {
      const c = counts.get(key);
      if (c && expired(c, now())) {
        counts.delete(key);
        return undefined;
      }
      return c;
    },
    /** The count of `key`, created if there is room; null when every tracked key is locked. */
    take(key: string): Count | null {
      const c = this.get(key);
      if (c) {
        // Most recently used last, so the oldest are found first when room is needed.
        counts.delete(key);
        counts.set(key, c);
        return c;
      }
      if (!makeRoom()) return null;
      const fresh = { count: 0, since: now(), lockedUntil: 0 };
      counts.set(key, fresh);
      return fresh;
    },
    delete: (key: string) => counts.delete(key),
  };
}

export function createLoginThrottle(clock: () => Date) {
  const now = () => clock().getTime();
  const accounts = boundedCounts(now, THROTTLE.account.forgetMs);
  const clients = boundedCounts(now, THROTTLE.client.windowMs);
  const clientKey = (client: string | undefined) => client ?? 'local';

  return {
    check(username: string, client?: string) {
      const t = now();
      for (const c of [clients.get(clientKey(client)), accounts.get(username.toLowerCase())]) {
        if (c && c.lockedUntil > t) throw new AppError('LOCKED', lockedMessage(c.lockedUntil - t));
      }
    },
    fail(username: string, client?: string) {
      const t = now();
      const a = accounts.take(username.toLowerCase());
      const c = clients.take(clientKey(client));
      if (!a || !c) throw new AppError('LOCKED', lockedMessage(THROTTLE.account.lockMs));
      a.count += 1;
      a.since = t;
      if (a.count >= THROTTLE.account.failures) {
        a.count = 0;
        a.lockedUntil = t + THROTTLE.account.lockMs;
      }
      if (t - c.since >= THROTTLE.client.windowMs) {
        c.count = 0;
        c.since = t;
      }
      c.count += 1;
      if (c.count >= THROTTLE.client.failures) {
        c.count = 0;
        c.since = t;
        c.lockedUntil = t + THROTTLE.client.lockMs;
      }
    },
    /** The right password: the account starts again, and this attempt no longer counts for the client. */
    succeed(username: string, client?: string) {
      accounts.delete(username.toLowerCase());
      const c = clients.get(clientKey(client));
      if (c && c.count > 0) c.count -= 1;
    },
  };
}
