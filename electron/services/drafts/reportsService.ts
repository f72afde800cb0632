import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { MethodOutput, ParsedInput } from '../../../shared/api.ts';
import { daysBetween, vietnamToday } from '../../../shared/domain/calendarDate.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import {
  adhocPeriod,
  owedPeriod,
  periodKey,
  proposeReports,
  reportKindLabels,
  timelinessOf,
  type ReportPeriod,
} from '../../../shared/domain/periods/reportPeriods.ts';
import { dutyRulesFor } from '../../../shared/domain/periods/reportDeadlines.ts';
import type { PlanContent } from '../../../shared/domain/plans/planContent.ts';
import { carryOverReport, newReportContent } from '../../../shared/domain/reports/newReport.ts';
import { upgradeReportContent } from '../../../shared/domain/reports/upgradeReport.ts';
import {
  activityPlanFields,
  reportActivities,
  type ReportActivity,
  type ReportContent,
} from '../../../shared/domain/reports/reportContent.ts';
import { validateReport } from '../../../shared/domain/reports/reportValidation.ts';
import type { Handlers } from '../context.ts';
import { currentUser } from '../context.ts';
import type { AttachmentsRepository } from './attachmentsService.ts';
import {
  department,
  requireDocument,
  requireSameIds,
  type DepartmentContext,
  saveDocumentContent,
  type DraftsDeps,
} from './documentAccess.ts';
import type { StoredDocument } from './documentsRepository.ts';
import { PLAN_PERIOD_KEY } from './plansService.ts';
import { reportContentOf } from './reportUpgrade.ts';

/** An ad hoc report keeps the title the clerk gave it; periodic ones are named by their period. */
export const reportTitle = (catalog: Catalog, period: ReportPeriod) =>
  period.kind === 'adhoc'
    ? period.title
    : `Báo cáo kết quả thực hiện Kế hoạch số ${catalog.number} ${period.title}`;

const periodOf = (doc: StoredDocument) => (doc.content as ReportContent).period;

const samePeriod = (a: ReportPeriod, b: ReportPeriod) =>
  a.kind === b.kind &&
  a.year === b.year &&
  a.month === b.month &&
  a.title === b.title &&
  a.from === b.from &&
  a.to === b.to &&
  a.deadline === b.deadline &&
  a.lastDay === b.lastDay;

/** Newest period first: by the end of the data window, then the deadline, then creation. */
const newestFirst = (a: StoredDocument, b: StoredDocument) => {
  const pa = periodOf(a);
  const pb = periodOf(b);
  return (
    pb.to.localeCompare(pa.to) ||
    pb.deadline.localeCompare(pa.deadline) ||
    b.meta.createdAt.localeCompare(a.meta.createdAt)
  );
};

/** What the department owes under the plan: which periodic kinds, the term, the wording of the dates. */
const rulesOf = ({ catalog, org }: DepartmentContext) => dutyRulesFor(catalog, org.agencyType);

type CreateInput = ParsedInput<'reports.create'>;

/** The period asked for, or a Vietnamese refusal naming the field that is wrong. */
function periodAsked(input: CreateInput, dept: DepartmentContext): { period: ReportPeriod; key: string } {
  if (input.kind === 'adhoc') {
    try {
      if (daysBetween(input.from, input.to) < 0) {
        throw new AppError('VALIDATION', 'Đến ngày: phải sau hoặc trùng Từ ngày');
      }
      daysBetween(input.from, input.deadline);
    } catch (e) {
      // parseIsoDate refuses days that do not exist (30/2) with a Vietnamese RangeError.
      if (e instanceof RangeError)
        throw new AppError('VALIDATION', `Ngày của báo cáo đột xuất: ${e.message}`);
      throw e;
    }
    const period = adhocPeriod(input.title, input.deadline, input.from, input.to);
    return { period, key: periodKey(period, randomUUID()) };
  }
  const rules = rulesOf(dept);
  if (!(input.kind === 'monthly' ? rules.monthly : rules.periodic)) {
    throw new AppError(
      'VALIDATION',
      `Loại báo cáo: ${dept.agencyType.name} không phải gửi ${reportKindLabels[input.kind].toLowerCase()} theo Kế hoạch số ${dept.catalog.number}; khi có yêu cầu, hãy lập báo cáo đột xuất`,
    );
  }
  if (input.kind === 'monthly') {
    if (input.month === null) throw new AppError('VALIDATION', 'Tháng: báo cáo tháng phải chọn tháng');
  } else if (input.month !== null) {
    throw new AppError('VALIDATION', 'Tháng: chỉ báo cáo tháng mới chọn tháng');
  }
  try {
    const period = owedPeriod(input.kind, input.year, input.month, rules);
    return { period, key: periodKey(period) };
  } catch (e) {
    // The message names the field itself: "Kỳ báo cáo 6 tháng đầu năm 2025 kết thúc ngày …".
    if (e instanceof RangeError) throw new AppError('VALIDATION', e.message);
    throw e;
  }
}

/** The report to copy from: the latest periodic one, or the latest ad hoc one if there is no other. */
function previousReport(reports: StoredDocument[]): StoredDocument | null {
  const periodic = reports.filter((r) => periodOf(r).kind !== 'adhoc');
  return [...(periodic.length ? periodic : reports)].sort(newestFirst)[0] ?? null;
}

/**
 * The activities come from the issued plan: a save reports on each of them (status, result) and
 * may neither add, drop nor reword one.
 */
