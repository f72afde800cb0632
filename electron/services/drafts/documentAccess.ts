import { AppError } from '../../../shared/errors.ts';
import type { AgencyType, Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { DocumentKind, DocumentStatus } from '../../../shared/domain/documents/documentMeta.ts';
import type { Organization } from '../../../shared/domain/organization/schemas.ts';
import type { ValidationIssue } from '../../../shared/domain/reports/reportValidation.ts';
import { formatShortDate } from '../../../shared/domain/vietnameseDate.ts';
import { vietnamToday } from '../../../shared/domain/calendarDate.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import type { OrganizationRepository } from '../organization/organizationRepository.ts';
import type { Db } from '../store/openDatabase.ts';
import type { DocumentsRepository, StoredDocument } from './documentsRepository.ts';

/** What every drafting service is built from. */
export interface DraftsDeps {
  db: Db;
  catalogs: Map<string, Catalog>;
  organization: OrganizationRepository;
  documents: DocumentsRepository;
  audit: AuditLog;
  clock: () => Date;
}

export const kindNoun: Record<DocumentKind, string> = {
  plan: 'Kế hoạch',
  report: 'Báo cáo',
  letter: 'Công văn',
};

export interface DepartmentContext {
  org: Organization;
  catalog: Catalog;
  agencyType: AgencyType;
}

/** The department's profile and the provincial plan it works under. */
export function department(deps: Pick<DraftsDeps, 'catalogs' | 'organization'>): DepartmentContext {
  const org = deps.organization.get();
  if (!org) throw new AppError('SETUP_REQUIRED', 'Ứng dụng chưa được thiết lập');
  const catalog = deps.catalogs.get(org.planId);
  if (!catalog) throw new AppError('NOT_FOUND', `Kế hoạch: không tìm thấy kế hoạch mẫu "${org.planId}"`);
  const agencyType = catalog.agencyTypes.find((a) => a.code === org.agencyType);
  if (!agencyType) {
    throw new AppError('NOT_FOUND', `Loại cơ quan: "${org.agencyType}" không có trong ${catalog.number}`);
  }
  return { org, catalog, agencyType };
}

/** The catalog a stored document was written against. */
export function catalogOf(deps: Pick<DraftsDeps, 'catalogs'>, doc: StoredDocument): Catalog {
  const catalog = deps.catalogs.get(doc.meta.catalogId);
  if (!catalog) {
    throw new AppError('NOT_FOUND', `Kế hoạch: không tìm thấy kế hoạch mẫu "${doc.meta.catalogId}"`);
  }
  return catalog;
}

/** The document `id`, which must be of `kind`: a plan's id never reaches a report handler. */
export function requireDocument(
  documents: DocumentsRepository,
  id: string,
  kind: DocumentKind,
): StoredDocument {
  const doc = documents.get(id);
  const noun = kindNoun[kind].toLowerCase();
  if (!doc || doc.meta.kind !== kind) {
    throw new AppError('NOT_FOUND', `Mã ${noun}: không tìm thấy ${noun} "${id}"`);
  }
  return doc;
}

const notEditable: Partial<Record<DocumentStatus, string>> = {
  submitted: 'Văn bản đang chờ lãnh đạo duyệt, không sửa được. Muốn sửa, hãy "Rút lại" trước.',
  approved: 'Văn bản đã được lãnh đạo duyệt và ký, không sửa được.',
  issued: 'Văn bản đã ban hành, không sửa được. Muốn thay đổi, hãy "Tạo bản sửa đổi".',
};

/** Only drafts and documents returned for changes may be edited. */
export function requireEditable(doc: StoredDocument) {
  const refusal = notEditable[doc.meta.status];
  if (refusal) throw new AppError('CONFLICT', refusal);
}

/** "14:05:12" in Vietnam time, with the date too when that was not today. */
function vietnamTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const hms = [local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
  const day = vietnamToday(at);
  return day === vietnamToday(now) ? hms : `${hms} ngày ${formatShortDate(day)}`;
}

/** The optimistic lock: an editor may only save over the revision it loaded. */
export function requireRevision(doc: StoredDocument, baseRevision: number, now: Date) {
  if (doc.meta.revision === baseRevision) return;
  throw new AppError(
    'CONFLICT',
    `${kindNoun[doc.meta.kind]} đã được sửa ở cửa sổ khác (${doc.meta.updatedBy} lúc ${vietnamTime(doc.meta.updatedAt, now)}). ` +
      'Thay đổi của bạn chưa được lưu: hãy so với bản mới nhất và chọn giữ bản nào cho từng mục.',
  );
}

/** Refuses content with any issue of severity 'error'; incomplete content may be saved. */
export function refuseErrors(issues: readonly ValidationIssue[]) {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new AppError('VALIDATION', errors.map((e) => e.message).join('; '));
}

/**
 * A save carries exactly the rows the document has (in any order): none it lacks, none twice, and
 * none left out, since a dropped indicator or task would also escape the checks before approval.
 */
export function requireSameIds(ids: readonly string[], known: readonly string[], field: string) {
  const expected = new Set(known);
  const seen = new Set<string>();
  for (const id of ids) {
    if (!expected.has(id)) throw new AppError('VALIDATION', `${field}: "${id}" không có trong văn bản này`);
    if (seen.has(id)) throw new AppError('VALIDATION', `${field}: "${id}" bị lặp lại`);
    seen.add(id);
  }
  const missing = known.filter((id) => !seen.has(id));
  if (missing.length) {
    throw new AppError(
      'VALIDATION',
      `${field}: thiếu ${missing.map((m) => `"${m}"`).join(', ')}; không được bỏ khỏi văn bản`,
    );
  }
}

export interface SaveContentRequest<C> {
  kind: DocumentKind;
  id: string;
  baseRevision: number;
  editSession: string;
  content: C;
  userId: string;
  /** Kind-specific checks of the new content against the stored one (same rows, same period…). */
  check: (content: C, stored: C) => void;
  validate: (content: C, catalog: Catalog) => ValidationIssue[];
}

/**
 * The one save path of every editor (and of imports): in one IMMEDIATE transaction the document
 * must still be editable and at the revision the editor started from, the content must pass its
 * checks with no error, and then revision, content, version and audit entry land together.
 */
export function saveDocumentContent<C>(deps: DraftsDeps, r: SaveContentRequest<C>) {
  const { db, documents, audit, clock } = deps;
  return db
    .transaction(() => {
      const doc = requireDocument(documents, r.id, r.kind);
      requireEditable(doc);
      requireRevision(doc, r.baseRevision, clock());
      r.check(r.content, doc.content as C);
      refuseErrors(r.validate(r.content, catalogOf(deps, doc)));
      const revision = doc.meta.revision + 1;
      const { savedAt, versionNo, newVersion } = documents.saveContent(
        r.id,
        r.content,
        revision,
        r.editSession,
        r.userId,
      );
      // One entry per editing session: the version it opened. Autosaves within it add none.
      if (newVersion) {
        audit.append(r.userId, `${r.kind}s.save`, {
          id: r.id,
          revision,
          versionNo,
        });
      }
      return { revision, savedAt };
    })
    .immediate();
}
