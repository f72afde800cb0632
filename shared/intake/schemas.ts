import { z } from 'zod';
import {
  packageDocumentKindSchema,
  packageFileRoleSchema,
  packageManifestSchema,
} from '../domain/packages/manifest.ts';
import { reportPeriodSchema } from '../domain/periods/reportPeriods.ts';
import { planTaskSchema } from '../domain/plans/planContent.ts';
import { reportIndicatorSchema } from '../domain/reports/reportContent.ts';
import { intakeErrorCodes } from './errors.ts';

/**
 * Bodies and answers of the intake server's HTTP API (/api/v1/…), shared by the server, which
 * parses what arrives with them, the desktop client, which parses what comes back, and the OpenAPI
 * document, which is generated from them.
 */

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'mã SHA-256 phải gồm 64 chữ số hệ 16');
export const organizationCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, 'mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số, "-" và "_"');

export const errorEnvelopeSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.enum(intakeErrorCodes), message: z.string() }),
});

/** Every success answer: `{ ok: true, value }`, like the desktop's own calls. */
export const okEnvelope = <T extends z.ZodType>(value: T) => z.object({ ok: z.literal(true), value });

export const healthSchema = z.object({ serverTime: z.iso.datetime(), version: z.string() });

export const serverCertificateSchema = z.object({
  /** PEM of the certificate whose key signs receipts. */
  certificate: z.string(),
  /** SHA-256 of its DER bytes, hex: what a person compares by telephone. */
  sha256: sha256HexSchema,
});

export const enrolRequestSchema = z
  .object({
    /** The one-time code the Sở's administrator gave the department ("ABCD-EFGH-JKMN"). */
    code: z
      .string()
      .trim()
      .min(1, 'chưa nhập mã đăng ký')
      .max(64, 'mã đăng ký không đúng')
      .transform((s) => s.toUpperCase().replace(/[\s-]/g, '')),
    /** What the department calls this computer, for the administrator's list of devices. */
    deviceName: z.string().trim().min(1).max(100).default('Máy tính BaoCao'),
  })
  .strict();

export const organizationRefSchema = z.object({
  code: organizationCodeSchema,
  name: z.string(),
  agencyType: z.string(),
});

export const enrolResultSchema = z.object({
  deviceId: z.uuid(),
  /** Shown once: the server keeps only its SHA-256. */
  token: z.string(),
  organization: organizationRefSchema,
  receiptCertificate: z.string(),
  receiptCertificateSha256: sha256HexSchema,
});

export const packageStatusValueSchema = z.enum(['received', 'accepted', 'returned']);
export type PackageStatusValue = z.infer<typeof packageStatusValueSchema>;
export const packageStatusLabels: Record<PackageStatusValue, string> = {
  received: 'Đã nhận',
  accepted: 'Đã tiếp nhận',
  returned: 'Trả lại',
};

export const uploadResultSchema = z.object({
  receiptId: z.uuid(),
  packageId: z.uuid(),
  packageSha256: sha256HexSchema,
  receivedAt: z.iso.datetime(),
  /** The receipt, JWS compact form (see shared/intake/receipt.ts). */
  receipt: z.string(),
  /** True when this package had already arrived: the same receipt as the first time. */
  duplicate: z.boolean(),
});
export type UploadResult = z.infer<typeof uploadResultSchema>;

export const packageStatusSchema = z.object({
  packageId: z.uuid(),
  packageSha256: sha256HexSchema,
  organizationCode: organizationCodeSchema,
  receiptId: z.uuid(),
  receivedAt: z.iso.datetime(),
  document: z.object({
    kind: packageDocumentKindSchema,
    catalogId: z.string(),
    periodKey: z.string(),
    period: reportPeriodSchema.nullable(),
    title: z.string(),
    number: z.string(),
    issuedOn: z.string(),
    issueNo: z.number().int(),
  }),
  replaces: z.object({ packageId: z.uuid(), reason: z.string() }).nullable(),
  /** Later packages that name this one as replaced. */
  replacedBy: z.array(z.uuid()),
  status: packageStatusValueSchema,
  /** The Sở's reason when it returned the package. */
  statusReason: z.string().nullable(),
  statusAt: z.iso.datetime().nullable(),
});
export type PackageStatus = z.infer<typeof packageStatusSchema>;

