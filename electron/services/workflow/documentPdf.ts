import path from 'node:path';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import type { PdfFieldLayout } from '../../../shared/domain/documents/pdfFields.ts';
import type { User } from '../../../shared/domain/organization/schemas.ts';
import { AppError } from '../../../shared/errors.ts';
import { sha256Hex } from '../drafts/attachmentStore.ts';
import type { StoredDocument } from '../drafts/documentsRepository.ts';
import { catalogFor } from '../documents/exchangeBuilder.ts';
import { pdfFileName } from '../documents/documentNumber.ts';
import { renderPdfWithFieldsOffThread } from '../documents/renderOffThread.ts';
import { checkAgainstCatalog } from '../documents/renderDocument.ts';
import { placeSignatureImage } from '../signing/index.ts';
import { exchangeFor, signerOf, type ExchangeDeps } from './documentExchange.ts';

export interface DocumentPdfDeps extends ExchangeDeps {
  catalogs: Map<string, Catalog>;
  /** resources/ of the app: the bundled fonts are in resources/fonts. */
  resourcesDir: string;
}

export interface ApprovalPdf {
  fileName: string;
  bytes: Buffer;
  fields: PdfFieldLayout;
  sha256: string;
}

/** A stored document's exchange JSON and plan template, refused if the template lacks a row. */
export function exchangeAndCatalog(
  deps: DocumentPdfDeps,
  doc: StoredDocument,
  exchange = exchangeFor(deps, doc),
) {
  const catalog = catalogFor(deps.catalogs, doc.meta.catalogId);
  const problems = checkAgainstCatalog(exchange, catalog);
  if (problems.length) throw new AppError('VALIDATION', problems.join('; '));
  return { exchange, catalog };
}

/** resources/fonts; the render worker reads the system's Times New Roman first when installed. */
const fontsDirOf = (deps: Pick<DocumentPdfDeps, 'resourcesDir'>) => path.join(deps.resourcesDir, 'fonts');

/**
 * The PDF a head approves: the document as it stands, with that head in the signature block and
 * their signature image in its place (ND30 Phụ lục I), number and date still blank. The same
 * version gives the same bytes (its save time dates the file and the image), so what the review
 * screen showed is exactly what "Duyệt và ký" signs: the service renders it again and compares.
 */
export async function renderApprovalPdf(
  deps: DocumentPdfDeps,
  doc: StoredDocument,
  head: User,
  signatureImage: Buffer | null,
): Promise<ApprovalPdf> {
  const base = exchangeFor(deps, doc);
  const { exchange, catalog } = exchangeAndCatalog(deps, doc, { ...base, signer: signerOf(head) });
  const at = new Date(doc.meta.updatedAt);
  const { bytes, fields } = await renderPdfWithFieldsOffThread(exchange, catalog, {
    fontsDir: fontsDirOf(deps),
    createdAt: at,
  });
  const shown = signatureImage
    ? await placeSignatureImage(bytes, { box: fields.signature, image: signatureImage, at })
    : bytes;
  return { fileName: pdfFileName(exchange, catalog.number), bytes: shown, fields, sha256: sha256Hex(shown) };
}

/** The final PDF of a document issued without a head's PDF (approved before PDFs existed). */
export async function renderIssuedPdf(
  deps: DocumentPdfDeps,
  doc: StoredDocument,
  exchange: ExchangeDocument,
) {
  const { catalog } = exchangeAndCatalog(deps, doc, exchange);
  return renderPdfWithFieldsOffThread(exchange, catalog, { fontsDir: fontsDirOf(deps) });
}
