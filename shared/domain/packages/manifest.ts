import canonicalize from 'canonicalize';
import { z } from 'zod';
import { documentNumberSchema } from '../documents/exchange.ts';
import { reportPeriodSchema } from '../periods/reportPeriods.ts';

/**
 * The package a department sends to Sở KH&CN for one issued document (../shared/DESIGN.md, "The
 * package"): this manifest, the files it lists, and `manifest.p7s`, the organisation's CMS detached
 * signature over the manifest's canonical bytes. The desktop writes it at "Ban hành"; the intake
 * server reads it with this same schema and refuses anything it does not say.
 */

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SIGNATURE_FILE = 'manifest.p7s';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'mã SHA-256 phải gồm 64 chữ số hệ 16 viết thường');

/**
 * A file's name inside the package: a plain name, never a path (no "/", "\", "..", no control or
 * invisible characters), so nothing can be written outside the package's folder.
 */
export const packageFileNameSchema = z
  .string()
  .min(1, 'tên tệp không được để trống')
  .max(255, 'tên tệp dài quá 255 ký tự')
  .refine((s) => s === s.normalize('NFC'), 'tên tệp phải ở dạng Unicode NFC')
  .refine(
    (s) => !/[/\\\p{Cc}\p{Cf}]/u.test(s) && s !== '.' && s !== '..' && !s.startsWith('.'),
    'tên tệp không được chứa đường dẫn hay ký tự điều khiển',
  )
  .refine((s) => s !== MANIFEST_FILE && s !== MANIFEST_SIGNATURE_FILE, 'tên tệp trùng tên tệp kê khai');

/** What each file is: the canonical document JSON, the signed PDF (the legal document), the rest. */
export const packageFileRoleSchema = z.enum(['document', 'pdf', 'docx', 'xlsx', 'attachment']);
export type PackageFileRole = z.infer<typeof packageFileRoleSchema>;

export const manifestFileSchema = z
  .object({
    name: packageFileNameSchema,
    role: packageFileRoleSchema,
    mime: z.string().min(1).max(100),
    size: z.number().int().nonnegative(),
    sha256: sha256Hex,
  })
  .strict();
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/** Kinds of document a package may carry; the Sở's công văn goes through the same chain. */
export const packageDocumentKindSchema = z.enum(['plan', 'report', 'cong_van']);

export const packageManifestSchema = z
  .object({
    format: z.literal('baocao-package'),
    version: z.literal(1),
    /** Made once at issue: the idempotency key of the upload. */
    packageId: z.uuid({ error: 'mã gói phải là UUID' }),
    /** ISO 8601 with the Vietnam offset, e.g. 2026-06-10T09:30:00+07:00. */
    createdAt: z.iso.datetime({ offset: true }),
    organization: z
      .object({
        /** The department's code on the intake server (given at enrolment). */
        code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, 'mã đơn vị không hợp lệ'),
        name: z.string().min(1).max(200),
        agencyType: z.string().regex(/^[a-z][a-z0-9_]*$/),
        /** As in document numbers: "SKHCN". */
        abbreviation: z.string().min(1).max(20),
      })
      .strict(),
    document: z
      .object({
        id: z.string().min(1).max(64),
        kind: packageDocumentKindSchema,
        catalogId: z.string().min(1).max(64),
        /** "plan", "semiannual-2026", "monthly-2026-03", "adhoc-…". */
        periodKey: z.string().min(1).max(80),
        /** Null for a plan. */
        period: reportPeriodSchema.nullable(),
        title: z.string().min(1).max(300),
        number: documentNumberSchema,
        issuedOn: z.iso.date(),
        /** The issue of this document: 1, then 2 for its first amendment… */
        issueNo: z.number().int().positive(),
      })
      .strict(),
    /** A corrected document names the package it replaces; both stay stored and listed. */
    replaces: z
      .object({ packageId: z.uuid(), reason: z.string().min(1).max(1000) })
      .strict()
      .nullable(),
    files: z.array(manifestFileSchema).min(1).max(100),
    /** The department's audit chain at issue: an anchor kept outside its database. */
    audit: z.object({ headHash: sha256Hex, entryCount: z.number().int().nonnegative() }).strict(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const names = new Set<string>();
    m.files.forEach((f, i) => {
      const key = f.name.toLowerCase();
      if (names.has(key))
        ctx.addIssue({ code: 'custom', path: ['files', i, 'name'], message: 'tên tệp bị lặp' });
      names.add(key);
    });
    for (const role of ['document', 'pdf'] as const) {
      if (m.files.filter((f) => f.role === role).length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['files'],
          message: `gói phải có đúng một tệp vai trò "${role}"`,
        });
      }
    }
    if ((m.document.kind === 'plan') !== (m.document.period === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['document', 'period'],
        message: 'kế hoạch không có kỳ báo cáo; báo cáo phải có kỳ báo cáo',
      });
    }
  });
export type PackageManifest = z.infer<typeof packageManifestSchema>;

/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes of a JSON value, as UTF-8: what the manifest's
 * signature covers and what the package's SHA-256 is taken over, so the same manifest gives the
 * same bytes on every machine.
 */
export function canonicalJson(value: unknown): Uint8Array {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalised');
  return new TextEncoder().encode(text);
}
