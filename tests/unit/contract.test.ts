import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { api, methodNames, type MethodName } from '../../shared/api.ts';
import { empty } from '../../shared/api/method.ts';
import { createServices, defaultResourcesDir } from '../../electron/services/index.ts';
import { createDispatch } from '../../electron/services/dispatch.ts';
import { createUsersRepository } from '../../electron/services/organization/usersRepository.ts';
import type { User } from '../../shared/domain/organization/schemas.ts';
import {
  ADMIN_PASSWORD,
  FIXTURE_RESOURCES,
  adminInput,
  caller,
  dumpTables,
  expectError,
  expectOk,
  expectVietnamese,
  newSession,
  orgInput,
  setUpDepartment,
} from './helpers/setup.ts';

interface Status {
  setUp: boolean;
  user: User | null;
  organization: { name: string } | null;
}

describe('the contract table and the handler table', () => {
  it('every method of the contract has a handler, and every handler is in the contract', () => {
    const services = createServices({ resourcesDir: FIXTURE_RESOURCES });
    expect(Object.keys(services.handlers).sort()).toEqual([...methodNames].sort());
    services.close();
  });
});

describe('a round trip through dispatch', () => {
  it('setup, logout, wrong password, right password', async () => {
    const services = createServices({ resourcesDir: FIXTURE_RESOURCES });
    const call = caller(services, newSession());

    const before = expectOk<Status>(await call('app.status', {}));
    expect(before).toMatchObject({ setUp: false, user: null, organization: null });

    const admin = expectOk<User>(
      await call('setup.complete', { organization: orgInput(), admin: adminInput({ username: 'QuanTri' }) }),
    );
    expect(admin).toMatchObject({ username: 'quantri', roles: ['quan_tri'], active: true });

    const afterSetup = expectOk<Status>(await call('app.status', {}));
    expect(afterSetup.setUp).toBe(true);
    expect(afterSetup.user?.id).toBe(admin.id);
    expect(afterSetup.organization?.name).toBe('Sở Khoa học và Công nghệ');

    expectOk(await call('auth.logout', {}));
    expect(expectOk<Status>(await call('app.status', {})).user).toBeNull();

    const wrong = expectError(
      await call('auth.login', { username: 'quantri', password: 'sai-mat-khau' }),
      'INVALID_CREDENTIALS',
    );
    expectVietnamese(wrong.message);
    expect(expectOk<Status>(await call('app.status', {})).user).toBeNull();

    // Usernames are case-insensitive: what the clerk typed at setup is not what they type today.
    const back = expectOk<User>(await call('auth.login', { username: 'QUANTRI', password: ADMIN_PASSWORD }));
    expect(back.id).toBe(admin.id);
    expect(expectOk<Status>(await call('app.status', {})).user?.id).toBe(admin.id);
    services.close();
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const { services } = await setUpDepartment();
    const call = caller(services, newSession());
    const unknown = expectError(
      await call('auth.login', { username: 'khongco', password: 'bat-ky-gi' }),
      'INVALID_CREDENTIALS',
    );
    const wrong = expectError(
      await call('auth.login', { username: 'quantri', password: 'bat-ky-gi' }),
      'INVALID_CREDENTIALS',
    );
    expect(unknown.message).toBe(wrong.message);
    services.close();
  });
});

