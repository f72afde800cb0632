import { randomUUID } from 'node:crypto';
import { vietnamToday } from '../../../shared/domain/calendarDate.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import { consolidatedReportContent } from '../../../shared/domain/sokhcn/consolidatedReport.ts';
import { consolidate } from '../../../shared/domain/sokhcn/consolidation.ts';
import { countedContributions } from '../../../shared/domain/sokhcn/counting.ts';
import { dutyByKey, followedDuties, type FollowedDuty } from '../../../shared/domain/sokhcn/duties.ts';
import { describeTimeliness, submissionOverview } from '../../../shared/domain/sokhcn/submissions.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CallContext, Handler, Handlers } from '../context.ts';
import { department, type DraftsDeps } from '../drafts/documentAccess.ts';
import type { DocumentsRepository } from '../drafts/documentsRepository.ts';
import type { SigningService } from '../signing/signingService.ts';
import type { OfficerSessionHolder } from './officerSession.ts';
import { withPressMonths } from './pressMonths.ts';
import { consolidationWorkbook, lateListWorkbook, plansWorkbook } from './sokhcnWorkbooks.ts';

/**
 * Sở KH&CN's side of BaoCao (issue 12), over the intake server's officer API: who has reported
 * what and when, a package opened and checked on this computer, Tiếp nhận / Trả lại, the
 * province's consolidated figures, the consolidated report as Sở's own report of the period, the
 * late list and the plans' activities. Available only in a BaoCao whose agency type is Sở KH&CN.
 */

export interface SokhcnDeps extends Pick<DraftsDeps, 'catalogs' | 'organization'> {
  clock: () => Date;
  documents: DocumentsRepository;
  signing: Pick<SigningService, 'verify'>;
  officer: OfficerSessionHolder;
  createReport: Handler<'reports.create'>;
  getReport: Handler<'reports.get'>;
  saveReport: Handler<'reports.save'>;
}

type Names =
  | 'sokhcn.status'
  | 'sokhcn.login'
  | 'sokhcn.logout'
  | 'sokhcn.duties'
  | 'sokhcn.overview'
  | 'sokhcn.package'
  | 'sokhcn.file'
  | 'sokhcn.decide'
  | 'sokhcn.consolidation'
  | 'sokhcn.plans'
  | 'sokhcn.lateListXlsx'
  | 'sokhcn.consolidationXlsx'
  | 'sokhcn.plansXlsx'
  | 'sokhcn.createConsolidatedReport';

