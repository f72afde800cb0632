import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import type { Handlers } from '../context.ts';
import type { BlobStore } from '../drafts/attachmentStore.ts';
import type { DocumentsRepository, StoredDocument } from '../drafts/documentsRepository.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';
import type { UsersRepository } from '../organization/usersRepository.ts';
import { exchangeFor } from '../workflow/documentExchange.ts';
import type { IssuedFileRole, WorkflowRepository } from '../workflow/workflowRepository.ts';
import { docxFileName, pdfFileName } from './documentNumber.ts';
import { catalogFor } from './exchangeBuilder.ts';
import { checkAgainstCatalog } from './renderDocument.ts';
import { renderDocxOffThread, renderPdfOffThread } from './renderOffThread.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MIME = 'application/pdf';

export interface DocumentHandlerDeps {
  catalogs: Map<string, Catalog>;
  organization: OrganizationRepository;
  users: UsersRepository;
  documents: DocumentsRepository;
  workflow: WorkflowRepository;
  issuedFiles: BlobStore;
  /** resources/ of the app: the bundled fonts are in resources/fonts. */
  resourcesDir: string;
}

/**
 * The frozen file of an issued document (the same bytes on every download), or null while the
 * document is not in its issued state (a draft being amended renders anew).
 */
export function frozenFile(
  deps: Pick<DocumentHandlerDeps, 'workflow' | 'issuedFiles'>,
  stored: StoredDocument,
  role: IssuedFileRole,
) {
  if (stored.meta.status !== 'issued') return null;
  const issue = deps.workflow.issuesOf(stored.meta.id).at(-1);
  const file = issue?.files.find((f) => f.role === role);
  if (!issue || !file) return null;
  const bytes = deps.issuedFiles.read(file.sha256);
  if (!bytes) {
    throw new AppError(
      'INTERNAL',
      `Tệp ${file.name} của văn bản ${issue.number} bị thiếu hoặc đã bị thay đổi trên đĩa; hãy khôi phục từ bản sao lưu`,
    );
  }
  return { fileName: file.name, mime: file.mime, dataBase64: bytes.toString('base64') };
}

/**
 * "documents.renderDocx" and "documents.renderPdf": the official .docx and PDF of a stored plan or
 * report, for preview and export. Both print the same exchange JSON through the same layout; once
 * issued, the frozen file.
 */
export function createDocumentHandlers(
  deps: DocumentHandlerDeps,
): Pick<Handlers, 'documents.renderDocx' | 'documents.renderPdf'> {
  const { documents } = deps;
  const stored = (id: string) => {
    const doc = documents.get(id);
    if (!doc) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${id}"`);
    return doc;
  };
  const load = (doc: StoredDocument): { doc: ExchangeDocument; catalog: Catalog; updatedAt: string } => {
    const catalog = catalogFor(deps.catalogs, doc.meta.catalogId);
    const exchange = exchangeFor(deps, doc);
    const problems = checkAgainstCatalog(exchange, catalog);
    if (problems.length) throw new AppError('VALIDATION', problems.join('; '));
    return { doc: exchange, catalog, updatedAt: doc.meta.updatedAt };
  };
  return {
    'documents.renderDocx': async ({ id }, ctx) => {
      const found = stored(id);
      const frozen = frozenFile(deps, found, 'docx');
      if (frozen) return frozen;
      await ctx.progress?.(1, 3, 'Đang chuẩn bị nội dung văn bản');
      const { doc, catalog, updatedAt } = load(found);
      await ctx.progress?.(2, 3, 'Đang dàn trang và tạo tệp Word');
      // The time of the version shown, as for the PDF: a draft's date line carries its year.
      const bytes = await renderDocxOffThread(doc, catalog, ctx.signal, undefined, {
        createdAt: new Date(updatedAt),
      });
      await ctx.progress?.(3, 3, 'Đang hoàn tất tệp');
      return {
        fileName: docxFileName(doc, catalog.number),
        mime: DOCX_MIME,
        dataBase64: bytes.toString('base64'),
      };
    },
    'documents.renderPdf': async ({ id }, ctx) => {
      const found = stored(id);
      const frozen = frozenFile(deps, found, 'pdf');
      if (frozen) return frozen;
      await ctx.progress?.(1, 3, 'Đang chuẩn bị nội dung văn bản');
      const { doc, catalog, updatedAt } = load(found);
      await ctx.progress?.(2, 3, 'Đang dàn trang và tạo tệp PDF');
      const bytes = await renderPdfOffThread(
        doc,
        catalog,
        // The time of the version shown: the same version gives the same bytes.
        { fontsDir: path.join(deps.resourcesDir, 'fonts'), createdAt: new Date(updatedAt) },
        ctx.signal,
      );
      await ctx.progress?.(3, 3, 'Đang hoàn tất tệp');
      return {
        fileName: pdfFileName(doc, catalog.number),
        mime: PDF_MIME,
        dataBase64: bytes.toString('base64'),
      };
    },
  };
}
