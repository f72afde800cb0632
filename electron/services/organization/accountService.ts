import { AppError } from '../../../shared/errors.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { Organization } from '../../../shared/domain/organization/schemas.ts';
import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Db } from '../store/openDatabase.ts';
import type { OrganizationRepository } from './organizationRepository.ts';
import type { UsersRepository } from './usersRepository.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { createLoginThrottle } from './loginThrottle.ts';
import { signIn, signOut } from '../sessions/sessionPolicy.ts';

interface Deps {
  db: Db;
  catalogs: Map<string, Catalog>;
  organization: OrganizationRepository;
  users: UsersRepository;
  audit: AuditLog;
  clock: () => Date;
}

export function checkOrganization(profile: Organization, catalogs: Map<string, Catalog>) {
  const catalog = catalogs.get(profile.planId);
  if (!catalog) throw new AppError('VALIDATION', `Không có kế hoạch mẫu "${profile.planId}"`);
  if (!catalog.agencyTypes.some((a) => a.code === profile.agencyType)) {
    throw new AppError(
      'VALIDATION',
      `Loại cơ quan: "${profile.agencyType}" không có trong ${catalog.number}`,
    );
  }
}

/** First-run setup, login and the department profile. */
export function createAccountHandlers(deps: Deps) {
  const { db, catalogs, organization, users, audit, clock } = deps;
  const throttle = createLoginThrottle(clock);
  const isSetUp = () => organization.get() !== null && users.count() > 0;
  const defaultCatalog = () => [...catalogs.values()][0];

  const handlers: Pick<
    Handlers,
    | 'app.status'
    | 'setup.complete'
    | 'auth.login'
    | 'auth.logout'
    | 'auth.changePassword'
    | 'organization.update'
  > = {
    'app.status': (_input, ctx) => {
      const org = organization.get();
      const catalog = (org && catalogs.get(org.planId)) || defaultCatalog();
      return { setUp: isSetUp(), user: ctx.user, organization: org, agencyTypes: catalog?.agencyTypes ?? [] };
    },

    'setup.complete': async ({ organization: profile, admin }, ctx) => {
      if (isSetUp()) throw new AppError('ALREADY_SET_UP', 'Ứng dụng đã được thiết lập; hãy đăng nhập');
      checkOrganization(profile, catalogs);
      if (!admin.roles.includes('quan_tri')) {
        throw new AppError('VALIDATION', 'Tài khoản đầu tiên phải có vai trò Quản trị');
      }
      const hash = await hashPassword(admin.password);
      // Checked again inside the transaction: two windows may finish the wizard at the same moment.
      const user = db.transaction(() => {
        if (isSetUp()) throw new AppError('ALREADY_SET_UP', 'Ứng dụng đã được thiết lập; hãy đăng nhập');
        organization.save(profile);
        const u = users.insert(admin.username, admin, hash);
        audit.append(u.id, 'setup.complete', { organization: profile.name, admin: u.username });
        return u;
      })();
      signIn(ctx.session, user.id, users.sessionEpoch(user.id) ?? 0, clock());
      return user;
    },

    'auth.login': async ({ username, password }, ctx) => {
      if (!isSetUp()) throw new AppError('SETUP_REQUIRED', 'Ứng dụng chưa được thiết lập');
      const client = ctx.session.client;
      throttle.check(username, client);
      // Counted before the slow hash check, so guesses sent in parallel still hit the lock.
      throttle.fail(username, client);
      const found = users.findForLogin(username);
      const valid = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
      if (!found || !valid || !found.user.active) {
        // A disabled account is told exactly what a wrong password is told: the answer must not
        // confirm that a guessed password is right.
        db.transaction(() =>
          audit.append(found?.user.id ?? null, 'auth.login.failed', {
            username,
            ...(found && valid ? { disabled: true } : {}),
          }),
        )();
        throw new AppError('INVALID_CREDENTIALS', 'Sai tên đăng nhập hoặc mật khẩu');
      }
      throttle.succeed(username, client);
      db.transaction(() => audit.append(found.user.id, 'auth.login', {}))();
      signIn(ctx.session, found.user.id, users.sessionEpoch(found.user.id) ?? 0, clock());
      return found.user;
    },

    'auth.logout': (_input, ctx) => {
      signOut(ctx.session);
      return { ok: true as const };
    },

    'auth.changePassword': async ({ currentPassword, newPassword }, ctx) => {
      const me = currentUser(ctx);
      const found = users.findForLogin(me.username);
      if (!found || !(await verifyPassword(currentPassword, found.passwordHash))) {
        throw new AppError('VALIDATION', 'Mật khẩu hiện tại: không đúng');
      }
      const hash = await hashPassword(newPassword);
      db.transaction(() => {
        users.setPassword(me.id, hash);
        audit.append(me.id, 'auth.changePassword', {});
      })();
      // Every other session of this user ends at its next call; this one goes on, under the new
      // epoch, as a fresh sign-in (the web host gives it a new identifier).
      signIn(ctx.session, me.id, users.sessionEpoch(me.id) ?? 0, clock());
      return { ok: true as const };
    },

    'organization.update': (profile, ctx) => {
      checkOrganization(profile, catalogs);
      db.transaction(() => {
        organization.save(profile);
        audit.append(currentUser(ctx).id, 'organization.update', profile);
      })();
      return organization.get()!;
    },
  };
  return handlers;
}
