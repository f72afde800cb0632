import type { Session } from '../context.ts';
import type { Db } from '../store/openDatabase.ts';

/**
 * How long a signed-in session lives, checked by the dispatcher on every call whatever the
 * transport (a browser tab in web mode, a window of the desktop app):
 *   - it ends after a period without calls (a setting of the administrator, 8 hours by default);
 *   - it always ends at a fixed maximum age, however busy;
 *   - it ends when the user's password changes (the user's own change keeps the session that made
 *     it) or the account is disabled.
 * The identifier of a web session is the host's business (electron/web.ts): issued by the server,
 * never chosen by the client, and replaced at every sign-in and sign-out.
 */

export const SESSION_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const IDLE_DEFAULT_MINUTES = 8 * 60;
export const IDLE_MIN_MINUTES = 15;
export const IDLE_MAX_MINUTES = 24 * 60;

export type SessionEnd = 'idle' | 'maxAge' | 'passwordChanged' | 'disabled';

export const sessionEndMessages: Record<SessionEnd, string> = {
  idle: 'Phiên làm việc đã hết do lâu không sử dụng; vui lòng đăng nhập lại',
  maxAge: 'Phiên làm việc đã quá thời hạn tối đa; vui lòng đăng nhập lại',
  passwordChanged: 'Mật khẩu của tài khoản vừa được đổi; vui lòng đăng nhập lại bằng mật khẩu mới',
  disabled: 'Phiên làm việc đã hết, vui lòng đăng nhập lại',
};

export function signIn(session: Session, userId: string, epoch: number, now: Date) {
  session.userId = userId;
  session.signedInAt = now.getTime();
  session.lastSeenAt = now.getTime();
  session.epoch = epoch;
}

export function signOut(session: Session) {
  session.userId = null;
  delete session.signedInAt;
  delete session.lastSeenAt;
  delete session.epoch;
}

/** Why a signed-in session has ended, or null while it is alive. */
export function sessionEnd(
  session: Session,
  user: { active: boolean } | null,
  epoch: number | null,
  now: Date,
  idleMinutes: number,
): SessionEnd | null {
  if (!user || !user.active || epoch === null) return 'disabled';
  if (session.signedInAt === undefined || session.lastSeenAt === undefined) return 'disabled';
  const t = now.getTime();
  if (t - session.signedInAt >= SESSION_MAX_AGE_MS) return 'maxAge';
  if (t - session.lastSeenAt >= idleMinutes * 60_000) return 'idle';
  if (session.epoch !== epoch) return 'passwordChanged';
  return null;
}

/** The administrator's session settings, one row per key in security_settings. */
export function createSessionSettings(db: Db, clock: () => Date) {
  const read = db.prepare("SELECT value_json FROM security_settings WHERE key = 'session.idleMinutes'");
  const write = db.prepare(
    `INSERT INTO security_settings (key, value_json, updated_at) VALUES ('session.idleMinutes', ?, ?)
     ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  return {
    idleMinutes(): number {
      const r = read.get() as { value_json: string } | undefined;
      const n = r ? Number(JSON.parse(r.value_json)) : NaN;
      return Number.isInteger(n) && n >= IDLE_MIN_MINUTES && n <= IDLE_MAX_MINUTES ? n : IDLE_DEFAULT_MINUTES;
    },
    setIdleMinutes(n: number) {
      write.run(JSON.stringify(n), clock().toISOString());
    },
  };
}
export type SessionSettings = ReturnType<typeof createSessionSettings>;
