import { AppError } from '../../../shared/errors.ts';
import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Db } from '../store/openDatabase.ts';
import type { UsersRepository } from './usersRepository.ts';
import { hashPassword } from './passwords.ts';

export function createUsersHandlers(db: Db, users: UsersRepository, audit: AuditLog) {
  const handlers: Pick<Handlers, 'users.list' | 'users.create' | 'users.update'> = {
    'users.list': () => users.list(),

    'users.create': async (input, ctx) => {
      const hash = await hashPassword(input.password);
      return db.transaction(() => {
        const u = users.insert(input.username, input, hash);
        audit.append(currentUser(ctx).id, 'users.create', { id: u.id, username: u.username, roles: u.roles });
        return u;
      })();
    },

    'users.update': async ({ id, newPassword, ...fields }, ctx) => {
      const hash = newPassword ? await hashPassword(newPassword) : undefined;
      return db.transaction(() => {
        const stillAdmin = fields.active && fields.roles.includes('quan_tri');
        if (!stillAdmin && users.get(id)?.roles.includes('quan_tri') && users.otherActiveAdmins(id) === 0) {
          throw new AppError('CONFLICT', 'Không thể bỏ quyền hoặc khóa người quản trị cuối cùng');
        }
        const u = users.update(id, fields, hash);
        audit.append(currentUser(ctx).id, 'users.update', {
          id,
          roles: u.roles,
          active: u.active,
          passwordReset: Boolean(hash),
        });
        return u;
      })();
    },
  };
  return handlers;
}
