import type { MethodOutput } from '../../../shared/api.ts';
import type { User } from '../../../shared/domain/organization/schemas.ts';
import {
  CLERK_PASSWORD,
  editSession,
  fillCompletely,
  realCatalog,
  semiannual2026,
  setUpDrafting,
  type Drafting,
  type ReportDocument,
  type SaveResult,
} from './drafts.ts';
import { createUser, expectOk, loginAs, type Caller } from './setup.ts';

export type Meta = MethodOutput<'workflow.approve'>;
export type Issued = MethodOutput<'workflow.issue'>;
export type WorkflowView = MethodOutput<'workflow.get'>;

const PASSWORD = 'MatKhau-QuyTrinh-2026';

export interface Person {
  user: User;
  call: Caller;
}

export interface Chain extends Drafting {
  /** Phó Giám đốc, signs "KT. GIÁM ĐỐC". */
  head: Person;
  /** The Giám đốc, who signs in person (no authority line). */
  director: Person;
  vanThu: Person;
  /** A report filled in completely and saved by the clerk, still a draft. */
  readyReport(): Promise<{ id: string; revision: number }>;
  /** Everyone signs in again: after the test moves its clock past a session's maximum age. */
  signInAgain(): Promise<void>;
}

async function person(d: Drafting, username: string, fields: Record<string, unknown>): Promise<Person> {
  const user = await createUser(d.dept, { username, password: PASSWORD, ...fields });
  const { call } = await loginAs(d.dept, username, PASSWORD);
  return { user, call };
}

/** A department with a clerk, two heads and a văn thư, on the real plan 34/KH-UBND. */
export async function setUpChain(options: { clock?: () => Date; dataDir?: string } = {}): Promise<Chain> {
  const d = await setUpDrafting(options);
  const head = await person(d, 'phogiamdoc', {
    fullName: 'Lê Văn Phó',
    roles: ['lanh_dao'],
    title: 'Phó Giám đốc',
    signingAuthority: 'KT. Giám đốc',
  });
  const director = await person(d, 'giamdoc', {
    fullName: 'Trần Văn Giám',
    roles: ['lanh_dao'],
    title: 'Giám đốc',
    signingAuthority: '',
  });
  const vanThu = await person(d, 'vanthu', { fullName: 'Phạm Thị Thư', roles: ['van_thu'] });
  const catalog = realCatalog();
  let created = 0;
  const readyReport = async () => {
    // Each call makes another report (an ad hoc one after the first), so a test can issue several.
    const r = expectOk<ReportDocument>(
      await d.clerk('reports.create', created++ === 0 ? semiannual2026 : adhocReport(created)),
    );
    const saved = expectOk<SaveResult>(
      await d.clerk('reports.save', {
        id: r.meta.id,
        baseRevision: r.meta.revision,
        editSession: editSession(`ready${created}`),
        content: fillCompletely(r.content, catalog),
      }),
    );
    return { id: r.meta.id, revision: saved.revision };
  };
  const signInAgain = async () => {
    expectOk(await d.clerk('auth.login', { username: 'nguyenvana', password: CLERK_PASSWORD }));
    for (const [p, username] of [
      [head, 'phogiamdoc'],
      [director, 'giamdoc'],
      [vanThu, 'vanthu'],
    ] as const) {
      expectOk(await p.call('auth.login', { username, password: PASSWORD }));
    }
  };
  return { ...d, head, director, vanThu, readyReport, signInAgain };
}

/** An ad hoc report of its own: as many as a test needs, within the plan's term. */
export const adhocReport = (n: number) => ({
  kind: 'adhoc',
  title: `Báo cáo nhanh số ${n} kết quả truyền thông Nghị quyết 57`,
  deadline: '2026-06-30',
  from: '2026-01-01',
  to: '2026-06-09',
  fromPrevious: false,
});

/** Clerk submits, the head approves: the document awaits its number. */
export async function approved(chain: Chain, doc: { id: string; revision: number }) {
  expectOk(await chain.clerk('workflow.submit', { id: doc.id, baseRevision: doc.revision }));
  return expectOk<Meta>(
    await chain.head.call('workflow.approve', { id: doc.id, baseRevision: doc.revision }),
  );
}

/** … and the văn thư issues it on `issuedOn`. */
export async function issued(chain: Chain, doc: { id: string; revision: number }, issuedOn: string) {
  await approved(chain, doc);
  return expectOk<Issued>(
    await chain.vanThu.call('workflow.issue', {
      id: doc.id,
      baseRevision: doc.revision,
      issuedOn,
      recipients: ['Sở Khoa học và Công nghệ', 'Lãnh đạo cơ quan'],
    }),
  );
}