export function createSokhcnHandlers(deps: SokhcnDeps): Pick<Handlers, Names> {
  const { officer } = deps;
  const today = () => vietnamToday(deps.clock());
  const isSokhcn = () => {
    const org = deps.organization.get();
    if (!org) return false;
    return deps.catalogs.get(org.planId)?.reporting.recipientType === org.agencyType;
  };
  /** The plan, once we know this BaoCao is Sở KH&CN's. */
  const sokhcn = () => {
    const dept = department(deps);
    if (dept.catalog.reporting.recipientType !== dept.org.agencyType) {
      throw new AppError('FORBIDDEN', `Chức năng này chỉ dành cho ${dept.catalog.reporting.recipient}`);
    }
    return dept;
  };
  const typeNames = (catalog: Catalog) => {
    const names = new Map(catalog.agencyTypes.map((a) => [a.code, a.name]));
    return (code: string) => names.get(code) ?? code;
  };
  const dutyOf = (catalog: Catalog, key: string): FollowedDuty => {
    const duty = dutyByKey(catalog, key);
    if (!duty) throw new AppError('NOT_FOUND', `Kỳ báo cáo: Kế hoạch ${catalog.number} không có kỳ "${key}"`);
    return duty;
  };
  const organizationsOf = async (duty: FollowedDuty) =>
    officer.unwrap(await officer.client().organizations({ periodKey: duty.periodKey })).organizations;
  const overviewOf = async (catalog: Catalog, duty: FollowedDuty) =>
    submissionOverview(duty, await organizationsOf(duty), today());
  const consolidationOf = async (periodKey: string, acceptedOnly: boolean) => {
    const { catalog } = sokhcn();
    const duty = dutyOf(catalog, periodKey);
    if (duty.kind !== 'report')
      throw new AppError('VALIDATION', 'Kỳ báo cáo: chỉ tổng hợp số liệu từ báo cáo, không từ kế hoạch');
    const organizations = await organizationsOf(duty);
    const overview = submissionOverview(duty, organizations, today());
    const contents = officer.unwrap(await officer.client().contents(periodKey)).packages;
    const counted = countedContributions(overview.rows, contents, { acceptedOnly });
    // Half-year and year: the press's monthly reports folded in (monthlyFolding.ts).
    const withPress = await withPressMonths({
      officer,
      catalog,
      duty,
      today: today(),
      acceptedOnly,
      units: counted.units,
      contributions: counted.contributions,
      periodOrganizations: organizations,
      periodContents: contents,
    });
    const consolidated = consolidate(
      catalog,
      duty.year,
      withPress.units,
      withPress.contributions,
      withPress.press,
    );
    return {
      catalog,
      duty,
      overview,
      consolidated,
      unreadable: [...counted.unreadable, ...withPress.unreadable],
    };
  };
  const agencyTypesOf = (catalog: Catalog) =>
    catalog.agencyTypes.map((a) => ({ code: a.code, name: a.name }));
  const statusValue = () => {
    const s = officer.status();
    return {
      available: isSokhcn(),
      signedIn: s.signedIn,
      serverUrl: s.serverUrl,
      officer: s.session?.officer ?? null,
      expiresAt: s.session?.expiresAt ?? null,
    };
  };
  const plansOf = async () => {
    const { catalog } = sokhcn();
    const duty = dutyOf(catalog, 'plan');
    const overview = await overviewOf(catalog, duty);
    const contents = new Map(
      officer.unwrap(await officer.client().contents('plan')).packages.map((p) => [p.packageId, p]),
    );
    const departments: { code: string; name: string; status: string; activities: number }[] = [];
    const byTask = new Map(
      catalog.tasks.map((t) => [
        t.id,
        {
          taskId: t.id,
          text: t.text,
          activities: [] as {
            organization: string;
            content: string;
            unitInCharge: string;
            expectedOutput: string;
          }[],
        },
      ]),
    );
    for (const r of overview.rows) {
      if (!r.current || r.current.status === 'returned') continue;
      const tasks = contents.get(r.current.packageId)?.planTasks ?? [];
      let n = 0;
      for (const t of tasks) {
        const entry = byTask.get(t.taskId);
        if (!entry || t.notApplicable) continue;
        for (const a of t.activities) {
          entry.activities.push({
            organization: r.name,
            content: a.content,
            unitInCharge: a.unitInCharge,
            expectedOutput: a.expectedOutput,
          });
          n++;
        }
      }
      departments.push({ code: r.code, name: r.name, status: r.current.status, activities: n });
    }
    return { duty, departments, tasks: [...byTask.values()].filter((t) => t.activities.length > 0) };
  };

  return {
    'sokhcn.status': () => statusValue(),
    'sokhcn.login': async (i) => {
      sokhcn();
      await officer.login(i.serverUrl, i.username, i.password);
      return statusValue();
    },
    'sokhcn.logout': async () => {
      await officer.logout();
      return { ok: true as const };
    },
    'sokhcn.duties': () => followedDuties(sokhcn().catalog, today()),
    'sokhcn.overview': async (i) => {
      const { catalog } = sokhcn();
      const duty = dutyOf(catalog, i.periodKey);
      const o = await overviewOf(catalog, duty);
      return {
        duty,
        today: o.today,
        agencyTypes: agencyTypesOf(catalog).filter((a) => duty.appliesTo.includes(a.code)),
        rows: o.rows
          .filter(
            (r) => (!i.agencyType || r.agencyType === i.agencyType) && (!i.state || r.state === i.state),
          )
          .map((r) => ({ ...r, timeliness: describeTimeliness(r, duty, o.today) })),
        summary: o.summary,
      };
    },
    'sokhcn.package': async (i) => {
      sokhcn();
      const client = officer.client();
      const pkg = officer.unwrap(await client.package(i.packageId));
      const pdf = pkg.files.find((f) => f.role === 'pdf');
      if (!pdf) return { package: pkg, pdfCheck: null, pdfName: null };
      const file = officer.unwrap(await client.file(i.packageId, pdf.name));
      return { package: pkg, pdfCheck: await deps.signing.verify(file.bytes, pdf.name), pdfName: pdf.name };
    },
    'sokhcn.file': async (i) => {
      sokhcn();
      const f = officer.unwrap(await officer.client().file(i.packageId, i.name));
      return { fileName: f.name, mime: f.mime, dataBase64: f.bytes.toString('base64') };
    },
    'sokhcn.decide': async (i) => {
      sokhcn();
      const body =
        i.decision === 'returned'
          ? { decision: 'returned' as const, reason: i.reason }
          : { decision: 'accepted' as const };
      return officer.unwrap(await officer.client().decide(i.packageId, body));
    },
    'sokhcn.consolidation': async (i) => {
      const { catalog, duty, overview, consolidated, unreadable } = await consolidationOf(
        i.periodKey,
        i.acceptedOnly,
      );
      return {
        duty,
        acceptedOnly: i.acceptedOnly,
        agencyTypes: agencyTypesOf(catalog),
        ...consolidated,
        unreadable,
        summary: overview.summary,
      };
    },
    'sokhcn.plans': () => plansOf(),
    'sokhcn.lateListXlsx': async (i) => {
      const { catalog } = sokhcn();
      const duty = dutyOf(catalog, i.periodKey);
      return lateListWorkbook(await overviewOf(catalog, duty), typeNames(catalog));
    },
    'sokhcn.consolidationXlsx': async (i) => {
      const { catalog, overview, consolidated } = await consolidationOf(i.periodKey, i.acceptedOnly);
      return consolidationWorkbook(consolidated, overview, i.charts, typeNames(catalog));
    },
    'sokhcn.plansXlsx': async () => plansWorkbook((await plansOf()).tasks),
    'sokhcn.createConsolidatedReport': async (i, ctx: CallContext) => {
      const { catalog, duty, overview, consolidated } = await consolidationOf(i.periodKey, i.acceptedOnly);
      const period = duty.period!;
      if (period.kind === 'adhoc') throw new AppError('VALIDATION', 'Kỳ báo cáo đột xuất chưa được tổng hợp');
      const existing = deps.documents.find('report', catalog.id, duty.periodKey);
      let id: string;
      let created = false;
      if (existing) {
        id = existing.meta.id;
        if (existing.meta.status !== 'draft' && existing.meta.status !== 'returned') {
          throw new AppError(
            'CONFLICT',
            `Báo cáo ${period.title} của Sở đã ở bước "${existing.meta.status === 'issued' ? 'đã ban hành' : 'chờ duyệt'}"; không điền lại số liệu tổng hợp`,
          );
        }
      } else {
        const doc = await deps.createReport(
          { kind: period.kind, year: period.year, month: period.month, fromPrevious: false },
          ctx,
        );
        id = doc.meta.id;
        created = true;
      }
      const doc = await deps.getReport({ id }, ctx);
      const content = consolidatedReportContent(doc.content, consolidated, overview, typeNames(catalog));
      await deps.saveReport(
        { id, baseRevision: doc.meta.revision, editSession: `tonghop-${randomUUID()}`, content },
        ctx,
      );
      return { id, created };
    },
  };
}
