import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import { upgradeReportContent } from '../../../shared/domain/reports/upgradeReport.ts';
import { expectError, expectOk, expectVietnamese, manualClock } from '../helpers/setup.ts';
import {
  editSession,
  realCatalog,
  semiannual2026,
  setUpDrafting,
  type ReportDocument,
} from '../helpers/drafts.ts';

type Home = MethodOutput<'home.get'>;
const annual = (year: number) => ({ kind: 'annual', year, month: null, fromPrevious: false }) as const;

describe('the services keep each body to its own duties', () => {
  it('the press may not open a half-year report, Tỉnh đoàn no periodic one; both may write an ad hoc one', async () => {
    const press = await setUpDrafting({ agencyType: 'co_quan_bao_chi' });
    const refused = expectError(await press.clerk('reports.create', semiannual2026), 'VALIDATION');
    expect(refused.message).toBe(
      'Loại báo cáo: Cơ quan báo chí, truyền thông khác không phải gửi báo cáo 6 tháng đầu năm theo Kế hoạch số 34/KH-UBND; khi có yêu cầu, hãy lập báo cáo đột xuất',
    );
    press.services.close();

    const youth = await setUpDrafting({ agencyType: 'tinh_doan' });
    expectVietnamese(expectError(await youth.clerk('reports.create', annual(2026)), 'VALIDATION').message);
    expect(expectOk<MethodOutput<'reports.propose'>>(await youth.clerk('reports.propose', {}))).toEqual([]);
    const adhoc = expectOk<ReportDocument>(
      await youth.clerk('reports.create', {
        kind: 'adhoc',
        title: 'Báo cáo kết quả phong trào Bình dân học vụ số',
        deadline: '2026-04-10',
        from: '2026-01-01',
        to: '2026-03-31',
        fromPrevious: false,
      }),
    );
    // Its own tasks (V.9.a, V.9.b) and the indicator it leads (CT12).
    expect(adhoc.content.tasks.map((t) => t.taskId)).toEqual(['V.9.a', 'V.9.b']);
    expect(adhoc.content.indicators.map((i) => i.code)).toEqual(['CT12']);
    youth.services.close();
  });

  it('no report of a period that ended before the plan took effect, or after 2030', async () => {
    const d = await setUpDrafting({ agencyType: 'so_ban_nganh' });
    const early = expectError(
      await d.clerk('reports.create', { ...semiannual2026, year: 2025 }),
      'VALIDATION',
    );
    expect(early.message).toBe(
      'Kỳ báo cáo 6 tháng đầu năm 2025 kết thúc ngày 14/6/2025, trước khi Kế hoạch có hiệu lực (20/8/2025): không phải lập báo cáo kỳ này',
    );
    expectError(await d.clerk('reports.create', annual(2031)), 'VALIDATION');
    const first = expectOk<ReportDocument>(await d.clerk('reports.create', annual(2025)));
    expect(first.content.period).toMatchObject({ from: '2025-08-20', to: '2025-12-14' });
    d.services.close();
  });

  it('Sở KH&CN is not told to send to itself; Sở Nội vụ sees CT12; Ban Tuyên giáo its duties and no date', async () => {
    const time = manualClock('2026-03-02T03:00:00Z');
    const kh = await setUpDrafting({ agencyType: 'so_khcn', clock: time.clock });
    const home = expectOk<Home>(await kh.clerk('home.get', {}));
    expect(home.duties.flatMap((d) => d.sendTo)).not.toContain('Sở Khoa học và Công nghệ');
    expect(home.duties.find((d) => d.kind === 'periodic')!.sendTo).toEqual([
      'Ủy ban nhân dân tỉnh Bắc Ninh',
      'Bộ Khoa học và Công nghệ',
    ]);
    expect(home.monitored.map((i) => i.code)).toEqual([
      'CT01',
      'CT02',
      'CT03',
      'CT04',
      'CT09',
      'CT11',
      'CT13',
    ]);
    kh.services.close();

    const nv = await setUpDrafting({ agencyType: 'so_noi_vu', clock: time.clock });
    const nvHome = expectOk<Home>(await nv.clerk('home.get', {}));
    expect(nvHome.indicators.map((i) => i.code)).toEqual(['CT01', 'CT02', 'CT05', 'CT06', 'CT07', 'CT12']);
    expect(nvHome.duties.map((d) => d.kind)).toEqual(['plan', 'periodic']);
    nv.services.close();

    const btg = await setUpDrafting({ agencyType: 'ban_tuyen_giao', clock: time.clock });
    const btgHome = expectOk<Home>(await btg.clerk('home.get', {}));
    expect(btgHome.tasks.map((t) => t.id)).toEqual(['V.1.1', 'V.1.2']);
    expect(btgHome.partnerTasks.map((t) => t.id)).toEqual(['V.4.a', 'V.5.a', 'V.6.a', 'V.7.a', 'V.7.dd']);
    expect([btgHome.duties, btgHome.deadlines, btgHome.indicators]).toEqual([[], [], []]);
    btg.services.close();
  });
});