function requireSamePlanActivities(next: readonly ReportActivity[], stored: readonly ReportActivity[]) {
  requireSameIds(
    next.map((a) => a.activityId),
    stored.map((a) => a.activityId),
    'Hoạt động của kế hoạch',
  );
  next.forEach((a) => {
    const s = stored.find((x) => x.activityId === a.activityId)!;
    if (activityPlanFields.some((f) => JSON.stringify(a[f]) !== JSON.stringify(s[f]))) {
      throw new AppError(
        'VALIDATION',
        `Hoạt động "${s.content.slice(0, 80)}": nội dung, thời gian, đơn vị và sản phẩm lấy từ kế hoạch đã ban hành, không sửa được trong báo cáo`,
      );
    }
  });
}

export function createReportsHandlers(deps: DraftsDeps & { attachments: AttachmentsRepository }) {
  const { db, documents, audit, clock, attachments } = deps;
  const today = () => vietnamToday(clock());
  const upgradeFor = (id: string, content: ReportContent) => {
    const doc = documents.get(id)!;
    return reportContentOf(deps, { ...doc, content });
  };

  const reportDocument = (doc: StoredDocument): MethodOutput<'reports.get'> => ({
    meta: doc.meta,
    content: reportContentOf(deps, doc),
    attachments: attachments.list(doc.meta.id),
  });

  const handlers: Pick<
    Handlers,
    'reports.list' | 'reports.propose' | 'reports.create' | 'reports.get' | 'reports.save'
  > = {
    'reports.list': () => {
      const dept = department(deps);
      const { catalog } = dept;
      const rules = rulesOf(dept);
      const now = today();
      return documents
        .list('report', catalog.id)
        .sort(newestFirst)
        .map((doc) => {
          const period = periodOf(doc);
          // Sent means issued (once at least); the upload receipt takes over when the outbox lands.
          return {
            meta: doc.meta,
            period,
            status: timelinessOf(period, now, doc.meta.issued !== null, rules),
          };
        });
    },

    'reports.propose': () => {
      const dept = department(deps);
      const now = today();
      const existing = new Set(documents.list('report', dept.catalog.id).map((d) => d.periodKey));
      return proposeReports(now, rulesOf(dept), existing).map((period) => ({
        period,
        status: timelinessOf(period, now, false),
      }));
    },

    'reports.create': (input, ctx) => {
      const user = currentUser(ctx);
      const dept = department(deps);
      const { catalog, org } = dept;
      const { period, key } = periodAsked(input, dept);
      return db
        .transaction(() => {
          if (documents.find('report', catalog.id, key)) {
            throw new AppError('CONFLICT', `Đã có báo cáo ${period.title}`);
          }
          const plan = documents.find('plan', catalog.id, PLAN_PERIOD_KEY);
          let content = newReportContent(
            catalog,
            org.agencyType,
            period,
            (plan?.content as PlanContent) ?? null,
            plan?.meta.status === 'issued' ? (plan.content as PlanContent) : null,
          );
          let copiedFrom: string | null = null;
          if (input.fromPrevious) {
            const previous = previousReport(documents.list('report', catalog.id));
            if (!previous) throw new AppError('VALIDATION', 'Chưa có báo cáo kỳ trước để sao chép');
            // Copied in the catalog's current shape, even from a report issued before it changed.
            const source = upgradeReportContent(previous.content as ReportContent, catalog, org.agencyType);
            content = carryOverReport(content, source);
            copiedFrom = previous.meta.id;
          }
          const doc = documents.insert({
            kind: 'report',
            catalogId: catalog.id,
            periodKey: key,
            title: reportTitle(catalog, period),
            content,
            userId: user.id,
          });
          audit.append(user.id, 'reports.create', { id: doc.meta.id, periodKey: key, copiedFrom });
          return reportDocument(doc);
        })
        .immediate();
    },

    'reports.get': ({ id }) => reportDocument(requireDocument(documents, id, 'report')),

    'reports.save': ({ id, baseRevision, editSession, content }, ctx) =>
      saveDocumentContent<ReportContent>(deps, {
        kind: 'report',
        id,
        baseRevision,
        editSession,
        content,
        userId: currentUser(ctx).id,
        check: (next, storedAsIs) => {
          // The editor works on the report as the catalog now wants it (reportUpgrade.ts).
          const stored = upgradeFor(id, storedAsIs);
          if (!samePeriod(next.period, stored.period)) {
            throw new AppError(
              'VALIDATION',
              `Kỳ báo cáo: không đổi được kỳ của báo cáo đã tạo (${stored.period.title}); hãy tạo báo cáo mới cho kỳ khác`,
            );
          }
          requireSameIds(
            next.indicators.map((i) => i.code),
            stored.indicators.map((i) => i.code),
            'Chỉ tiêu',
          );
          for (const ind of next.indicators) {
            const measures = stored.indicators.find((s) => s.code === ind.code)!.values.map((v) => v.measure);
            requireSameIds(
              ind.values.map((v) => v.measure),
              measures,
              `Chỉ tiêu ${ind.code} – đại lượng đo`,
            );
          }
          requireSameIds(
            next.tasks.map((t) => t.taskId),
            stored.tasks.map((t) => t.taskId),
            'Nhiệm vụ',
          );
          requireSamePlanActivities(reportActivities(next), reportActivities(stored));
        },
        validate: validateReport,
      }),
  };
  return handlers;
}