/** Inputs that a broken or hostile client might send, and the field label the answer must name. */
const namedFieldCases: { method: MethodName; input: unknown; label: string }[] = [
  {
    method: 'setup.complete',
    input: { organization: orgInput({ name: '   ' }), admin: adminInput() },
    label: 'Tên cơ quan',
  },
  { method: 'setup.complete', input: { organization: orgInput() }, label: 'Tài khoản quản trị' },
  { method: 'auth.login', input: { username: 'quantri' }, label: 'Mật khẩu' },
  {
    method: 'auth.changePassword',
    input: { currentPassword: ADMIN_PASSWORD, newPassword: 'ngan' },
    label: 'Mật khẩu mới',
  },
  { method: 'organization.update', input: orgInput({ place: '' }), label: 'Địa danh' },
  { method: 'organization.update', input: orgInput({ abbreviation: 'Sở KH' }), label: 'Chữ viết tắt' },
  {
    method: 'users.create',
    input: { username: 'nva', roles: ['chuyen_vien'], password: 'MatKhau-123' },
    label: 'Họ và tên',
  },
  {
    method: 'users.create',
    input: { username: 'a b', fullName: 'Nguyễn Văn A', roles: ['chuyen_vien'], password: 'MatKhau-123' },
    label: 'Tên đăng nhập',
  },
  {
    method: 'users.update',
    input: { id: 'x', fullName: 'Nguyễn Văn A', roles: ['chuyen_vien'], title: '', signingAuthority: '' },
    label: 'Trạng thái',
  },
  { method: 'plans.create', input: { extra: 1 }, label: 'extra' },
  { method: 'plans.save', input: { id: 'x', baseRevision: 0, editSession: 'x' }, label: 'Phiên soạn thảo' },
  {
    method: 'reports.create',
    input: {
      kind: 'adhoc',
      title: ' ',
      deadline: '2026-12-01',
      from: '2026-01-01',
      to: '2026-11-30',
      fromPrevious: false,
    },
    label: 'Tiêu đề báo cáo',
  },
  {
    method: 'reports.create',
    input: { kind: 'semiannual', year: 2026, month: null },
    label: 'Tạo từ kỳ trước',
  },
  { method: 'reports.get', input: {}, label: 'Mã văn bản' },
  {
    method: 'reports.save',
    input: { id: 'x', baseRevision: -1, editSession: 'abcdefgh' },
    label: 'Số lần lưu',
  },
  { method: 'workflow.submit', input: { id: 'x' }, label: 'Số lần lưu' },
  { method: 'workflow.get', input: {}, label: 'Mã văn bản' },
  { method: 'workflow.withdraw', input: { id: '' }, label: 'Mã văn bản' },
  {
    method: 'workflow.return',
    input: {
      id: 'x',
      baseRevision: 1,
      reason: 'Thiếu số liệu',
      comments: [{ area: 'task', key: 'a', text: ' ' }],
    },
    label: 'Ý kiến 1 – Nội dung ý kiến',
  },
  { method: 'workflow.approve', input: { id: 'x' }, label: 'Số lần lưu' },
  { method: 'workflow.signingPreview', input: { id: '' }, label: 'Mã văn bản' },
  { method: 'outbox.retry', input: { packageId: 'khong-phai-uuid' }, label: 'Mã gói' },
  { method: 'outbox.receipt', input: {}, label: 'Mã gói' },
  { method: 'outbox.enrol', input: { serverUrl: 'https://skhcn.example', code: '12' }, label: 'Mã đăng ký' },
  {
    method: 'workflow.issue',
    input: { id: 'x', baseRevision: 1, issuedOn: '2026-06-10', recipients: [] },
    label: 'Nơi nhận',
  },
  { method: 'workflow.amend', input: { id: 'x' }, label: 'Lý do' },
  { method: 'workflow.resolveComment', input: { resolved: true }, label: 'Mã ý kiến' },
  { method: 'register.list', input: { year: 1999 }, label: 'Năm' },
  { method: 'register.propose', input: { documentId: 'x', issuedOn: '10/6/2026' }, label: 'Ngày ban hành' },
  { method: 'register.cancel', input: { id: 'x' }, label: 'Lý do' },
  { method: 'register.export', input: {}, label: 'Năm' },
  { method: 'documents.issuedFile', input: { issueId: 'x', sha256: 'abc' }, label: 'Mã tệp' },
  { method: 'documents.versions', input: {}, label: 'Mã văn bản' },
  { method: 'documents.diff', input: { id: 'x', from: 0, to: null }, label: 'Phiên bản gốc' },
  { method: 'documents.restoreVersion', input: { id: 'x', versionNo: 0 }, label: 'Phiên bản' },
  { method: 'drafts.deletion', input: {}, label: 'Mã văn bản' },
  { method: 'drafts.delete', input: { id: '' }, label: 'Mã văn bản' },
  { method: 'attachments.add', input: { documentId: 'x', name: ' ', dataBase64: '' }, label: 'Tên tệp' },
  { method: 'attachments.remove', input: { documentId: 'x', sha256: 'abc' }, label: 'Mã tệp' },
  { method: 'attachments.get', input: { documentId: 'x' }, label: 'Mã tệp' },
  { method: 'documents.renderDocx', input: {}, label: 'Mã văn bản' },
  { method: 'documents.renderPdf', input: {}, label: 'Mã văn bản' },
  { method: 'spreadsheets.export', input: { id: 'x', what: 'pdf' }, label: 'Loại tệp' },
  {
    method: 'spreadsheets.previewImport',
    input: { id: 'x', fileName: '', dataBase64: '' },
    label: 'Tên tệp',
  },
  {
    method: 'spreadsheets.applyImport',
    input: { id: 'x', fileName: 'a.xlsx', dataBase64: '' },
    label: 'Số lần lưu',
  },
  { method: 'sessions.updateSettings', input: { idleMinutes: 'tám giờ' }, label: 'Tự đăng xuất' },
  { method: 'audit.verify', input: { anchor: { headHash: 'abc', entryCount: 1 } }, label: 'Mã băm cuối' },
  { method: 'signing.tokens', input: { library: '' }, label: 'Thư viện PKCS#11' },
  { method: 'signing.tokenCertificates', input: { library: '/x.so' }, label: 'Thiết bị ký số' },
  {
    method: 'signing.useToken',
    input: { library: '/x.so', tokenSerial: 'a', certificateId: 'XYZ' },
    label: 'Chứng thư trên thiết bị',
  },
  {
    method: 'signing.importP12',
    input: { fileName: 'a.p12', dataBase64: 'AA==', password: '' },
    label: 'Mật khẩu',
  },
  { method: 'signing.createTrial', input: { password: 'ngắn' }, label: 'Mật khẩu' },
  { method: 'signing.testSign', input: { pin: '' }, label: 'Mã PIN' },
  { method: 'signing.setSignatureImage', input: {}, label: 'Nội dung tệp' },
  {
    method: 'signing.organization.useToken',
    input: { library: '', tokenSerial: 'a', certificateId: '01' },
    label: 'Thư viện PKCS#11',
  },
  {
    method: 'signing.organization.importP12',
    input: { fileName: '', dataBase64: 'AA==', password: 'x' },
    label: 'Tên tệp',
  },
  { method: 'signing.organization.createTrial', input: {}, label: 'Mật khẩu' },
  { method: 'signing.organization.testSign', input: { password: '' }, label: 'Mật khẩu' },
  {
    method: 'signing.organization.setSeal',
    input: { dataBase64: 'AA==', diameterMm: 80 },
    label: 'Đường kính dấu',
  },
  {
    method: 'signing.trustedRoots.add',
    input: { fileName: 'goc.cer', dataBase64: '' },
    label: 'Nội dung tệp',
  },
  { method: 'signing.trustedRoots.remove', input: { sha256: 'abc' }, label: 'Chứng thư gốc' },
  { method: 'signing.verify', input: { fileName: 'a.pdf' }, label: 'Nội dung tệp' },
  { method: 'backup.setFolder', input: { folder: 42 }, label: 'Thư mục sao lưu' },
  { method: 'backup.inspect', input: { fileName: '../../etc/passwd' }, label: 'Bản sao lưu' },
  { method: 'backup.restore', input: {}, label: 'Bản sao lưu' },
  {
    method: 'sokhcn.login',
    input: { serverUrl: '', username: 'a', password: 'b' },
    label: 'Địa chỉ máy chủ',
  },
  {
    method: 'sokhcn.overview',
    input: { periodKey: '../x', agencyType: null, state: null },
    label: 'Kỳ báo cáo',
  },
  { method: 'sokhcn.package', input: { packageId: 'khong-phai-uuid' }, label: 'Mã gói' },
  { method: 'sokhcn.file', input: { packageId: 'x', name: 'a.pdf' }, label: 'Mã gói' },
  { method: 'sokhcn.decide', input: { packageId: 'x', decision: 'xoa' }, label: 'Quyết định' },
  { method: 'sokhcn.consolidation', input: { periodKey: 'plan' }, label: 'Chỉ tính báo cáo đã tiếp nhận' },
  { method: 'sokhcn.lateListXlsx', input: { periodKey: '' }, label: 'Kỳ báo cáo' },
  {
    method: 'letters.createDondoc',
    input: { periodKey: 'semiannual-2026', agencyType: null, state: 'xoa' },
    label: 'Tình trạng gửi',
  },
  { method: 'letters.get', input: { id: '' }, label: 'Mã văn bản' },
  {
    method: 'letters.save',
    input: {
      id: 'x',
      baseRevision: 1,
      editSession: 'abcdefgh',
      content: { summary: 'a', draftingUnit: 'v p', addressees: [], body: '', recipients: [], subject: null },
    },
    label: 'Đơn vị soạn thảo',
  },
  {
    method: 'sokhcn.consolidationXlsx',
    input: { periodKey: 'plan', acceptedOnly: false, charts: [{ title: 'a', pngBase64: '%%' }] },
    label: 'Ảnh biểu đồ',
  },
  {
    method: 'sokhcn.createConsolidatedReport',
    input: { periodKey: 'semiannual-2026' },
    label: 'Chỉ tính báo cáo đã tiếp nhận',
  },
  { method: 'logs.report', input: { page: 'home', message: 'x', stack: 42 }, label: 'Vết lỗi' },
  { method: 'audit.list', input: { limit: 500 }, label: 'Số mục mỗi trang' },
  { method: 'audit.list', input: { from: '2026-06-30', to: '2026-06-01' }, label: 'Đến ngày' },
];