export const packageListSchema = z.object({
  organization: organizationRefSchema,
  packages: z.array(packageStatusSchema),
});

export const receiptResponseSchema = z.object({
  receiptId: z.uuid(),
  packageId: z.uuid(),
  packageSha256: sha256HexSchema,
  receivedAt: z.iso.datetime(),
  receipt: z.string(),
});

export const packageIdParamsSchema = z.object({ packageId: z.uuid({ error: 'mã gói phải là UUID' }) });

// ---- The officer API (Sở KH&CN staff): issue 12 builds the overview on it. ----

export const officerLoginSchema = z
  .object({
    username: z.string().trim().min(1, 'chưa nhập tên đăng nhập').max(64),
    password: z.string().min(1, 'chưa nhập mật khẩu').max(128),
  })
  .strict();

export const officerSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  officer: z.object({ username: z.string(), fullName: z.string() }),
});

export const officerOrganizationsQuerySchema = z
  .object({
    /** One duty: "plan", "semiannual-2026", "monthly-2026-03"… */
    periodKey: z.string().min(1).max(80).optional(),
    kind: packageDocumentKindSchema.optional(),
    agencyType: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .optional(),
  })
  .strict();

export const certificateInfoSchema = z.object({
  sha256: sha256HexSchema,
  subject: z.string(),
  pinnedAt: z.iso.datetime(),
});

export const officerOrganizationSchema = z.object({
  code: organizationCodeSchema,
  name: z.string(),
  agencyType: z.string(),
  active: z.boolean(),
  /** Devices enrolled and not revoked. */
  devices: z.number().int(),
  certificate: certificateInfoSchema.nullable(),
  packages: z.array(packageStatusSchema),
});

export const officerOrganizationsSchema = z.object({ organizations: z.array(officerOrganizationSchema) });

export const packageFileInfoSchema = z.object({
  name: z.string(),
  role: packageFileRoleSchema,
  mime: z.string(),
  size: z.number().int(),
  sha256: sha256HexSchema,
});

export const decisionSchema = z.object({
  decision: z.enum(['received', 'accepted', 'returned']),
  reason: z.string().nullable(),
  officer: z.string().nullable(),
  decidedAt: z.iso.datetime(),
});

export const officerPackageSchema = packageStatusSchema.extend({
  organization: organizationRefSchema,
  manifest: packageManifestSchema,
  files: z.array(packageFileInfoSchema),
  signer: z.object({ sha256: sha256HexSchema, subject: z.string() }),
  /** What the verifier reported, in Vietnamese; empty for a package that verified cleanly. */
  verification: z.array(z.string()),
  history: z.array(decisionSchema),
});

export const decisionRequestSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('accepted'), reason: z.string().trim().max(1000).optional() }).strict(),
    z
      .object({
        decision: z.literal('returned'),
        reason: z
          .string()
          .trim()
          .min(1, 'trả lại phải nêu lý do')
          .max(1000)
          .transform((s) => s.normalize('NFC')),
      })
      .strict(),
  ],
  { error: 'quyết định phải là "accepted" (tiếp nhận) hoặc "returned" (trả lại)' },
);

export const packageFileParamsSchema = packageIdParamsSchema.extend({ name: z.string().min(1).max(255) });

// ---- What Sở KH&CN consolidates: the figures and activities inside the packages of one duty. ----

export const officerContentsQuerySchema = z
  .object({
    /** The duty: "plan", "semiannual-2026", "monthly-2026-03"… */
    periodKey: z.string().min(1).max(80),
  })
  .strict();

/**
 * The parts of one package's document JSON that consolidation needs, read by the server from the
 * stored file: a report's indicator values, a plan's tasks with their activities. Narrative text
 * stays in the package (open it to read it), so 2,000 departments' answers stay small.
 */
export const packageContentsSchema = z.object({
  packageId: z.uuid(),
  organizationCode: organizationCodeSchema,
  kind: packageDocumentKindSchema,
  indicators: z.array(reportIndicatorSchema).nullable(),
  planTasks: z.array(planTaskSchema).nullable(),
  /** Why the document could not be read (then both are null), in Vietnamese. */
  problem: z.string().nullable(),
});
export type PackageContents = z.infer<typeof packageContentsSchema>;

export const officerContentsSchema = z.object({ packages: z.array(packageContentsSchema) });
