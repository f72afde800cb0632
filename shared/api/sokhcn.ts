import { z } from 'zod';
import { consolidationMethods, monthlyFolds } from '../domain/catalog/indicatorSchema.ts';
import { reportPeriodSchema } from '../domain/periods/reportPeriods.ts';
import { measureValueSchema } from '../domain/reports/reportContent.ts';
import { verificationReportSchema } from '../domain/signing/verification.ts';
import { submissionStates } from '../domain/sokhcn/submissions.ts';
import { officerPackageSchema, packageStatusSchema } from '../intake/schemas.ts';
import { text } from '../text.ts';
import { empty, fileSchema, method, ok } from './method.ts';

/**
 * Sở KH&CN's side (issue 12): who has reported, opening and deciding on a package, the province's
 * consolidated figures. Served by electron/services/sokhcn/ over the intake server's officer API;
 * the officer's server session lives in the main process's memory only.
 */

const achievementSchema = z.enum([
  'dat',
  'chua_dat',
  'vuot',
  'chua_den_han',
  'chua_co_chi_tieu',
  'chua_nhap',
]);

export const officerStatusSchema = z.object({
  /** Only a BaoCao of Sở KH&CN has this side. */
  available: z.boolean(),
  signedIn: z.boolean(),
  serverUrl: z.string().nullable(),
  officer: z.object({ username: z.string(), fullName: z.string() }).nullable(),
  expiresAt: z.string().nullable(),
});

export const followedDutySchema = z.object({
  periodKey: z.string(),
  kind: z.enum(['plan', 'report']),
  title: z.string(),
  period: reportPeriodSchema.nullable(),
  deadline: z.string(),
  lastDay: z.string(),
  dueText: z.string(),
  appliesTo: z.array(z.string()),
  year: z.number().int(),
});

export const submissionRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  agencyType: z.string(),
  state: z.enum(submissionStates),
  firstReceivedAt: z.string().nullable(),
  firstReceivedOn: z.string().nullable(),
  daysLate: z.number().int(),
  current: packageStatusSchema.nullable(),
  packages: z.array(packageStatusSchema),
  /** "Gửi muộn 3 ngày", "Chưa gửi, quá hạn 12 ngày". */
  timeliness: z.string(),
});

export const submissionSummarySchema = z.object({
  expected: z.number().int(),
  sent: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  notSent: z.number().int(),
  overdue: z.number().int(),
  byState: z.record(z.enum(submissionStates), z.number().int()),
  reportingRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});

const agencyTypeRef = z.object({ code: z.string(), name: z.string() });

export const overviewSchema = z.object({
  duty: followedDutySchema,
  today: z.string(),
  agencyTypes: z.array(agencyTypeRef),
  /** The rows after the filters; the summary is of every department that owes the duty. */
  rows: z.array(submissionRowSchema),
  summary: submissionSummarySchema,
});

const measureFigureSchema = z.object({
  measure: z.string(),
  label: z.string(),
  kind: z.enum(['ratio', 'count', 'yes_no', 'programmes']),
  unit: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  target: z.number().nullable(),
  achievement: achievementSchema,
});

const unitSchema = z.object({ code: z.string(), name: z.string(), agencyType: z.string() });

export const indicatorFigureSchema = z.object({
  code: z.string(),
  text: z.string(),
  method: z.enum(consolidationMethods),
  note: z.string(),
  basis: z.string(),
  reportingTypes: z.array(z.string()),
  monthlyFold: z.enum(monthlyFolds).nullable(),
  measures: z.array(measureFigureSchema),
  achievement: achievementSchema,
  targetText: z.string(),
  expected: z.number().int(),
  contributed: z.number().int(),
  missing: z.array(unitSchema),
  departments: z.array(
    unitSchema.extend({
      packageId: z.string(),
      status: z.enum(['accepted', 'received']),
      counted: z.boolean(),
      values: z.array(measureValueSchema),
    }),
  ),
  overlap: z
    .object({
      agencyTypes: z.array(z.string()),
      note: z.string(),
      byType: z.array(
        z.object({ agencyType: z.string(), units: z.number().int(), measures: z.array(measureFigureSchema) }),
      ),
    })
    .nullable(),
});

/** A press agency's monthly reports in a half-year or year consolidation (monthlyFolding.ts). */
export const pressCoverageSchema = z.object({
  code: z.string(),
  name: z.string(),
  agencyType: z.string(),
  source: z.enum(['own_report', 'months', 'none']),
  received: z.array(z.number().int()),
  missing: z.array(z.number().int()),
  pending: z.array(z.number().int()),
  text: z.string(),
});

