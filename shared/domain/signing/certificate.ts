import { z } from 'zod';

/**
 * The organisational unit BaoCao writes into the certificates it makes itself (trial identities):
 * anything that shows a certificate looks for it and says "chỉ dùng thử".
 */
export const TRIAL_MARK = 'BaoCao - chỉ dùng thử';

/** A certificate as the UI and the verification report show it. */
export const certificateSummarySchema = z.object({
  /** "CN=…, O=…, C=VN", most specific first. */
  subject: z.string(),
  commonName: z.string().nullable(),
  organization: z.string().nullable(),
  issuer: z.string(),
  issuerCommonName: z.string().nullable(),
  /** Hexadecimal, upper case. */
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** SHA-256 of the DER, lower-case hex: the certificate's fingerprint. */
  sha256: z.string(),
  /** "RSA 2048 bit", "ECDSA P-256". */
  publicKey: z.string(),
  keyUsage: z.array(z.string()),
  selfSigned: z.boolean(),
  /** Made by BaoCao for trying the app out: never a legal signature. */
  trial: z.boolean(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;
