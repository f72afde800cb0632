import type { PackageVerifier } from './packageVerifier.ts';
import { createWorkerVerifier } from './workerVerifier.ts';

let shared: PackageVerifier | undefined;

/**
 * THE place where the server's signature verification is chosen. `npm run server` and every test
 * that does not inject its own verifier get this one: the desktop's verification module
 * (electron/services/signing/verify), shared by both sides, run in this process's worker threads
 * (one set for the process; idle threads do not keep it alive).
 */
export function createDefaultVerifier(): PackageVerifier {
  shared ??= createWorkerVerifier();
  return shared;
}
