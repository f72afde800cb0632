import type { VerificationReport } from '../../../../shared/domain/signing/verification.ts';
import { checkCms } from './cmsCheck.ts';
import { judgeSignature, overall, unreadable, type VerifyOptions } from './signatureVerdict.ts';

/**
 * Checks a CMS/PKCS#7 detached signature (the package's manifest.p7s) over `content`: intact,
 * who signed and when, and the chain to the trusted roots.
 */
export async function verifyCmsDetached(
  content: Uint8Array,
  p7s: Uint8Array,
  options: VerifyOptions,
  names: { content?: string; signature?: string } = {},
): Promise<VerificationReport> {
  const source = names.signature ?? 'chữ ký CMS';
  if (p7s.length === 0) return unreadable('cms', `Tệp chữ ký ${source} trống.`);
  const cms = checkCms(p7s, [content]);
  if (!cms.signer && cms.problems.length) {
    return overall('cms', [], { what: `Tệp ${source}`, problems: cms.problems });
  }
  const check = await judgeSignature(
    {
      index: 1,
      source,
      fieldName: null,
      name: null,
      reason: null,
      location: null,
      format: 'CMS',
      coversWholeFile: true,
      changesAfter: null,
      claimedTime: null,
    },
    cms,
    options,
  );
  if (!check.intact && names.content) {
    check.messages.splice(1, 0, `Nội dung ${names.content} không khớp với chữ ký ${source}.`);
  }
  return overall('cms', [check], { what: names.content ? `Chữ ký của ${names.content}` : 'Chữ ký CMS' });
}
