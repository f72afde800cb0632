import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Session } from '../context.ts';
import { SESSION_MAX_AGE_MS } from './sessionPolicy.ts';

/**
 * Browser sessions of `npm run web`. Nothing here is chosen by the client:
 *   - the start-up token printed in the URL is good for one exchange only; the exchange issues a
 *     session identifier (a cookie: HttpOnly, SameSite=Strict) and mints the next one-time token;
 *   - a sign-in, a sign-out or a password change replaces the identifier (no session fixation);
 *   - an unknown identifier is refused, never adopted, so requests with made-up values create
 *     nothing and push nobody out.
 * How long a signed-in session lives is sessionPolicy.ts, checked by the dispatcher.
 */

export const SESSION_COOKIE = 'baocao_session';
const MAX_SESSIONS = 500;

interface Entry {
  session: Session;
  lastUsed: number;
}

const newSecret = () => randomBytes(32).toString('base64url');

function sameSecret(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieHeader(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The value of our cookie in a Cookie header, if any. */
export function sessionIdFrom(cookie: string | undefined): string | null {
  for (const part of (cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) {
      const id = v.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(id) ? id : null;
    }
  }
  return null;
}

export function createWebSessions(clock: () => Date = () => new Date(), firstToken = newSecret()) {
  const sessions = new Map<string, Entry>();
  let token = firstToken;
  const now = () => clock().getTime();

  const prune = () => {
    const t = now();
    for (const [id, e] of sessions) if (t - e.lastUsed > SESSION_MAX_AGE_MS) sessions.delete(id);
    // Only exchanges add sessions, and each needs the one-time token: this bound is never reached
    // by guessing. Past it, the least recently used go first.
    while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
  };

  const put = (session: Session): string => {
    const id = newSecret();
    sessions.set(id, { session, lastUsed: now() });
    return id;
  };

  return {
    /** The one-time token the next exchange needs (printed in the URL). */
    get token() {
      return token;
    },
    /**
     * Spends the one-time token: a new browser session and the next token, or null when `offered`
     * is not the current token (already used, or never issued).
     */
    exchange(offered: string): { id: string; nextToken: string } | null {
      if (!sameSecret(offered, token)) return null;
      token = newSecret();
      prune();
      const id = put({ userId: null, client: `web-${randomBytes(9).toString('base64url')}` });
      return { id, nextToken: token };
    },
    /** The session of a known identifier, marked as used now. */
    get(id: string | null): Session | null {
      if (!id) return null;
      const e = sessions.get(id);
      if (!e) return null;
      sessions.delete(id);
      e.lastUsed = now();
      sessions.set(id, e);
      return e.session;
    },
    /** The same session under a new identifier; the old one stops working at once. */
    rotate(id: string): string {
      const e = sessions.get(id);
      sessions.delete(id);
      return put(e?.session ?? { userId: null });
    },
    get size() {
      return sessions.size;
    },
  };
}
export type WebSessions = ReturnType<typeof createWebSessions>;
