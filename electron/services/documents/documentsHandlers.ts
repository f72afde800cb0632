import { AppError } from '../../../shared/errors.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { Handlers } from '../context.ts';
import type { DocumentsRepository } from '../drafts/documentsRepository.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';
import type { UsersRepository } from '../organization/usersRepository.ts';
import { docxFileName } from './documentNumber.ts';
import { catalogFor, chooseSigner, toExchange } from './exchangeBuilder.ts';
import { checkAgainstCatalog, renderDocx } from './renderDocument.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocumentHandlerDeps {
  catalogs: Map<string, Catalog>;
  organization: OrganizationRepository;
  users: UsersRepository;
  documents: DocumentsRepository;
}

/** "documents.renderDocx": the official .docx of a stored plan or report, for preview and export. */
export function createDocumentHandlers(deps: DocumentHandlerDeps): Pick<Handlers, 'documents.renderDocx'> {
  const { documents } = deps;
  return {
    'documents.renderDocx': async ({ id }) => {
      const org = deps.organization.get();
      if (!org) throw new AppError('SETUP_REQUIRED', 'Ứng dụng chưa được thiết lập');
      const stored = documents.get(id);
      if (!stored) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${id}"`);
      const catalog = catalogFor(deps.catalogs, stored.meta.catalogId);
      const doc = toExchange(stored, org, chooseSigner(org, deps.users.list()));
      const problems = checkAgainstCatalog(doc, catalog);
      if (problems.length) throw new AppError('VALIDATION', problems.join('; '));
      const bytes = await renderDocx(doc, catalog);
      return {
        fileName: docxFileName(doc, catalog.number),
        mime: DOCX_MIME,
        dataBase64: bytes.toString('base64'),
      };
    },
  };
}