describe('invalid input is refused at the gate, in Vietnamese, and changes nothing', () => {
  it('every method refuses a number instead of an object', async () => {
    const { services, call } = await setUpDepartment();
    const before = dumpTables(services.db);
    for (const name of methodNames) {
      const err = expectError(await call(name, 42), 'VALIDATION');
      expectVietnamese(err.message);
    }
    expect(dumpTables(services.db)).toEqual(before);
    services.close();
  });

  it('methods without input refuse unexpected fields', async () => {
    const { services, call } = await setUpDepartment();
    for (const name of ['app.status', 'auth.logout', 'home.get', 'users.list'] as const) {
      expectError(await call(name, { userId: 'someone-else' }), 'VALIDATION');
    }
    services.close();
  });

  it('a missing or bad field is named in the message', async () => {
    const { services, call, session, admin } = await setUpDepartment();
    const before = dumpTables(services.db);
    for (const c of namedFieldCases) {
      const err = expectError(await call(c.method, c.input), 'VALIDATION');
      expectVietnamese(err.message);
      expect(err.message, `${c.method}: ${err.message}`).toContain(c.label);
    }
    expect(dumpTables(services.db)).toEqual(before);
    // Still logged in as before: a refused call does not touch the session either.
    expect(session.userId).toBe(admin.id);
    services.close();
  });

  it('every method with fields has at least one named-field case', () => {
    const withFields = methodNames.filter((n) => api[n].input !== empty);
    const covered = new Set(namedFieldCases.map((c) => c.method));
    expect(withFields.filter((n) => !covered.has(n))).toEqual([]);
  });
});

