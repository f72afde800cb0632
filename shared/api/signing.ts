import { z } from 'zod';
import { text } from '../text.ts';
import { certificateSummarySchema } from '../domain/signing/certificate.ts';
import { verificationReportSchema } from '../domain/signing/verification.ts';
import { empty, method, ok, TIME_LIMITS } from './method.ts';

/**
 * Digital signatures (issue "Signing: PAdES…"): each user's identity (USB token over PKCS#11, a
 * .p12 file, or a trial certificate), their signature image, the organisation's identity and seal,
 * the trusted roots, and "Kiểm tra chữ ký". Signing itself happens inside the workflow's calls
 * ("Duyệt và ký", "Ban hành"), which open the stored identity with the PIN or password given.
 */

export const identityKindSchema = z.enum(['pkcs11', 'pkcs12', 'trial']);

export const identitySummarySchema = z.object({
  kind: identityKindSchema,
  label: z.string(),
  certificate: certificateSummarySchema,
  token: z.object({ library: z.string(), serial: z.string(), label: z.string() }).nullable(),
  createdAt: z.string(),
  /** Why it cannot sign today (expired, …), or null. */
  refusal: z.string().nullable(),
});
export type IdentitySummary = z.infer<typeof identitySummarySchema>;

const libraryPath = text.name(500).trim().min(1, 'Chưa nhập đường dẫn thư viện PKCS#11');
const tokenSerial = text.name(64).trim().min(1, 'Chưa chọn thiết bị ký số');
const tokenChoice = z.object({
  library: libraryPath,
  tokenSerial,
  certificateId: text.pattern(/^[0-9a-f]{0,128}$/, 'Mã chứng thư trên thiết bị không hợp lệ', 128),
});
/** A .p12/.pfx upload: at most 100 KB of file (base64 ~ 4/3 of that). */
const p12Upload = z.object({
  fileName: text.name(255).trim().min(1),
  dataBase64: text.base64(140_000).min(1, 'Chưa chọn tệp .p12/.pfx'),
  password: text.secret(256).min(1, 'Chưa nhập mật khẩu của tệp .p12/.pfx'),
});
/** The passphrase a trial key is sealed under, asked again at each signing. */
const newPassphrase = z.object({
  password: text.secret(256).min(8, 'Mật khẩu bảo vệ khóa ký phải có ít nhất 8 ký tự'),
});
const pngUpload = (max: number) => text.base64(Math.ceil((max * 4) / 3) + 4).min(1, 'Chưa chọn tệp PNG');

const imageSchema = z.object({ dataBase64: z.string(), width: z.number().int(), height: z.number().int() });

export const tokenInfoSchema = z.object({
  label: z.string(),
  serialNumber: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  /** What the token says about its PIN (after wrong tries), as a sentence, or null. */
  pinStatus: z.string().nullable(),
});

export const tokenCertificateSchema = z.object({
  id: z.string(),
  label: z.string(),
  certificate: certificateSummarySchema,
  refusal: z.string().nullable(),
});

export const trustedRootSchema = z.object({
  sha256: z.string(),
  subject: z.string(),
  notAfter: z.string(),
  addedAt: z.string(),
});

/** The secret that opens an identity for one signing: a token's PIN or a key's password. */
export const signingSecretSchema = z.object({
  pin: text.secret(64).min(1, 'Chưa nhập mã PIN').optional(),
  password: text.secret(256).min(1, 'Chưa nhập mật khẩu khóa ký').optional(),
});

export const signingApi = {
  'signing.profile': method({
    access: 'user',
    readOnly: true,
    input: empty,
    output: z.object({ identity: identitySummarySchema.nullable(), signatureImage: imageSchema.nullable() }),
  }),
  'signing.tokens': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'user',
    readOnly: true,
    input: z.object({ library: libraryPath }),
    output: z.array(tokenInfoSchema),
  }),
  'signing.tokenCertificates': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'user',
    readOnly: true,
    input: z.object({ library: libraryPath, tokenSerial }),
    output: z.array(tokenCertificateSchema),
  }),
  'signing.useToken': method({
    timeLimitMs: TIME_LIMITS.person,
    access: 'user',
    input: tokenChoice,
    output: identitySummarySchema,
  }),
  'signing.importP12': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'user',
    input: p12Upload,
    output: identitySummarySchema,
  }),
  'signing.createTrial': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'user',
    input: newPassphrase,
    output: identitySummarySchema,
  }),
  'signing.removeIdentity': method({ access: 'user', input: empty, output: ok }),
  /** "Ký thử": opens the identity with the PIN/password, signs a test text and checks it. */
  'signing.testSign': method({
    timeLimitMs: TIME_LIMITS.person,
    access: 'user',
    input: signingSecretSchema,
    output: z.object({ message: z.string() }),
  }),
  'signing.setSignatureImage': method({
    access: 'user',
    input: z.object({ dataBase64: pngUpload(1024 * 1024) }),
    output: imageSchema,
  }),

  // The organisation: its identity (the văn thư signs with it at "Ban hành"), seal, trusted roots.
  'signing.organization': method({
    access: 'settings.manage',
    readOnly: true,
    input: empty,
    output: z.object({
      identity: identitySummarySchema.nullable(),
      seal: imageSchema.extend({ diameterMm: z.number() }).nullable(),
      trustedRoots: z.array(trustedRootSchema),
    }),
  }),
  'signing.organization.useToken': method({
    timeLimitMs: TIME_LIMITS.person,
    access: 'settings.manage',
    input: tokenChoice,
    output: identitySummarySchema,
  }),
  'signing.organization.importP12': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'settings.manage',
    input: p12Upload,
    output: identitySummarySchema,
  }),
  'signing.organization.createTrial': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'settings.manage',
    input: newPassphrase,
    output: identitySummarySchema,
  }),
  'signing.organization.removeIdentity': method({ access: 'settings.manage', input: empty, output: ok }),
  'signing.organization.testSign': method({
    timeLimitMs: TIME_LIMITS.person,
    access: 'settings.manage',
    input: signingSecretSchema,
    output: z.object({ message: z.string() }),
  }),
  'signing.organization.setSeal': method({
    access: 'settings.manage',
    input: z.object({
      dataBase64: pngUpload(2 * 1024 * 1024),
      diameterMm: z.number().min(20, 'Đường kính dấu tối thiểu 20 mm').max(60, 'Đường kính dấu tối đa 60 mm'),
    }),
    output: imageSchema.extend({ diameterMm: z.number() }),
  }),
  'signing.trustedRoots.add': method({
    access: 'settings.manage',
    input: z.object({
      fileName: text.name(255).trim().min(1),
      dataBase64: text.base64(700_000).min(1, 'Chưa chọn tệp chứng thư gốc'),
    }),
    output: z.array(trustedRootSchema),
  }),
  'signing.trustedRoots.remove': method({
    access: 'settings.manage',
    input: z.object({ sha256: text.pattern(/^[0-9a-f]{64}$/, 'Mã chứng thư gốc không hợp lệ') }),
    output: z.array(trustedRootSchema),
  }),

  /** "Kiểm tra chữ ký": any PDF or package (.zip), also one received from elsewhere. */
  'signing.verify': method({
    timeLimitMs: TIME_LIMITS.file,
    access: 'user',
    readOnly: true,
    input: z.object({
      fileName: text.name(255).trim().min(1),
      dataBase64: text.base64(20_000_000).min(1, 'Chưa chọn tệp cần kiểm tra'),
    }),
    output: verificationReportSchema,
  }),
} as const;
