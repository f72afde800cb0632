import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import { upgradeReportContent } from '../../../shared/domain/reports/upgradeReport.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import { catalogOf, department, type DraftsDeps } from './documentAccess.ts';
import type { DocumentsRepository, StoredDocument } from './documentsRepository.ts';

/** Only reports that may still change follow the catalog; later ones stay as they were signed off. */
const FOLLOWS_CATALOG: ReadonlySet<string> = new Set(['draft', 'returned']);

/** The edit session of the version a content migration writes: never merged into an editor's. */
export const UPGRADE_SESSION = 'catalog-upgrade';

/**
 * A stored report as the catalog now wants it (shared/domain/reports/upgradeReport.ts): upgraded
 * for the department's agency type while it is a draft or returned, exactly as stored otherwise.
 * Every handler that reads a report's content for editing goes through here, so the editor, the
 * save check, the submit check and the spreadsheet import all see one shape.
 */
export function reportContentOf(deps: Pick<DraftsDeps, 'catalogs' | 'organization'>, doc: StoredDocument) {
  const content = doc.content as ReportContent;
  if (!FOLLOWS_CATALOG.has(doc.meta.status)) return content;
  return upgradeReportContent(content, catalogOf(deps, doc), department(deps).org.agencyType);
}

/**
 * Stores the upgraded content once, as a version of its own, when it differs from what is stored
 * (inside the caller's transaction). Returns the document as it now is.
 */
export function persistUpgrade(
  deps: Pick<DraftsDeps, 'catalogs' | 'organization'> & { documents: DocumentsRepository; audit: AuditLog },
  doc: StoredDocument,
  userId: string,
): StoredDocument {
  const upgraded = reportContentOf(deps, doc);
  if (JSON.stringify(upgraded) === JSON.stringify(doc.content)) return doc;
  const revision = doc.meta.revision + 1;
  const { versionNo } = deps.documents.saveContent(doc.meta.id, upgraded, revision, UPGRADE_SESSION, userId);
  deps.audit.append(userId, 'reports.upgrade', { id: doc.meta.id, revision, versionNo });
  return deps.documents.get(doc.meta.id)!;
}
