import { describe, expect, it } from 'vitest';
import { createServices, defaultResourcesDir, type Services } from '../../../electron/services/index.ts';
import type { MethodOutput } from '../../../shared/api.ts';
import {
  editSession,
  fillCompletely,
  realCatalog,
  realOrganization,
  tempDir,
  type ReportDocument,
} from '../../unit/helpers/drafts.ts';
import { adminInput, caller, expectOk, newSession, orgInput, type Caller } from '../../unit/helpers/setup.ts';
import { adhocReport } from '../../unit/helpers/workflow.ts';

type Issued = MethodOutput<'workflow.issue'>;
const PASSWORD = 'MatKhau-QuyTrinh-2026';

async function login(services: Services, username: string): Promise<Caller> {
  const call = caller(services, newSession());
  expectOk(await call('auth.login', { username, password: PASSWORD }));
  return call;
}

describe('two BaoCao instances issuing over one database file at the same time', () => {
  it('never give the same number twice and skip none', async () => {
    const dataDir = tempDir('baocao-race-');
    const clock = () => new Date('2026-06-10T03:00:00Z');
    const one = createServices({ dataDir, resourcesDir: defaultResourcesDir(), clock });
    const admin = caller(one, newSession());
    expectOk(
      await admin('setup.complete', { organization: orgInput(realOrganization()), admin: adminInput() }),
    );
    for (const [username, fields] of [
      ['chuyenvien', { fullName: 'Nguyễn Văn A', roles: ['chuyen_vien'] }],
      [
        'lanhdao',
        {
          fullName: 'Lê Văn Phó',
          roles: ['lanh_dao'],
          title: 'Phó Giám đốc',
          signingAuthority: 'KT. Giám đốc',
        },
      ],
      ['vanthu', { fullName: 'Phạm Thị Thư', roles: ['van_thu'] }],
    ] as const) {
      expectOk(await admin('users.create', { username, password: PASSWORD, ...fields }));
    }
    const clerk = await login(one, 'chuyenvien');
    const head = await login(one, 'lanhdao');
    const catalog = realCatalog();
    const docs: { id: string; revision: number }[] = [];
    for (let i = 0; i < 8; i++) {
      const r = expectOk<ReportDocument>(await clerk('reports.create', adhocReport(i + 1)));
      const { revision } = expectOk<{ revision: number }>(
        await clerk('reports.save', {
          id: r.meta.id,
          baseRevision: 1,
          editSession: editSession(`r${i}`),
          content: fillCompletely(r.content, catalog),
        }),
      );
      expectOk(await clerk('workflow.submit', { id: r.meta.id, baseRevision: revision }));
      expectOk(await head('workflow.approve', { id: r.meta.id, baseRevision: revision }));
      docs.push({ id: r.meta.id, revision });
    }

    // A second instance on the same file (another window of the desktop app, or web mode beside it).
    const two = createServices({ dataDir, resourcesDir: defaultResourcesDir(), clock });
    const vanThu = [await login(one, 'vanthu'), await login(two, 'vanthu')];
    const results = await Promise.all(
      docs.map((d, i) =>
        vanThu[i % 2]!('workflow.issue', {
          id: d.id,
          baseRevision: d.revision,
          issuedOn: '2026-06-10',
          recipients: ['Lãnh đạo cơ quan'],
        }),
      ),
    );
    const numbers = results.map((r) => expectOk<Issued>(r).issue.number).sort();
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `0${i + 1}/BC-SKHCN`));
    const rows = one.db.prepare('SELECT seq FROM register_entries ORDER BY seq').all();
    expect(rows).toEqual(Array.from({ length: 8 }, (_, i) => ({ seq: i + 1 })));
    one.close();
    two.close();
  }, 60_000);
});
