import { describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/index.ts';
import type { User } from '../../shared/domain/organization/schemas.ts';
import {
  FIXTURE_RESOURCES,
  adminInput,
  caller,
  createUser,
  dumpTables,
  expectError,
  expectOk,
  expectVietnamese,
  loginAs,
  newSession,
  orgInput,
  setUpDepartment,
} from './helpers/setup.ts';

const update = (u: User, changes: Partial<User> = {}) => ({
  id: u.id,
  fullName: u.fullName,
  roles: u.roles,
  title: u.title,
  signingAuthority: u.signingAuthority,
  active: u.active,
  ...changes,
});

describe('access is enforced by dispatch, whatever the UI shows', () => {
  it('a session that has not logged in cannot read the home page or the user list', async () => {
    const { services } = await setUpDepartment();
    const anonymous = caller(services, newSession());
    for (const name of ['home.get', 'users.list'] as const) {
      expectVietnamese(expectError(await anonymous(name, {}), 'UNAUTHENTICATED').message);
    }
    services.close();
  });

  it('a chuyên viên cannot manage users or change the organization; a quản trị can', async () => {
    const dept = await setUpDepartment();
    await createUser(dept, { username: 'chuyenvien', fullName: 'Nguyễn Văn A' });
    const clerk = await loginAs(dept, 'chuyenvien', 'MatKhau-ChuyenVien');
    const before = dumpTables(dept.services.db);

    const newUser = {
      username: 'moi',
      fullName: 'Trần Văn Mới',
      roles: ['quan_tri'],
      password: 'MatKhau-Moi-1',
    };
    for (const [name, input] of [
      ['users.create', newUser],
      ['organization.update', orgInput({ name: 'Cơ quan bị đổi tên' })],
      ['users.list', {}],
    ] as const) {
      expectVietnamese(expectError(await clerk.call(name, input), 'FORBIDDEN').message);
    }
    expect(dumpTables(dept.services.db)).toEqual(before);
    // But the clerk is logged in and can read the home page.
    expectOk(await clerk.call('home.get', {}));

    expectOk(
      await dept.call('organization.update', orgInput({ name: 'Sở Khoa học và Công nghệ tỉnh Bắc Ninh' })),
    );
    const status = expectOk<{ organization: { name: string } }>(await clerk.call('app.status', {}));
    expect(status.organization.name).toBe('Sở Khoa học và Công nghệ tỉnh Bắc Ninh');
    dept.services.close();
  });

  it('a quản trị cannot move the department to an agency type the plan does not name', async () => {
    const dept = await setUpDepartment();
    const before = dumpTables(dept.services.db);
    const err = expectError(
      await dept.call('organization.update', orgInput({ agencyType: 'loai_khong_co' })),
      'VALIDATION',
    );
    expect(err.message).toContain('Loại cơ quan');
    expect(dumpTables(dept.services.db)).toEqual(before);
    dept.services.close();
  });

  it('a lãnh đạo needs a title for the signature block; the signing authority may be empty (ký trực tiếp)', async () => {
    const dept = await setUpDepartment();
    const err = expectError(
      await dept.call('users.create', {
        username: 'giamdoc',
        fullName: 'Lê Văn Giám',
        roles: ['lanh_dao'],
        password: 'MatKhau-LanhDao',
      }),
      'VALIDATION',
    );
    expect(err.message).toContain('Chức vụ');
    expect(err.message).not.toContain('Thẩm quyền ký');
    // The head who signs in person has no authority line: created without one.
    const direct = expectOk<User>(
      await dept.call('users.create', {
        username: 'giamdoc2',
        fullName: 'Lê Văn Giám',
        roles: ['lanh_dao'],
        title: 'Giám đốc',
        password: 'MatKhau-LanhDao',
      }),
    );
    expect(direct.signingAuthority).toBe('');

    // Promoting an existing clerk to leader without those fields is refused the same way.
    const clerk = await createUser(dept, { username: 'chuyenvien', fullName: 'Nguyễn Văn A' });
    const promote = expectError(
      await dept.call('users.update', update(clerk, { roles: ['lanh_dao'] })),
      'VALIDATION',
    );
    expect(promote.message).toContain('Chức vụ');
    const leader = expectOk<User>(
      await dept.call(
        'users.update',
        update(clerk, { roles: ['lanh_dao'], title: 'Phó Giám đốc', signingAuthority: 'KT. GIÁM ĐỐC' }),
      ),
    );
    expect(leader).toMatchObject({
      roles: ['lanh_dao'],
      title: 'Phó Giám đốc',
      signingAuthority: 'KT. GIÁM ĐỐC',
    });
    dept.services.close();
  });

  it('the last active quản trị can be neither demoted nor deactivated', async () => {
    const dept = await setUpDepartment();
    const before = dumpTables(dept.services.db);
    for (const changes of [{ roles: ['chuyen_vien' as const] }, { active: false }]) {
      const err = expectError(await dept.call('users.update', update(dept.admin, changes)), 'CONFLICT');
      expectVietnamese(err.message);
    }
    expect(dumpTables(dept.services.db)).toEqual(before);

    // With a second administrator, the first may step down.
    await createUser(dept, { username: 'quantri2', fullName: 'Phạm Quản Trị', roles: ['quan_tri'] });
    expectOk(await dept.call('users.update', update(dept.admin, { roles: ['chuyen_vien'] })));
    expectError(await dept.call('users.list', {}), 'FORBIDDEN');
    dept.services.close();
  });

  it("a deactivated user's open session stops at once and they cannot log in again", async () => {
    const dept = await setUpDepartment();
    const clerk = await createUser(dept, { username: 'chuyenvien', fullName: 'Nguyễn Văn A' });
    const theirs = await loginAs(dept, 'chuyenvien', 'MatKhau-ChuyenVien');
    expectOk(await theirs.call('home.get', {}));

    expectOk(await dept.call('users.update', update(clerk, { active: false })));
    expectError(await theirs.call('home.get', {}), 'UNAUTHENTICATED');
    expect(expectOk<{ user: User | null }>(await theirs.call('app.status', {})).user).toBeNull();

    const again = expectError(
      await theirs.call('auth.login', { username: 'chuyenvien', password: 'MatKhau-ChuyenVien' }),
      'INVALID_CREDENTIALS',
    );
    expectVietnamese(again.message);
    expect(theirs.session.userId).toBeNull();
    dept.services.close();
  });
});

describe('users', () => {
  it('lists users in Vietnamese alphabetical order', async () => {
    const dept = await setUpDepartment();
    const names = ['Đặng Văn B', 'Nguyễn Thị Ánh', 'Bùi Thị C', 'Ân Văn D'];
    for (const [i, fullName] of names.entries()) await createUser(dept, { username: `user${i}`, fullName });

    const listed = expectOk<User[]>(await dept.call('users.list', {})).map((u) => u.fullName);
    const all = [...names, dept.admin.fullName];
    const collator = new Intl.Collator('vi');
    expect(listed).toEqual([...all].sort(collator.compare));
    // Â comes after A and before B; Đ after D: not the order of code units.
    expect(listed.filter((n) => names.includes(n))).toEqual([
      'Ân Văn D',
      'Bùi Thị C',
      'Đặng Văn B',
      'Nguyễn Thị Ánh',
    ]);
    expect(listed).not.toEqual([...all].sort());
    dept.services.close();
  });

  it('a duplicate username is a CONFLICT, whatever its case', async () => {
    const dept = await setUpDepartment();
    const before = dumpTables(dept.services.db);
    const err = expectError(
      await dept.call('users.create', {
        username: 'QuanTri',
        fullName: 'Người Khác',
        roles: ['chuyen_vien'],
        password: 'MatKhau-123',
      }),
      'CONFLICT',
    );
    expectVietnamese(err.message);
    expect(dumpTables(dept.services.db)).toEqual(before);
    dept.services.close();
  });
});

describe('first-run setup', () => {
  it('cannot be completed a second time', async () => {
    const { services } = await setUpDepartment();
    const before = dumpTables(services.db);
    const other = caller(services, newSession());
    const err = expectError(
      await other('setup.complete', {
        organization: orgInput({ name: 'Cơ quan khác' }),
        admin: adminInput({ username: 'keday' }),
      }),
      'ALREADY_SET_UP',
    );
    expectVietnamese(err.message);
    expect(dumpTables(services.db)).toEqual(before);
    services.close();
  });

  it('refuses an agency type that the plan does not name, and a first user who is not quản trị', async () => {
    const services = createServices({ resourcesDir: FIXTURE_RESOURCES });
    const session = newSession();
    const call = caller(services, session);
    const before = dumpTables(services.db);

    const badType = expectError(
      await call('setup.complete', {
        organization: orgInput({ agencyType: 'so_khong_co' }),
        admin: adminInput(),
      }),
      'VALIDATION',
    );
    expect(badType.message).toContain('Loại cơ quan');
    const notAdmin = expectError(
      await call('setup.complete', {
        organization: orgInput(),
        admin: adminInput({ roles: ['chuyen_vien'] }),
      }),
      'VALIDATION',
    );
    expectVietnamese(notAdmin.message);

    expect(dumpTables(services.db)).toEqual(before);
    expect(session.userId).toBeNull();
    expect(expectOk<{ setUp: boolean }>(await call('app.status', {})).setUp).toBe(false);
    services.close();
  });
});
