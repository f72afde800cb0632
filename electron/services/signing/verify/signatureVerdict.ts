import type {
  SignatureCheck,
  VerificationReport,
  Verdict,
} from '../../../../shared/domain/signing/verification.ts';
import type { CmsCheck } from './cmsCheck.ts';
import { checkTrust } from './trust.ts';
import { formatDateTime, signatureLabel } from './wording.ts';
import { isoVietnam } from '../pdf/pdfDates.ts';

export interface VerifyOptions {
  /** DER certificates of the roots the department (or the server) trusts. */
  trustedRoots: Buffer[];
  /** When to check the certificates' validity; now when not given. */
  at?: Date;
}

/**
 * Everything about one signature but its PDF specifics: the CMS check, the chain, the time, and
 * the status they add up to. "Hợp lệ" only when intact and trusted; a right signature whose chain
 * does not reach a trusted root is "chữ ký đúng, chứng thư chưa được tin cậy".
 */
export async function judgeSignature(
  base: Omit<SignatureCheck, 'signer' | 'intact' | 'trust' | 'status' | 'messages' | 'signingTime'> & {
    claimedTime: Date | null;
    extraProblems?: string[];
    /** "byte 0–37602 và 70372–71860", to say which part of a PDF a broken signature covers. */
    byteRangeText?: string;
  },
  cms: CmsCheck,
  options: VerifyOptions,
): Promise<SignatureCheck> {
  const who = cms.signer?.commonName ?? base.name;
  const label = signatureLabel(base.index, who);
  const messages: string[] = [];
  const problems = [...(base.extraProblems ?? []), ...cms.problems];
  let trust: SignatureCheck['trust'] = 'untrusted';
  const time = base.claimedTime ?? cms.signingTime;

  if (cms.signerDer) {
    const t = await checkTrust(
      cms.signerDer,
      cms.certificates,
      options.trustedRoots,
      options.at ?? new Date(),
    );
    trust = t.trust;
    if (trust === 'bad') problems.push(...t.messages);
    else messages.push(...t.messages);
    const s = cms.signer!;
    if (time && (time < new Date(s.notBefore) || time > new Date(s.notAfter))) {
      problems.push(
        `Thời điểm ký ghi trong chữ ký (${formatDateTime(time)}) nằm ngoài thời hạn của chứng thư số.`,
      );
    }
    if (
      !s.keyUsage.includes('digitalSignature') &&
      !s.keyUsage.includes('nonRepudiation') &&
      s.keyUsage.length
    ) {
      problems.push('Chứng thư số của người ký không dùng để ký (thiếu digitalSignature và nonRepudiation).');
    }
    if (s.trial) messages.push('Chứng thư số này do BaoCao tạo, chỉ dùng thử, không có giá trị pháp lý.');
    if (base.format === 'ETSI.CAdES.detached' && !cms.hasSigningCertificateV2) {
      messages.push('Chữ ký thiếu thuộc tính signing-certificate-v2 mà chuẩn PAdES cơ bản yêu cầu.');
    }
  }
  const intact = cms.intact && !(base.extraProblems?.length ?? 0);
  const changesBad = base.changesAfter ? !base.changesAfter.allowed : false;
  const status: SignatureCheck['status'] =
    !intact || changesBad || trust === 'bad' || problems.length
      ? 'invalid'
      : trust === 'trusted'
        ? 'valid'
        : 'untrusted';

  const head =
    status === 'valid'
      ? `${capital(label)} hợp lệ: nội dung được ký còn nguyên vẹn và chứng thư được tin cậy.`
      : status === 'untrusted'
        ? `${capital(label)}: chữ ký đúng, chứng thư chưa được tin cậy.`
        : !intact
          ? `${capital(label)} không hợp lệ: phần tệp được ký${base.byteRangeText ? ` (${base.byteRangeText})` : ''} đã bị thay đổi hoặc chữ ký bị hỏng.`
          : changesBad
            ? `${capital(label)} không hợp lệ: sau khi ký, tệp đã bị sửa theo cách không được phép (${base.changesAfter!.items.filter(Boolean).join('; ')}).`
            : `${capital(label)} không hợp lệ.`;
  return {
    index: base.index,
    source: base.source,
    fieldName: base.fieldName,
    signer: cms.signer,
    signingTime: time ? isoVietnam(time) : null,
    name: base.name,
    reason: base.reason,
    location: base.location,
    format: base.format,
    intact,
    coversWholeFile: base.coversWholeFile,
    changesAfter: base.changesAfter,
    trust,
    status,
    messages: [head, ...problems, ...messages],
  };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The whole file's verdict from its signatures, with one summary sentence. */
export function overall(
  kind: VerificationReport['kind'],
  signatures: SignatureCheck[],
  extra: { files?: VerificationReport['files']; problems?: string[]; what: string },
): VerificationReport {
  const problems = extra.problems ?? [];
  const files = extra.files ?? [];
  const badFiles = files.filter((f) => !f.ok);
  let verdict: Verdict;
  if (!signatures.length) verdict = problems.length ? 'invalid' : 'unsigned';
  else if (signatures.some((s) => s.status === 'invalid') || badFiles.length || problems.length)
    verdict = 'invalid';
  else if (signatures.some((s) => s.status === 'untrusted')) verdict = 'untrusted';
  else verdict = 'valid';
  const n = signatures.length;
  const summary =
    verdict === 'valid'
      ? `${extra.what} có ${n} chữ ký số, tất cả hợp lệ.`
      : verdict === 'untrusted'
        ? `${extra.what} có ${n} chữ ký số: chữ ký đúng, chứng thư chưa được tin cậy (chưa nối tới gốc chứng thư nào được tin cậy).`
        : verdict === 'unsigned'
          ? `${extra.what} không có chữ ký số nào.`
          : `${extra.what} không hợp lệ: ${
              [
                ...signatures
                  .filter((s) => s.status === 'invalid')
                  .map((s) => signatureLabel(s.index, s.signer?.commonName ?? s.name)),
                ...badFiles.map((f) => `tệp ${f.name}`),
              ].join(', ') ||
              problems[0]?.replace(/\.$/, '') ||
              'có lỗi'
            }${signatures.some((s) => s.status === 'invalid') || badFiles.length ? ' không đạt' : ''}.`;
  return { kind, verdict, summary, signatures, files, problems };
}

export function unreadable(kind: VerificationReport['kind'], sentence: string): VerificationReport {
  return { kind, verdict: 'unreadable', summary: sentence, signatures: [], files: [], problems: [sentence] };
}