describe('errors that cross the boundary', () => {
  it('an unknown method name is UNKNOWN_METHOD, including names inherited from Object', async () => {
    const { services, call } = await setUpDepartment();
    for (const name of ['users.delete', 'toString', '__proto__', 'constructor', '']) {
      const err = expectError(await call(name as MethodName, {}), 'UNKNOWN_METHOD');
      expectVietnamese(err.message);
    }
    services.close();
  });

  it('a handler throwing a plain Error becomes INTERNAL with a generic Vietnamese message', async () => {
    const { services, session } = await setUpDepartment();
    const log = { error: vi.fn() };
    const secret = new Error('SQLITE_CORRUPT at /home/clerk/.baocao/baocao.sqlite');
    const dispatch = createDispatch(
      {
        ...services.handlers,
        'users.list': () => {
          throw secret;
        },
      },
      createUsersRepository(services.db, () => new Date()),
      log as unknown as Console,
    );
    const r = await dispatch('users.list', {}, session);
    const err = expectError(r, 'INTERNAL');
    expectVietnamese(err.message);
    expect(err.message).not.toContain('SQLITE_CORRUPT');
    expect(err.message).not.toContain('/home/clerk');
    expect(JSON.stringify(r)).not.toMatch(/stack|\bat .*:\d+/);
    // The details stay in the main-process log.
    expect(log.error).toHaveBeenCalled();
    expect(log.error.mock.calls.flat()).toContain(secret);
    services.close();
  });

  it('a corrupted stored profile surfaces as INTERNAL, not as a crash or a stack', async () => {
    const { services, call } = await setUpDepartment();
    services.db.prepare(`UPDATE organization SET profile_json = '{"name": 5}'`).run();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const err = expectError(await call('app.status', {}), 'INTERNAL');
    spy.mockRestore();
    expectVietnamese(err.message);
    expect(err.message).not.toMatch(/name|ZodError|\.ts/);
    services.close();
  });
});

const realCatalog = path.join(defaultResourcesDir(), 'plans', '34-KH-UBND-2025.json');

describe('with the real plan catalog', () => {
  it.skipIf(!fs.existsSync(realCatalog))(
    'sets up a department under Kế hoạch 34 by default and shows its duties',
    async () => {
      const { services, call } = await setUpDepartment({
        resourcesDir: defaultResourcesDir(),
        organization: { planId: undefined },
      });
      const status = expectOk<Status & { organization: { planId: string } }>(await call('app.status', {}));
      expect(status.organization.planId).toBe('34-KH-UBND-2025');
      const home = expectOk<{
        plan: { number: string };
        tasks: { appliesTo: string[] }[];
        indicators: unknown[];
      }>(await call('home.get', {}));
      expect(home.plan.number).toBe('34/KH-UBND');
      expect(home.tasks.length).toBeGreaterThan(0);
      expect(home.tasks.every((t) => t.appliesTo.includes('so_ban_nganh'))).toBe(true);
      services.close();
    },
  );
});
