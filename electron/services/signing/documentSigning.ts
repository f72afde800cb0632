import type { PdfFieldLayout } from '../../../shared/domain/documents/pdfFields.ts';
import { signCmsDetached } from './crypto/cmsSigner.ts';
import { placeSignatureImage, stampIssue } from './pdf/issueMarks.ts';
import { signPdf, type PdfSignInfo } from './pdf/pdfSigner.ts';
import { ORGANIZATION } from './signingRepository.ts';
import type { SigningSecret, SigningService } from './signingService.ts';

/**
 * The two ND30 signatures as the workflow calls them. The identity is opened first, so a wrong
 * PIN or password fails before any PDF work; it is closed (PIN or key forgotten) whatever happens.
 */

/** "Duyệt và ký": the head's signature image (if uploaded) in the signature box, then their signature. */
export async function signAsHead(
  signing: SigningService,
  input: { pdf: Buffer; userId: string; secret: SigningSecret; fields: PdfFieldLayout; info: PdfSignInfo },
): Promise<Buffer> {
  const identity = await signing.openSigner(input.userId, input.secret);
  try {
    const image = signing.signatureImage(input.userId);
    const pdf = image
      ? await placeSignatureImage(input.pdf, {
          box: input.fields.signature,
          image: image.png,
          at: input.info.signingTime,
        })
      : input.pdf;
    return await signPdf(pdf, identity, input.info);
  } finally {
    await identity.close();
  }
}

/**
 * "Ban hành": the number, the date and the seal (at its real size) in an incremental update, then
 * the organisation's signature over the whole file. The head's signature stays valid.
 */
export async function issueAsOrganization(
  signing: SigningService,
  input: {
    pdf: Buffer;
    fields: PdfFieldLayout;
    numberText: string;
    dateText: string;
    secret: SigningSecret;
    info: PdfSignInfo;
  },
): Promise<Buffer> {
  const identity = await signing.openSigner(ORGANIZATION, input.secret);
  try {
    const seal = signing.seal();
    const stamped = await stampIssue(input.pdf, {
      fields: input.fields,
      numberText: input.numberText,
      dateText: input.dateText,
      ...(seal ? { sealImage: seal.png, sealSizeMm: seal.diameterMm } : {}),
      at: input.info.signingTime,
      ...(signing.fontsDir ? { fontsDir: signing.fontsDir } : {}),
    });
    return await signPdf(stamped, identity, input.info);
  } finally {
    await identity.close();
  }
}

/** The package's manifest.p7s: the organisation's CMS detached signature over the manifest bytes. */
export async function signManifest(
  signing: SigningService,
  input: { manifest: Uint8Array; secret: SigningSecret; signingTime: Date },
): Promise<Buffer> {
  const identity = await signing.openSigner(ORGANIZATION, input.secret);
  try {
    return await signCmsDetached(input.manifest, identity, { signingTime: input.signingTime });
  } finally {
    await identity.close();
  }
}
