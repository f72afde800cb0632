import { api, isMethodName } from '../../shared/api.ts';
import { hasPermission, permissionLabels } from '../../shared/domain/organization/roles.ts';
import { AppError, type CallResult } from '../../shared/errors.ts';
import { describeIssues } from '../../shared/validation.ts';
import type { Handlers, Session } from './context.ts';
import type { Logger } from './logging/logger.ts';
import type { UsersRepository } from './organization/usersRepository.ts';
import { sessionEnd, sessionEndMessages, signOut, type SessionEnd } from './sessions/sessionPolicy.ts';

export interface DispatchOptions {
  clock?: () => Date;
  /** Minutes a signed-in session may stay without calls (the administrator's setting). */
  idleMinutes?: () => number;
}

/** A message never carries a whole input back, whatever a handler put into it. */
const MAX_MESSAGE = 500;
const clip = (s: string, max = MAX_MESSAGE) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export type Dispatch = (name: string, rawInput: unknown, session: Session) => Promise<CallResult<unknown>>;

/**
 * The one gate every call passes, whatever the transport: the method must exist, the input must
 * match its schema (nothing from the renderer is trusted), the caller must have the access the
 * contract names, and whatever goes back must match the output schema.
 */
export function createDispatch(
  handlers: Handlers,
  users: UsersRepository,
  log: Pick<Logger, 'error'> = console,
  options: DispatchOptions = {},
): Dispatch {
  const clock = options.clock ?? (() => new Date());
  const idleMinutes = options.idleMinutes ?? (() => 8 * 60);
  return async (name, rawInput, session) => {
    try {
      if (!isMethodName(name)) throw new AppError('UNKNOWN_METHOD', `Không có chức năng "${clip(name, 80)}"`);
      const spec = api[name];
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw new AppError('VALIDATION', describeIssues(parsed.error.issues, name));

      let user = session.userId ? users.get(session.userId) : null;
      let ended: SessionEnd | null = null;
      if (session.userId) {
        const now = clock();
        ended = sessionEnd(session, user, users.sessionEpoch(session.userId), now, idleMinutes());
        if (ended) {
          signOut(session);
          user = null;
        } else if (name !== 'app.status') {
          // Showing the app is not using it: only real calls keep an idle session alive.
          session.lastSeenAt = now.getTime();
        }
      }
      if (spec.access !== 'public') {
        if (!user) throw new AppError('UNAUTHENTICATED', sessionEndMessages[ended ?? 'disabled']);
        if (spec.access !== 'user' && !hasPermission(user.roles, spec.access)) {
          throw new AppError(
            'FORBIDDEN',
            `Tài khoản của bạn không có quyền ${permissionLabels[spec.access]}`,
          );
        }
      }
      const handler = handlers[name] as (
        input: unknown,
        ctx: { session: Session; user: typeof user },
      ) => unknown;
      const value = await handler(parsed.data, { session, user });
      const out = spec.output.safeParse(value);
      if (!out.success) {
        log.error(`[baocao] output of ${name} does not match the contract`, out.error.issues);
        throw new AppError('INTERNAL', 'Lỗi nội bộ: dữ liệu trả về không đúng định dạng');
      }
      return { ok: true, value: out.data };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: { code: e.code, message: clip(e.message) } };
      log.error(`[baocao] ${name} failed`, e);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Đã xảy ra lỗi không mong muốn. Thao tác chưa được thực hiện.' },
      };
    }
  };
}
