import type { PackageVerifier } from './packageVerifier.ts';
import { createInProcessVerifier } from './inProcessVerifier.ts';

/**
 * THE place where the server's signature verification is chosen. `npm run server` and every test
 * that does not inject its own verifier get this one: the desktop's verification module
 * (electron/services/signing/verify), shared by both sides, run in this process.
 */
export function createDefaultVerifier(): PackageVerifier {
  return createInProcessVerifier();
}
