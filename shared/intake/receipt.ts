import { z } from 'zod';
import { packageDocumentKindSchema } from '../domain/packages/manifest.ts';

/**
 * The receipt the intake server gives for a stored package: what it holds (package id and the
 * SHA-256 of its canonical manifest), whose it is and when it arrived by the server's clock. It
 * travels as a JWS (ES256, compact form) signed with the server's receipt key, whose certificate the
 * desktop pinned at enrolment, so a receipt is proof the desktop can keep and show.
 */
export const RECEIPT_JWS_TYPE = 'baocao-receipt+jws';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const receiptPayloadSchema = z
  .object({
    format: z.literal('baocao-receipt'),
    version: z.literal(1),
    receiptId: z.uuid(),
    packageId: z.uuid(),
    packageSha256: sha256Hex,
    organization: z.object({ code: z.string().min(1), name: z.string().min(1) }).strict(),
    document: z
      .object({
        kind: packageDocumentKindSchema,
        catalogId: z.string().min(1),
        periodKey: z.string().min(1),
        number: z.string().min(1),
        issueNo: z.number().int().positive(),
      })
      .strict(),
    replaces: z.uuid().nullable(),
    /** The server's clock, ISO 8601 UTC. */
    receivedAt: z.iso.datetime(),
  })
  .strict();
export type ReceiptPayload = z.infer<typeof receiptPayloadSchema>;

/** The JWS protected header: ES256 only, and the SHA-256 of the signing certificate (RFC 7515 x5t#S256). */
export const receiptHeaderSchema = z
  .object({
    alg: z.literal('ES256'),
    typ: z.literal(RECEIPT_JWS_TYPE),
    'x5t#S256': z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  })
  .strict();
