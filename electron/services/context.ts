import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api.ts';
import type { User } from '../../shared/domain/organization/schemas.ts';

/**
 * Who is calling. The host owns it: one per window in Electron, one per browser session in web
 * mode. Handlers change it only through signIn/signOut (sessions/sessionPolicy.ts); the dispatcher
 * ends it when it has been idle too long, is too old, or the password changed.
 */
export interface Session {
  userId: string | null;
  /** Set by signIn: when, the user's session epoch then, and the last call (ms since epoch). */
  signedInAt?: number;
  lastSeenAt?: number;
  epoch?: number;
  /**
   * Names the browser or window across sign-ins, for the per-client login throttle; not a
   * secret and never chosen by the client.
   */
  client?: string;
}

export interface CallContext {
  session: Session;
  /** The logged-in user, read fresh for each call so a disabled account stops at once. */
  user: User | null;
  /**
   * Aborted when the person pressed "Hủy" or the caller gave up; only entries marked cancellable
   * in the contract look at it, and stop without having changed anything.
   */
  signal?: AbortSignal;
  /**
   * Long work says which step it has begun (shown as a progress bar). Throws CANCELLED once the
   * call was cancelled, so a handler stops at its next step; await it.
   */
  progress?: (step: number, steps: number, label: string) => Promise<void>;
}

export type Handler<K extends MethodName> = (
  input: ParsedInput<K>,
  ctx: CallContext,
) => MethodOutput<K> | Promise<MethodOutput<K>>;

export type Handlers = { [K in MethodName]: Handler<K> };

/** A handler that needs a user gets one: the dispatcher has already checked access. */
export function currentUser(ctx: CallContext): User {
  if (!ctx.user) throw new Error('handler reached without a user; check its access rule');
  return ctx.user;
}
