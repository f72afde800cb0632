import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api.ts';
import type { User } from '../../shared/domain/organization/schemas.ts';

/**
 * Who is calling. The host owns it: one per window in Electron, one per browser client in web
 * mode. Handlers change `userId` only through login and logout.
 */
export interface Session {
  userId: string | null;
}

export interface CallContext {
  session: Session;
  /** The logged-in user, read fresh for each call so a disabled account stops at once. */
  user: User | null;
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
