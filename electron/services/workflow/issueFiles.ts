import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import type { PdfFieldLayout } from '../../../shared/domain/documents/pdfFields.ts';
import { canonicalJson } from '../../../shared/domain/packages/manifest.ts';
import { formatDateLine } from '../../../shared/domain/vietnameseDate.ts';
import { AppError } from '../../../shared/errors.ts';
import { auditAnchor } from '../audit/auditLog.ts';
import { docxFileName, pdfFileName } from '../documents/documentNumber.ts';
import { renderDocx } from '../documents/renderDocument.ts';
import { sha256Hex, type BlobStore } from '../drafts/attachmentStore.ts';
import type { StoredDocument } from '../drafts/documentsRepository.ts';
import {
  isoVietnam,
  signCmsDetached,
  signPdf,
  stampIssue,
  type Identity,
  type SigningService,
} from '../signing/index.ts';
import { renderDocumentWorkbook } from '../spreadsheets/documentWorkbook.ts';
import type { Db } from '../store/openDatabase.ts';
import { renderIssuedPdf, type DocumentPdfDeps } from './documentPdf.ts';
import { attachmentNames, buildManifest } from './issuePackage.ts';
import type { IssuedFile, IssuedFileRole } from './workflowRepository.ts';

export interface RenderedFile extends IssuedFile {
  bytes: Buffer;
}

export interface IssueFilesDeps extends DocumentPdfDeps {
  db: Db;
  issuedFiles: BlobStore;
  signing: SigningService;
  /** The evidence files of a report, as they are now: copied into the issue, never referenced. */
  attachmentFiles: (documentId: string) => { name: string; mime: string; bytes: Buffer }[];
}

export interface IssueFilesInput {
  doc: StoredDocument;
  /** The document as issued: number, date, approving head, Nơi nhận. */
  exchange: ExchangeDocument;
  catalog: Catalog;
  /** The PDF the head approved (and signed), or null for one approved without a PDF. */
  approvalPdf: { sha256: string; fields: PdfFieldLayout } | null;
  /** The organisation's identity, open for this issue; null when the department signs on paper. */
  identity: Identity | null;
  packageId: string;
  issueNo: number;
  replaces: { packageId: string; reason: string } | null;
  signingTime: Date;
}

const file = (role: IssuedFileRole, name: string, mime: string, bytes: Buffer): RenderedFile => ({
  role,
  name,
  mime,
  bytes,
  size: bytes.length,
  sha256: sha256Hex(bytes),
});

/**
 * "Ban hành" (ND30: the văn thư adds the number and date and applies the organisation's signature):
 * the head's PDF gets the number line, the date line and the seal in an incremental update and is
 * signed as the organisation, so the head's signature stays valid; the .docx, the Excel appendix
 * and the document JSON carry the same number; evidence files are copied in; the package manifest
 * names every file by its SHA-256 and is signed (CMS) by the organisation too.
 */
export async function renderIssueFiles(deps: IssueFilesDeps, i: IssueFilesInput) {
  const { exchange, catalog } = i;
  const org = exchange.organization;
  const number = exchange.meta.number!;
  const issuedOn = exchange.meta.issuedOn!;
  const docxName = docxFileName(exchange, catalog.number);
  // A công văn has no Excel appendix and is never sent as a package (see below).
  const workbook = exchange.kind === 'letter' ? null : await renderDocumentWorkbook(org, catalog, exchange);

  let pdf: Buffer;
  if (i.approvalPdf) {
    const approved = deps.issuedFiles.read(i.approvalPdf.sha256);
    if (!approved) {
      throw new AppError(
        'INTERNAL',
        'Bản PDF lãnh đạo đã ký bị thiếu hoặc bị thay đổi trên đĩa; hãy khôi phục từ bản sao lưu hoặc trình ký lại',
      );
    }
    const seal = deps.signing.seal();
    pdf = await stampIssue(approved, {
      fields: i.approvalPdf.fields,
      numberText: `Số: ${number}`,
      dateText: formatDateLine(org.place, issuedOn),
      ...(seal ? { sealImage: seal.png, sealSizeMm: seal.diameterMm } : {}),
      at: i.signingTime,
      ...(deps.signing.fontsDir ? { fontsDir: deps.signing.fontsDir } : {}),
    });
  } else {
    pdf = (await renderIssuedPdf(deps, i.doc, exchange)).bytes;
  }
  if (i.identity) {
    pdf = await signPdf(pdf, i.identity, {
      name: org.name,
      reason: `Ban hành văn bản số ${number}`,
      location: org.place,
      signingTime: i.signingTime,
    });
  }

  const documents: RenderedFile[] = [
    file(
      'document',
      docxName.replace(/\.docx$/, '.json'),
      'application/json',
      Buffer.from(canonicalJson(exchange)),
    ),
    file('pdf', pdfFileName(exchange, catalog.number), 'application/pdf', pdf),
    file(
      'docx',
      docxName,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      await renderDocx(exchange, catalog),
    ),
    ...(workbook ? [file('xlsx', workbook.fileName, workbook.mime, workbook.bytes)] : []),
  ];
  const evidence = deps.attachmentFiles(i.doc.meta.id);
  const names = attachmentNames(
    evidence.map((a) => a.name),
    documents.map((d) => d.name),
  );
  const attachments = evidence.map((a, n) => file('attachment', names[n]!, a.mime, a.bytes));
  // A công văn goes to its addressees, not to Sở KH&CN's intake as a department's report: no
  // package manifest, so it is never queued in the outbox (issueService queues only signed
  // manifests). Its signed PDF and .docx are kept with the issue for download.
  if (exchange.kind === 'letter') return { files: [...documents, ...attachments], packageSha256: '' };

  const { bytes: manifest, sha256: packageSha256 } = buildManifest({
    packageId: i.packageId,
    createdAt: isoVietnam(i.signingTime),
    exchange,
    documentId: i.doc.meta.id,
    periodKey: i.doc.periodKey,
    issueNo: i.issueNo,
    replaces: i.replaces,
    files: [...documents, ...attachments],
    audit: auditAnchor(deps.db),
  });
  const files = [
    ...documents,
    ...attachments,
    file('manifest', 'manifest.json', 'application/json', manifest),
  ];
  if (i.identity) {
    const p7s = await signCmsDetached(manifest, i.identity, { signingTime: i.signingTime });
    files.push(file('manifest-signature', 'manifest.p7s', 'application/pkcs7-signature', p7s));
  }
  return { files, packageSha256 };
}
