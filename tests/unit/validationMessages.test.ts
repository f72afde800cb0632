import { describe, expect, it } from 'vitest';
import { expectError, setUpDepartment } from './helpers/setup.ts';

describe('messages a clerk reads when input is refused', () => {
  it('name the field and say what is wrong in plain Vietnamese, not JavaScript type names', async () => {
    const { services, call } = await setUpDepartment();
    const wrongType = expectError(
      await call('users.create', {
        username: 'nva',
        fullName: 'Nguyễn Văn A',
        roles: ['chuyen_vien'],
        password: 12345678,
      }),
      'VALIDATION',
    );
    expect(wrongType.message).toContain('Mật khẩu: phải là chữ');
    const missing = expectError(await call('reports.get', {}), 'VALIDATION');
    expect(missing.message).toContain('Mã văn bản: chưa nhập');
    const empty = expectError(
      await call('users.create', {
        username: 'nva',
        fullName: 'Nguyễn Văn A',
        roles: [],
        password: 'MatKhau-123',
      }),
      'VALIDATION',
    );
    expect(empty.message).toContain('Vai trò');
    for (const m of [wrongType.message, missing.message, empty.message]) {
      expect(m).not.toMatch(/\b(string|number|undefined|object|array)\b/);
    }
    services.close();
  });
});
