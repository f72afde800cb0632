import { z } from 'zod';
import { certificateSummarySchema } from './certificate.ts';

/**
 * What a signature check found, in the form the app's "Kiểm tra chữ ký" page, the CLI and the
 * intake server all show. Every sentence is Vietnamese and says where: which signature, which
 * file, which part.
 */

/** How far a signer's certificate chain goes. */
export const trustSchema = z.enum([
  /** Reaches a root the department (or the server) trusts, every certificate valid at the time checked. */
  'trusted',
  /** The signature is right but the chain does not reach a trusted root. */
  'untrusted',
  /** The chain reaches a trusted root but a certificate on it is expired or not yet valid. */
  'expired',
  /** A certificate on the chain is not fit: a broken signature, not a CA, not for signing. */
  'bad',
]);

export const signatureStatusSchema = z.enum(['valid', 'untrusted', 'invalid']);

export const signatureCheckSchema = z.object({
  /** 1, 2… in the order they were made. */
  index: z.number().int().positive(),
  /** The file it is in: "bao-cao.pdf", "manifest.p7s". */
  source: z.string(),
  fieldName: z.string().nullable(),
  signer: certificateSummarySchema.nullable(),
  /** ISO 8601 with +07:00, from the PDF's /M or the CMS signing-time; null when it carries none. */
  signingTime: z.string().nullable(),
  name: z.string().nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  /** "ETSI.CAdES.detached", "adbe.pkcs7.detached", "CMS". */
  format: z.string(),
  /** The bytes it covers are exactly those that were signed, and the signature checks out. */
  intact: z.boolean(),
  /** PDF only: it covers the whole file (nothing was added after it). */
  coversWholeFile: z.boolean(),
  /** PDF only, when it does not cover the whole file: what the later updates did. */
  changesAfter: z
    .object({
      /** Only annotations and new signatures: what a later signer may add. */
      allowed: z.boolean(),
      items: z.array(z.string()),
    })
    .nullable(),
  trust: trustSchema,
  status: signatureStatusSchema,
  messages: z.array(z.string()),
});
export type SignatureCheck = z.infer<typeof signatureCheckSchema>;

export const verdictSchema = z.enum(['valid', 'untrusted', 'invalid', 'unsigned', 'unreadable']);
export type Verdict = z.infer<typeof verdictSchema>;

export const verificationReportSchema = z.object({
  kind: z.enum(['pdf', 'cms', 'package', 'unknown']),
  verdict: verdictSchema,
  /** One sentence for the whole file. */
  summary: z.string(),
  signatures: z.array(signatureCheckSchema),
  /** Package only: each listed file against the manifest. */
  files: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() })),
  problems: z.array(z.string()),
});
export type VerificationReport = z.infer<typeof verificationReportSchema>;

/** CLI exit code for a verdict: 0 valid, 1 invalid or untrusted, 2 unreadable input. */
export function exitCodeOf(verdict: Verdict): 0 | 1 | 2 {
  return verdict === 'valid' ? 0 : verdict === 'unreadable' ? 2 : 1;
}