describe('content migration: drafts follow the catalog, reports past drafting stay as they were', () => {
  /** A report as the app stored it before CT01, CT06 and CT07 became yes/no answers. */
  function oldShape(content: ReportContent): ReportContent {
    const old = structuredClone(content);
    const ratio = (code: string, measure: string, n: number | null, d: number | null, url = '') => {
      const ind = old.indicators.find((i) => i.code === code)!;
      ind.values = [{ measure, numerator: n, denominator: d, count: null, done: null, evidenceUrl: url }];
    };
    ratio('CT01', 'ty_le_ban_hanh_ke_hoach', 1, 1, 'https://skhcn.bacninh.gov.vn/kh');
    ratio('CT06', 'ty_le_tuyen_truyen_dvctt', 0, 1);
    ratio('CT07', 'ty_le_dang_tai_huong_dan_dvctt', null, null);
    return old;
  }

  it('turns a "1/1" typed for a units indicator into its yes/no answers, and is idempotent', () => {
    const catalog = realCatalog();
    const fresh = upgradeReportContent(
      {
        period: {} as ReportContent['period'],
        indicators: [],
        tasks: [],
        activities: [],
        sections: {} as ReportContent['sections'],
      },
      catalog,
      'so_khcn',
    );
    const old = oldShape(fresh);
    const up = upgradeReportContent(old, catalog, 'so_khcn');
    const values = (code: string) =>
      up.indicators.find((i) => i.code === code)!.values.map((v) => [v.measure, v.done, v.evidenceUrl]);
    expect(values('CT01')).toEqual([
      ['da_ban_hanh_ke_hoach', true, 'https://skhcn.bacninh.gov.vn/kh'],
      ['da_co_chuyen_muc', true, 'https://skhcn.bacninh.gov.vn/kh'],
    ]);
    expect(values('CT06')).toEqual([['da_tuyen_truyen_dvctt', false, '']]);
    expect(values('CT07')).toEqual([['da_dang_tai_huong_dan_dvctt', null, '']]);
    expect(upgradeReportContent(up, catalog, 'so_khcn')).toEqual(up);
  });

  it('a stored old draft opens upgraded, saves, and goes for approval in the new shape; a submitted one is left as it was', async () => {
    const d = await setUpDrafting({ agencyType: 'so_khcn' });
    const created = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const id = created.meta.id;
    const store = d.services.db.prepare('UPDATE documents SET content_json = ? WHERE id = ?');
    store.run(JSON.stringify(oldShape(created.content)), id);

    const opened = expectOk<ReportDocument>(await d.clerk('reports.get', { id }));
    expect(opened.content.indicators.find((i) => i.code === 'CT01')!.values.map((v) => v.done)).toEqual([
      true,
      true,
    ]);
    // The editor saves what it was given: the check compares with the upgraded stored report.
    const saved = expectOk<{ revision: number }>(
      await d.clerk('reports.save', {
        id,
        baseRevision: created.meta.revision,
        editSession: editSession('u'),
        content: opened.content,
      }),
    );
    const stored = JSON.parse(
      (
        d.services.db.prepare('SELECT content_json FROM documents WHERE id = ?').get(id) as {
          content_json: string;
        }
      ).content_json,
    ) as ReportContent;
    expect(stored.indicators.find((i) => i.code === 'CT06')!.values[0]!.measure).toBe(
      'da_tuyen_truyen_dvctt',
    );

    // Back to the old shape, then "Gửi duyệt" straight away: the upgrade is stored as its own version first.
    store.run(JSON.stringify(oldShape(created.content)), id);
    const submit = expectOk<MethodOutput<'workflow.submit'>>(
      await d.clerk('workflow.submit', { id, baseRevision: saved.revision }),
    );
    expect(submit.submitted).toBe(false); // still blank elsewhere
    expect(submit.meta.revision).toBe(saved.revision + 1);
    const audit = d.services.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reports.upgrade'")
      .get();
    expect(audit).toEqual({ n: 1 });

    // A report past drafting is shown exactly as it was sent.
    d.services.db
      .prepare("UPDATE documents SET status = 'submitted', content_json = ? WHERE id = ?")
      .run(JSON.stringify(oldShape(created.content)), id);
    const sent = expectOk<ReportDocument>(await d.clerk('reports.get', { id }));
    expect(sent.content.indicators.find((i) => i.code === 'CT01')!.values[0]!.measure).toBe(
      'ty_le_ban_hanh_ke_hoach',
    );
    d.services.close();
  });

  it('a department that changes its agency type (other press body → Báo và PT-TH) sees its draft follow', async () => {
    const d = await setUpDrafting({ agencyType: 'co_quan_bao_chi' });
    const monthly = { kind: 'monthly', year: 2026, month: 3, fromPrevious: false } as const;
    const r = expectOk<ReportDocument>(await d.clerk('reports.create', monthly));
    expect(r.content.indicators.map((i) => i.code)).toEqual(['CT02', 'CT05']);
    expect(r.content.tasks.map((t) => t.taskId)).not.toContain('III.1.a.9');
    const org = expectOk<{ organization: Record<string, unknown> }>(
      await d.dept.call('app.status', {}),
    ).organization;
    expectOk(await d.dept.call('organization.update', { ...org, agencyType: 'bao_ptth_tinh' }));
    const after = expectOk<ReportDocument>(await d.clerk('reports.get', { id: r.meta.id }));
    expect(after.content.indicators.map((i) => i.code)).toEqual(['CT02', 'CT03', 'CT05', 'CT14', 'CT15']);
    expect(after.content.tasks.map((t) => t.taskId)).toContain('III.1.a.9');

    // Had it been a sở, its monthly report would no longer be a duty: listed, never "Quá hạn".
    expectOk(await d.dept.call('organization.update', { ...org, agencyType: 'so_tai_chinh' }));
    const listed = expectOk<MethodOutput<'reports.list'>>(await d.clerk('reports.list', {}));
    expect(listed.map((x) => x.status.timeliness)).toEqual(['not_owed']);
    d.services.close();
  });
});
