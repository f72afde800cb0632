import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import type { Handlers } from '../context.ts';
import type { DocumentsRepository } from '../drafts/documentsRepository.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';
import type { UsersRepository } from '../organization/usersRepository.ts';
import { docxFileName, pdfFileName } from './documentNumber.ts';
import { catalogFor, chooseSigner, toExchange } from './exchangeBuilder.ts';
import { documentFonts } from './pdf/fonts.ts';
import { renderPdf } from './pdf/renderPdf.ts';
import { checkAgainstCatalog, renderDocx } from './renderDocument.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MIME = 'application/pdf';

export interface DocumentHandlerDeps {
  catalogs: Map<string, Catalog>;
  organization: OrganizationRepository;
  users: UsersRepository;
  documents: DocumentsRepository;
  /** resources/ of the app: the bundled fonts are in resources/fonts. */
  resourcesDir: string;
}

/**
 * "documents.renderDocx" and "documents.renderPdf": the official .docx and PDF of a stored plan or
 * report, for preview and export. Both print the same exchange JSON through the same layout.
 */
export function createDocumentHandlers(
  deps: DocumentHandlerDeps,
): Pick<Handlers, 'documents.renderDocx' | 'documents.renderPdf'> {
  const { documents } = deps;
  const load = (id: string): { doc: ExchangeDocument; catalog: Catalog; updatedAt: string } => {
    const org = deps.organization.get();
    if (!org) throw new AppError('SETUP_REQUIRED', 'Ứng dụng chưa được thiết lập');
    const stored = documents.get(id);
    if (!stored) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${id}"`);
    const catalog = catalogFor(deps.catalogs, stored.meta.catalogId);
    const doc = toExchange(stored, org, chooseSigner(org, deps.users.list()));
    const problems = checkAgainstCatalog(doc, catalog);
    if (problems.length) throw new AppError('VALIDATION', problems.join('; '));
    return { doc, catalog, updatedAt: stored.meta.updatedAt };
  };
  return {
    'documents.renderDocx': async ({ id }) => {
      const { doc, catalog } = load(id);
      const bytes = await renderDocx(doc, catalog);
      return {
        fileName: docxFileName(doc, catalog.number),
        mime: DOCX_MIME,
        dataBase64: bytes.toString('base64'),
      };
    },
    'documents.renderPdf': async ({ id }) => {
      const { doc, catalog, updatedAt } = load(id);
      const { bytes } = await renderPdf(doc, catalog, {
        fonts: documentFonts(path.join(deps.resourcesDir, 'fonts')),
        // The time of the version shown: the same version gives the same bytes.
        createdAt: new Date(updatedAt),
      });
      return {
        fileName: pdfFileName(doc, catalog.number),
        mime: PDF_MIME,
        dataBase64: bytes.toString('base64'),
      };
    },
  };
}
