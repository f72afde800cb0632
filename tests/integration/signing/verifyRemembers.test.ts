import { describe, expect, it, vi } from 'vitest';
import { readCertificate } from '../../../electron/services/receipts/certificates.ts';
import { verifyCmsDetached } from '../../../electron/services/signing/verify/index.ts';
import { canonicalJson } from '../../../shared/domain/packages/manifest.ts';
import { createInProcessVerifier } from '../../../server/verify/inProcessVerifier.ts';
import { opensslCmsVerify } from '../../support/signing/outsideTools.ts';
import { makePackage } from '../../support/testPackages.ts';
import { cmsSignDetached, createTestPki } from '../../support/testPki.ts';

vi.setConfig({ testTimeout: 60_000 });

/**
 * The verifier remembers each certificate's description and chain by SHA-256 (a department signs
 * every package with the same certificate). What it remembers must never decide a later check that
 * differs: other trusted roots, another time, other content, or another signer with the same name.
 * Every case runs after the same certificate was judged valid, so any stale answer would show.
 */
describe('the verifier after it has seen a certificate', () => {
  it('answers each check on its own roots, time and content, as openssl does', async () => {
    const pki = createTestPki();
    const stranger = createTestPki(undefined, 'CA Lạ');
    const org = pki.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
    const pkg = await makePackage({ signer: org });
    const pdf = Buffer.from(pkg.files.find((f) => f.name.endsWith('.pdf'))!.bytes);
    const root = readCertificate(pki.caCertPem).der;
    const strangerRoot = readCertificate(stranger.caCertPem).der;
    const verifier = createInProcessVerifier();
    const check = (
      trustedRoots: Uint8Array[],
      manifestBytes = pkg.manifestBytes,
      signature = pkg.signature,
    ) => verifier.verifyPackage({ manifestBytes, signature, pdf, trustedRoots, pinnedCert: null });

    expect((await check([root])).ok).toBe(true);

    // Another set of trusted roots is another chain: refused without our CA, valid again with it.
    const withoutCa = await check([strangerRoot]);
    expect(withoutCa.ok).toBe(false);
    expect(withoutCa.problems.join(' ')).toMatch(/không do tổ chức được máy chủ tin cậy cấp/);
    expect(
      opensslCmsVerify(Buffer.from(pkg.manifestBytes), Buffer.from(pkg.signature), stranger.caCertFile).ok,
    ).toBe(false);
    expect((await check([strangerRoot, root])).ok).toBe(true);

    // The same signer over changed content: not intact, whatever was remembered of the signer.
    const changed = canonicalJson({ ...pkg.manifest, packageId: crypto.randomUUID() });
    const tampered = await check([root], changed);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems.join(' ')).toMatch(/đã bị sửa sau khi ký/);
    expect(opensslCmsVerify(Buffer.from(changed), Buffer.from(pkg.signature), pki.caCertFile).ok).toBe(false);

    // Validity is checked at each call's time, never taken from an earlier one.
    const options = (at: Date) => ({ trustedRoots: [Buffer.from(root)], at });
    const later = await verifyCmsDetached(pkg.manifestBytes, pkg.signature, options(new Date('2200-01-01')));
    expect(later.signatures[0]!.trust).toBe('expired');
    const now = await verifyCmsDetached(pkg.manifestBytes, pkg.signature, options(new Date()));
    expect(now.verdict).toBe('valid');

    // A certificate with the same subject from another CA is another certificate.
    const impostor = stranger.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
    const forged = await check([root], pkg.manifestBytes, cmsSignDetached(pkg.manifestBytes, impostor));
    expect(forged.ok).toBe(false);
    expect(forged.signerCertificate).not.toEqual(readCertificate(org.certPem).der);
  });
});