export const consolidationSchema = z.object({
  duty: followedDutySchema,
  acceptedOnly: z.boolean(),
  year: z.number().int(),
  agencyTypes: z.array(agencyTypeRef),
  indicators: z.array(indicatorFigureSchema),
  counted: z.object({ accepted: z.number().int(), received: z.number().int() }),
  press: z.array(pressCoverageSchema),
  /** Departments whose standing package could not be read: not counted, and said so. */
  unreadable: z.array(z.object({ code: z.string(), problem: z.string() })),
  summary: submissionSummarySchema,
});

export const plansOverviewSchema = z.object({
  duty: followedDutySchema,
  /** Departments with a plan received (not returned), with their activities by task. */
  departments: z.array(
    z.object({ code: z.string(), name: z.string(), status: z.string(), activities: z.number().int() }),
  ),
  tasks: z.array(
    z.object({
      taskId: z.string(),
      text: z.string(),
      activities: z.array(
        z.object({
          organization: z.string(),
          content: z.string(),
          unitInCharge: z.string(),
          expectedOutput: z.string(),
        }),
      ),
    }),
  ),
});

const periodKeyInput = text.pattern(/^[a-z0-9-]{1,80}$/, 'Mã kỳ báo cáo không hợp lệ', 80);
const packageIdInput = text.pattern(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  'Mã gói phải là UUID',
  36,
);

export const sokhcnApi = {
  'sokhcn.status': method({ access: 'user', readOnly: true, input: empty, output: officerStatusSchema }),
  'sokhcn.login': method({
    access: 'user',
    input: z.object({
      serverUrl: text.line(500).trim().min(1, 'Địa chỉ máy chủ: chưa nhập'),
      username: text.name(64).trim().min(1, 'Tên đăng nhập: chưa nhập'),
      password: text.secret(128).min(1, 'Mật khẩu: chưa nhập'),
    }),
    output: officerStatusSchema,
  }),
  'sokhcn.logout': method({ access: 'user', input: empty, output: ok }),
  'sokhcn.duties': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.array(followedDutySchema),
  }),
  'sokhcn.overview': method({
    access: 'user',
    readOnly: true,
    input: z.object({
      periodKey: periodKeyInput,
      agencyType: text.pattern(/^[a-z][a-z0-9_]{0,40}$/, 'Loại cơ quan không hợp lệ').nullable(),
      state: z.enum(submissionStates).nullable(),
    }),
    output: overviewSchema,
  }),
  'sokhcn.package': method({
    access: 'user',
    readOnly: true,
    input: z.object({ packageId: packageIdInput }),
    output: z.object({
      package: officerPackageSchema,
      /** This computer's own check of the signed PDF against its trusted roots. */
      pdfCheck: verificationReportSchema.nullable(),
      pdfName: z.string().nullable(),
    }),
  }),
  'sokhcn.file': method({
    access: 'user',
    readOnly: true,
    input: z.object({ packageId: packageIdInput, name: text.name(255).min(1) }),
    output: fileSchema,
  }),
  'sokhcn.decide': method({
    access: 'user',
    input: z.discriminatedUnion('decision', [
      z.object({ packageId: packageIdInput, decision: z.literal('accepted') }),
      z.object({
        packageId: packageIdInput,
        decision: z.literal('returned'),
        reason: text.multiline(1000).trim().min(1, 'Lý do trả lại: chưa nhập'),
      }),
    ]),
    output: packageStatusSchema,
  }),
  'sokhcn.consolidation': method({
    access: 'user',
    readOnly: true,
    input: z.object({ periodKey: periodKeyInput, acceptedOnly: z.boolean() }),
    output: consolidationSchema,
  }),
  'sokhcn.plans': method({ access: 'user', readOnly: true, input: empty, output: plansOverviewSchema }),
  'sokhcn.lateListXlsx': method({
    access: 'user',
    readOnly: true,
    input: z.object({ periodKey: periodKeyInput }),
    output: fileSchema,
  }),
  'sokhcn.consolidationXlsx': method({
    access: 'user',
    readOnly: true,
    input: z.object({
      periodKey: periodKeyInput,
      acceptedOnly: z.boolean(),
      /** The page's charts as PNG (base64), placed as images in the workbook. */
      charts: z.array(z.object({ title: text.name(200), pngBase64: text.base64(5_000_000) })).max(4),
    }),
    output: fileSchema,
  }),
  'sokhcn.plansXlsx': method({ access: 'user', readOnly: true, input: empty, output: fileSchema }),
  'sokhcn.createConsolidatedReport': method({
    access: 'drafts.edit',
    input: z.object({ periodKey: periodKeyInput, acceptedOnly: z.boolean() }),
    output: z.object({ id: z.string(), created: z.boolean() }),
  }),
};
