import { api, isMethodName } from '../../shared/api.ts';
import { hasPermission, permissionLabels } from '../../shared/domain/organization/roles.ts';
import { CANCELLED_MESSAGE, type ProgressStep } from '../../shared/api/progress.ts';
import { AppError, type CallResult } from '../../shared/errors.ts';
import { describeIssues } from '../../shared/validation.ts';
import type { CallContext, Handlers, Session } from './context.ts';
import type { Logger } from './logging/logger.ts';
import { storeAppError } from './store/storeErrors.ts';
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

/** What a transport gives a call besides its input: cancel, and where its progress goes. */
export interface CallControl {
  signal?: AbortSignal;
  /** Awaited: the host may pace long work (the test web host does, to make it slow on purpose). */
  onProgress?: (p: ProgressStep) => void | Promise<void>;
}

export type Dispatch = (
  name: string,
  rawInput: unknown,
  session: Session,
  control?: CallControl,
) => Promise<CallResult<unknown>>;

/** Throws CANCELLED when the call's signal has been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', CANCELLED_MESSAGE);
}

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
  return async (name, rawInput, session, control = {}) => {
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
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const { signal } = control;
      const progress = async (step: number, steps: number, label: string) => {
        throwIfCancelled(signal);
        await control.onProgress?.({ step, steps, label });
        throwIfCancelled(signal);
      };
      throwIfCancelled(signal);
      const value = await handler(parsed.data, { session, user, progress, ...(signal ? { signal } : {}) });
      const out = spec.output.safeParse(value);
      if (!out.success) {
        log.error(`[baocao] output of ${name} does not match the contract`, out.error.issues);
        throw new AppError('INTERNAL', 'Lỗi nội bộ: dữ liệu trả về không đúng định dạng');
      }
      return { ok: true, value: out.data };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: { code: e.code, message: clip(e.message) } };
      log.error(`[baocao] ${name} failed`, e);
      // A damaged, read-only, full or locked store says so, with its remedy.
      const store = storeAppError(e);
      if (store) return { ok: false, error: store.toPayload() };
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Đã xảy ra lỗi không mong muốn. Thao tác chưa được thực hiện.' },
      };
    }
  };
}
