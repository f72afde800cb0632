/**
 * The signing core, as the workflow ("Duyệt và ký", "Ban hành") and the package writer call it.
 * Verification alone, without the desktop's parts, is ./verify/index.ts.
 */
export type { Identity } from './identity.ts';
export { signCmsDetached } from './crypto/cmsSigner.ts';
export { signPdf, type PdfSignInfo } from './pdf/pdfSigner.ts';
export { markAppendix, placeSignatureImage, stampIssue, type StampIssueInput } from './pdf/issueMarks.ts';
export { isoVietnam, pdfDate } from './pdf/pdfDates.ts';
export { issueAsOrganization, signAsHead, signManifest } from './documentSigning.ts';
export { createSigningService, type SigningSecret, type SigningService } from './signingService.ts';
export { ORGANIZATION, type IdentityOwner } from './signingRepository.ts';
export type { SecretBox } from './identities/keyVault.ts';
export * from './verify/index.ts';
