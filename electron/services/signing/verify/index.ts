/**
 * Signature verification, for the desktop and the intake server alike (server/ imports this
 * file): Node only, no Electron, no database, no PKCS#11.
 */
export { verifyPdf } from './verifyPdf.ts';
export { verifyCmsDetached } from './verifyCms.ts';
export { verifyPackageDir, verifyPackageFiles, verifyPackageZip } from './verifyPackage.ts';
export { verifyBytes, verifyPath } from './verifyFile.ts';
export { readCertificates } from './trust.ts';
export type { VerifyOptions } from './signatureVerdict.ts';
