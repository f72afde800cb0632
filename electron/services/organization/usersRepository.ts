import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/domain/organization/roles.ts';
import type { User } from '../../../shared/domain/organization/schemas.ts';
import type { Db } from '../store/openDatabase.ts';

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  roles_json: string;
  title: string;
  signing_authority: string;
  password_hash: string;
  active: number;
  created_at: string;
}

function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    roles: JSON.parse(r.roles_json) as Role[],
    title: r.title,
    signingAuthority: r.signing_authority,
    active: r.active === 1,
    createdAt: r.created_at,
  };
}

export interface UserFields {
  fullName: string;
  roles: Role[];
  title: string;
  signingAuthority: string;
}

const collator = new Intl.Collator('vi');

export function createUsersRepository(db: Db, clock: () => Date) {
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const byUsername = db.prepare('SELECT * FROM users WHERE username = ?');
  const epochOf = db.prepare('SELECT session_epoch FROM users WHERE id = ?');
  return {
    count(): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
    },
    get(id: string): User | null {
      const r = byId.get(id) as UserRow | undefined;
      return r ? toUser(r) : null;
    },
    findForLogin(username: string): { user: User; passwordHash: string } | null {
      const r = byUsername.get(username) as UserRow | undefined;
      return r ? { user: toUser(r), passwordHash: r.password_hash } : null;
    },
    /** Sorted by Vietnamese name order, as people expect to find colleagues. */
    list(): User[] {
      const users = (db.prepare('SELECT * FROM users').all() as UserRow[]).map(toUser);
      return users.sort(
        (a, b) => collator.compare(a.fullName, b.fullName) || collator.compare(a.username, b.username),
      );
    },
    insert(username: string, fields: UserFields, passwordHash: string): User {
      if (byUsername.get(username))
        throw new AppError('CONFLICT', `Tên đăng nhập "${username}" đã có người dùng`);
      const id = randomUUID();
      const now = clock().toISOString();
      db.prepare(
        `INSERT INTO users (id, username, full_name, roles_json, title, signing_authority, password_hash, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ).run(
        id,
        username,
        fields.fullName,
        JSON.stringify(fields.roles),
        fields.title,
        fields.signingAuthority,
        passwordHash,
        now,
        now,
      );
      return this.get(id)!;
    },
    update(id: string, fields: UserFields & { active: boolean }, passwordHash?: string): User {
      const now = clock().toISOString();
      const r = db
        .prepare(
          `UPDATE users SET full_name = ?, roles_json = ?, title = ?, signing_authority = ?, active = ?, updated_at = ?,
             password_hash = COALESCE(?, password_hash),
             session_epoch = session_epoch + (CASE WHEN ? IS NULL THEN 0 ELSE 1 END) WHERE id = ?`,
        )
        .run(
          fields.fullName,
          JSON.stringify(fields.roles),
          fields.title,
          fields.signingAuthority,
          fields.active ? 1 : 0,
          now,
          passwordHash ?? null,
          passwordHash ?? null,
          id,
        );
      if (r.changes === 0) throw new AppError('NOT_FOUND', 'Không tìm thấy người dùng');
      return this.get(id)!;
    },
    setPassword(id: string, passwordHash: string) {
      db.prepare(
        'UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1, updated_at = ? WHERE id = ?',
      ).run(passwordHash, clock().toISOString(), id);
    },
    /**
     * Grows with every password change: a session signed in under an older epoch has ended. Null
     * for a user that no longer exists.
     */
    sessionEpoch(id: string): number | null {
      const r = epochOf.get(id) as { session_epoch: number } | undefined;
      return r ? r.session_epoch : null;
    },
    /** Active administrators other than `exceptId`: the last one may not be demoted or disabled. */
    otherActiveAdmins(exceptId: string): number {
      return this.list().filter((u) => u.id !== exceptId && u.active && u.roles.includes('quan_tri')).length;
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
