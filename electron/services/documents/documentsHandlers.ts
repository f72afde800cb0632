import { AppError } from '../../../shared/errors.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { Handlers } from '../context.ts';
import type { BlobStore } from '../drafts/attachmentStore.ts';
import type { DocumentsRepository, StoredDocument } from '../drafts/documentsRepository.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';
import type { UsersRepository } from '../organization/usersRepository.ts';
import { exchangeFor } from '../workflow/documentExchange.ts';
import type { IssuedFileRole, WorkflowRepository } from '../workflow/workflowRepository.ts';
import { docxFileName } from './documentNumber.ts';
import { catalogFor } from './exchangeBuilder.ts';
import { checkAgainstCatalog, renderDocx } from './renderDocument.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocumentHandlerDeps {
  catalogs: Map<string, Catalog>;
  organization: OrganizationRepository;
  users: UsersRepository;
  documents: DocumentsRepository;
  workflow: WorkflowRepository;
  issuedFiles: BlobStore;
}

/**
 * The frozen file of an issued document (the same bytes on every download), or null while the
 * document is not in its issued state (a draft being amended renders anew).
 */
export function frozenFile(deps: DocumentHandlerDeps, stored: StoredDocument, role: IssuedFileRole) {
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
 * "documents.renderDocx": the official .docx of a stored plan or report, for preview and export;
 * once issued, the frozen file.
 */
export function createDocumentHandlers(deps: DocumentHandlerDeps): Pick<Handlers, 'documents.renderDocx'> {
  const { documents } = deps;
  return {
    'documents.renderDocx': async ({ id }) => {
      const stored = documents.get(id);
      if (!stored) throw new AppError('NOT_FOUND', `Mã văn bản: không tìm thấy văn bản "${id}"`);
      const frozen = frozenFile(deps, stored, 'docx');
      if (frozen) return frozen;
      const catalog = catalogFor(deps.catalogs, stored.meta.catalogId);
      const doc = exchangeFor(deps, stored);
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
