import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, defaultResourcesDir, type Services } from '../../../electron/services/index.ts';
import { loadCatalogFile } from '../../../electron/services/catalog/loadCatalog.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import { minimalDocx, minimalPng } from './zip.ts';
import type { MethodOutput } from '../../../shared/api.ts';
import type { User } from '../../../shared/domain/organization/schemas.ts';
import {
  adminInput,
  caller,
  createUser,
  expectOk,
  loginAs,
  newSession,
  orgInput,
  setUpDepartment,
  type Caller,
  type Department,
} from './setup.ts';

export type PlanDocument = NonNullable<MethodOutput<'plans.get'>>;
export type ReportDocument = MethodOutput<'reports.get'>;
export type SaveResult = MethodOutput<'plans.save'>;

export const REAL_PLAN_ID = '34-KH-UBND-2025';

/** The plan 34/KH-UBND as the services load it. */
export function realCatalog(): Catalog {
  return loadCatalogFile(path.join(defaultResourcesDir(), 'plans', `${REAL_PLAN_ID}.json`));
}
export const CLERK_PASSWORD = 'MatKhau-ChuyenVien';

/** The real plan 34/KH-UBND, for a department of `agencyType`. */
export function realOrganization(agencyType = 'so_khcn', overrides: Record<string, unknown> = {}) {
  return { agencyType, planId: REAL_PLAN_ID, ...overrides };
}

export interface Drafting {
  dept: Department;
  services: Services;
  /** A chuyên viên's session: drafting needs that role, the administrator does not have it. */
  clerk: Caller;
  clerkUser: User;
}

async function addClerk(dept: Department, fullName: string, username: string) {
  const user = await createUser(dept, {
    username,
    fullName,
    roles: ['chuyen_vien'],
    password: CLERK_PASSWORD,
  });
  const { call } = await loginAs(dept, username, CLERK_PASSWORD);
  return { user, call };
}

/** A department on the real plan (by default a Sở KH&CN) with one logged-in chuyên viên. */
export async function setUpDrafting(
  options: { clock?: () => Date; agencyType?: string; fixture?: boolean; dataDir?: string } = {},
): Promise<Drafting> {
  const dept = await setUpDepartment({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.fixture
      ? {}
      : { resourcesDir: defaultResourcesDir(), organization: realOrganization(options.agencyType) }),
  });
  const { user, call } = await addClerk(dept, 'Nguyễn Văn A', 'nguyenvana');
  return { dept, services: dept.services, clerk: call, clerkUser: user };
}

/** A second colleague of the same department, logged in on another window. */
export async function secondClerk(d: Drafting, fullName = 'Trần Thị B', username = 'tranthib') {
  return addClerk(d.dept, fullName, username);
}

/** A department whose store lives in `dataDir`, so the test can close it and open it again. */
export async function setUpOnDisk(dataDir: string, clock?: () => Date) {
  const services = createServices({
    dataDir,
    resourcesDir: defaultResourcesDir(),
    ...(clock ? { clock } : {}),
  });
  const admin = caller(services, newSession());
  expectOk(
    await admin('setup.complete', { organization: orgInput(realOrganization()), admin: adminInput() }),
  );
  expectOk(
    await admin('users.create', {
      username: 'nguyenvana',
      fullName: 'Nguyễn Văn A',
      roles: ['chuyen_vien'],
      password: CLERK_PASSWORD,
    }),
  );
  return services;
}

/** A fresh session of `services` logged in as the chuyên viên of setUpOnDisk. */
export async function clerkOf(services: Services): Promise<Caller> {
  const call = caller(services, newSession());
  expectOk(await call('auth.login', { username: 'nguyenvana', password: CLERK_PASSWORD }));
  return call;
}

export function tempDir(prefix = 'baocao-drafts-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** An editing session id, as an editor window makes one. */
export const editSession = (name: string) => `phien-${name}-0001`;

export const semiannual2026 = { kind: 'semiannual', year: 2026, month: null, fromPrevious: false } as const;

/** Small but real files: the allow-list checks their structure, not only their first bytes. */
export const sampleFiles = {
  pdf: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  png: minimalPng(),
  docx: minimalDocx(),
  txt: Buffer.from('Danh sách cán bộ tham gia tập huấn chuyển đổi số\nNguyễn Văn A; Trần Thị B\n', 'utf8'),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]),
};

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Every indicator, task and section of a report filled in, so nothing blocks "Gửi duyệt". */
export function fillCompletely(content: ReportContent, catalog: Catalog): ReportContent {
  const c = structuredClone(content);
  for (const ind of c.indicators) {
    const cat = catalog.indicators.find((i) => i.code === ind.code)!;
    for (const v of ind.values) {
      const kind = cat.measures.find((m) => m.code === v.measure)!.kind;
      if (kind === 'ratio') Object.assign(v, { numerator: 95, denominator: 100 });
      else if (kind === 'yes_no') Object.assign(v, { done: true, evidenceUrl: 'https://bacninh.gov.vn/cds' });
      else v.count = 12;
    }
  }
  for (const t of c.tasks) Object.assign(t, { status: 'hoan_thanh', result: 'Đã triển khai đầy đủ' });
  for (const s of Object.values(c.sections)) s.text = 'Nội dung đã được tổng hợp';
  return c;
}
