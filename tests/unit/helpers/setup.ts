import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Session } from '../../../electron/services/context.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import type { Db } from '../../../electron/services/store/openDatabase.ts';
import type { MethodInput, MethodName } from '../../../shared/api.ts';
import type { ErrorPayload } from '../../../shared/errors.ts';
import type { User } from '../../../shared/domain/organization/schemas.ts';

/** A resources dir (tests/fixtures) whose plans/ holds one small plan template. */
export const FIXTURE_RESOURCES = fileURLToPath(new URL('../../fixtures', import.meta.url));
export const FIXTURE_PLAN_ID = 'KH-THU-NGHIEM-2026';

export const ADMIN_PASSWORD = 'MatKhau-QuanTri-2026';

export function orgInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Sở Khoa học và Công nghệ',
    parentName: 'UBND tỉnh Bắc Ninh',
    agencyType: 'so_ban_nganh',
    abbreviation: 'SKHCN',
    place: 'Bắc Ninh',
    planId: FIXTURE_PLAN_ID,
    ...overrides,
  };
}

export function adminInput(overrides: Record<string, unknown> = {}) {
  return {
    username: 'quantri',
    fullName: 'Quản Trị Viên',
    roles: ['quan_tri'],
    password: ADMIN_PASSWORD,
    ...overrides,
  };
}

/** A clock the test moves by hand. */
export function manualClock(startIso: string) {
  let now = Date.parse(startIso);
  return {
    clock: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(iso: string) {
      now = Date.parse(iso);
    },
  };
}

export const newSession = (): Session => ({ userId: null });

/** Calls through the one gate every transport uses, for one session. */
export type Caller = <K extends MethodName>(
  name: K,
  input: MethodInput<K> | unknown,
) => ReturnType<Services['dispatch']>;
export function caller(services: Services, session: Session): Caller {
  return (name, input) => services.dispatch(name, input, session);
}

export function expectOk<T = unknown>(r: Awaited<ReturnType<Services['dispatch']>>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

export function expectError(
  r: Awaited<ReturnType<Services['dispatch']>>,
  code: ErrorPayload['code'],
): ErrorPayload {
  expect(r.ok, r.ok ? 'expected an error, got ok' : '').toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error.code, r.error.message).toBe(code);
  return r.error;
}

const VIETNAMESE_LETTER = /[ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;
// zod's English defaults; the vi locale still prints type names ("mong đợi string"), which we tolerate.
const ENGLISH_WORDS = /\b(invalid|expected|received|required|error)\b/i;

/** A message a clerk can read: Vietnamese, with no English leftovers and no stack trace. */
export function expectVietnamese(message: string) {
  expect(message).toMatch(VIETNAMESE_LETTER);
  expect(message).not.toMatch(ENGLISH_WORDS);
  expect(message).not.toMatch(/\n\s+at |\.ts:\d+/);
}

/** Every row of every table, for "nothing changed" checks. */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}"`).all()]));
}

export interface Department {
  services: Services;
  session: Session;
  call: Caller;
  admin: User;
}

/** A fresh department (in memory unless `dataDir`), set up through dispatch; the session is the admin's. */
export async function setUpDepartment(
  options: {
    clock?: () => Date;
    organization?: Record<string, unknown>;
    resourcesDir?: string;
    /** A store on disk, to close and open again; in memory when omitted. */
    dataDir?: string;
  } = {},
): Promise<Department> {
  const services = createServices({
    resourcesDir: options.resourcesDir ?? FIXTURE_RESOURCES,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const session = newSession();
  const call = caller(services, session);
  const admin = expectOk<User>(
    await call('setup.complete', { organization: orgInput(options.organization), admin: adminInput() }),
  );
  return { services, session, call, admin };
}

/** Creates a user as the admin of `dept` and returns it. */
export async function createUser(dept: Department, fields: Record<string, unknown>): Promise<User> {
  return expectOk<User>(
    await dept.call('users.create', { roles: ['chuyen_vien'], password: 'MatKhau-ChuyenVien', ...fields }),
  );
}

/** A new session of `dept` logged in as `username`. */
export async function loginAs(dept: Department, username: string, password: string) {
  const session = newSession();
  const call = caller(dept.services, session);
  expectOk(await call('auth.login', { username, password }));
  return { session, call };
}
