import type { PackageVerifier } from './packageVerifier.ts';
import { createOpensslVerifier } from './opensslVerifier.ts';

/**
 * THE place where the server's signature verification is chosen. `npm run server` and every test
 * that does not inject its own verifier get this one.
 *
 * When the signing module lands (electron/services/signing/: verifyCmsDetached(content, p7s,
 * {trustedRoots}) and verifyPdf(bytes, {trustedRoots})), return here a PackageVerifier that calls
 * those two, shared with the desktop's own "verify", instead of the OpenSSL stand-in.
 */
export function createDefaultVerifier(): PackageVerifier {
  return createOpensslVerifier();
}
