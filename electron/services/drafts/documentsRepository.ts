import { randomUUID } from 'node:crypto';
import type {
  DocumentKind,
  DocumentMeta,
  DocumentStatus,
  Version,
} from '../../../shared/domain/documents/documentMeta.ts';
import type { Db } from '../store/openDatabase.ts';

interface DocumentRow {
  id: string;
  kind: DocumentKind;
  catalog_id: string;
  period_key: string;
  title: string;
  status: DocumentStatus;
  revision: number;
  content_json: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  updated_by_name: string;
  last_issue: string | null;
}

/** A plan or report as stored: its meta, its JSON content (validated when written) and its key. */
export interface StoredDocument {
  meta: DocumentMeta;
  periodKey: string;
  content: unknown;
}

/** The edit session of the version written when a document is created. */
export const CREATE_SESSION = 'create';

const SELECT_DOCUMENT = `
  SELECT d.id, d.kind, d.catalog_id, d.period_key, d.title, d.status, d.revision, d.content_json,
         d.created_at, d.updated_at, d.updated_by, u.full_name AS updated_by_name,
         (SELECT json_object('issueNo', i.issue_no, 'number', i.number, 'issuedOn', i.issued_on)
            FROM document_issues i WHERE i.document_id = d.id ORDER BY i.issue_no DESC LIMIT 1) AS last_issue
  FROM documents d JOIN users u ON u.id = d.updated_by`;

function toStored(r: DocumentRow): StoredDocument {
  return {
    meta: {
      id: r.id,
      kind: r.kind,
      catalogId: r.catalog_id,
      title: r.title,
      status: r.status,
      revision: r.revision,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      // The editor shows "đã lưu bởi …": a name a clerk recognises, not an id.
      updatedBy: r.updated_by_name,
      issued: r.last_issue ? (JSON.parse(r.last_issue) as DocumentMeta['issued']) : null,
    },
    periodKey: r.period_key,
    content: JSON.parse(r.content_json) as unknown,
  };
}

export interface NewDocument {
  kind: DocumentKind;
  catalogId: string;
  periodKey: string;
  title: string;
  content: unknown;
  userId: string;
}

/**
 * Rows of `documents` and `document_versions`. Callers run these inside their own transaction,
 * together with the checks (status, revision) and the audit entry of the change.
 */
export function createDocumentsRepository(db: Db, clock: () => Date) {
  const byId = db.prepare(`${SELECT_DOCUMENT} WHERE d.id = ?`);
  const byKey = db.prepare(`${SELECT_DOCUMENT} WHERE d.kind = ? AND d.catalog_id = ? AND d.period_key = ?`);
  const ofKind = db.prepare(`${SELECT_DOCUMENT} WHERE d.kind = ? AND d.catalog_id = ?`);
  const latestVersion = db.prepare(
    'SELECT version_no, edit_session, sealed FROM document_versions WHERE document_id = ? ORDER BY version_no DESC LIMIT 1',
  );
  const insertVersion = db.prepare(
    `INSERT INTO document_versions (document_id, version_no, edit_session, revision, content_json, user_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateVersion = db.prepare(
    `UPDATE document_versions SET content_json = ?, revision = ?, user_id = ?, updated_at = ?
     WHERE document_id = ? AND version_no = ?`,
  );

  return {
    get(id: string): StoredDocument | null {
      const r = byId.get(id) as DocumentRow | undefined;
      return r ? toStored(r) : null;
    },
    find(kind: DocumentKind, catalogId: string, periodKey: string): StoredDocument | null {
      const r = byKey.get(kind, catalogId, periodKey) as DocumentRow | undefined;
      return r ? toStored(r) : null;
    },
    list(kind: DocumentKind, catalogId: string): StoredDocument[] {
      return (ofKind.all(kind, catalogId) as DocumentRow[]).map(toStored);
    },
    /** Every document, of any kind and plan, in one of `statuses`: the work waiting for someone. */
    withStatus(statuses: readonly DocumentStatus[]): StoredDocument[] {
      const marks = statuses.map(() => '?').join(', ');
      return (
        db
          .prepare(`${SELECT_DOCUMENT} WHERE d.status IN (${marks}) ORDER BY d.updated_at`)
          .all(...statuses) as DocumentRow[]
      ).map(toStored);
    },
    /** A new draft at revision 1, with version 1 holding its starting content. */
    insert(doc: NewDocument): StoredDocument {
      const id = randomUUID();
      const now = clock().toISOString();
      const json = JSON.stringify(doc.content);
      db.prepare(
        `INSERT INTO documents (id, kind, catalog_id, period_key, title, status, revision, content_json,
           created_at, updated_at, created_by, updated_by)
         VALUES (?, ?, ?, ?, ?, 'draft', 1, ?, ?, ?, ?, ?)`,
      ).run(id, doc.kind, doc.catalogId, doc.periodKey, doc.title, json, now, now, doc.userId, doc.userId);
      insertVersion.run(id, 1, CREATE_SESSION, 1, json, doc.userId, now, now);
      return this.get(id)!;
    },
    /**
     * Stores new content as `revision` and records it in the versions.
     *
     * The rule that makes versions immutable snapshots: only the newest version row may change, and
     * only by a save from the same editing session that wrote it. As soon as another session (another
     * window, a reopened editor, or the creation itself) saves, the earlier session has ended and
     * its version is never written again; its next save, if any, starts a new version. A version a
     * workflow step was recorded against (sealed) never changes either.
     *
     * `newVersion` is true when this save started a version: the audit trail records one entry per
     * editing session, not one per autosave.
     */
    saveContent(id: string, content: unknown, revision: number, editSession: string, userId: string) {
      const now = clock().toISOString();
      const json = JSON.stringify(content);
      db.prepare(
        'UPDATE documents SET content_json = ?, revision = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      ).run(json, revision, now, userId, id);
      const latest = this.latestVersion(id);
      let versionNo: number;
      const newVersion = !(latest && latest.editSession === editSession && !latest.sealed);
      if (!newVersion) {
        versionNo = latest!.versionNo;
        updateVersion.run(json, revision, userId, now, id, versionNo);
      } else {
        versionNo = (latest?.versionNo ?? 0) + 1;
        insertVersion.run(id, versionNo, editSession, revision, json, userId, now, now);
      }
      return { savedAt: now, versionNo, newVersion };
    },
    latestVersion(id: string): { versionNo: number; editSession: string; sealed: boolean } | null {
      const r = latestVersion.get(id) as
        { version_no: number; edit_session: string; sealed: number } | undefined;
      return r ? { versionNo: r.version_no, editSession: r.edit_session, sealed: r.sealed === 1 } : null;
    },
    /** Freezes the newest version: a workflow step now refers to it. Returns its number. */
    sealLatestVersion(id: string): number {
      const latest = this.latestVersion(id);
      if (!latest) throw new Error(`document ${id} has no version`);
      db.prepare('UPDATE document_versions SET sealed = 1 WHERE document_id = ? AND version_no = ?').run(
        id,
        latest.versionNo,
      );
      return latest.versionNo;
    },
    setStatus(id: string, status: DocumentStatus) {
      db.prepare('UPDATE documents SET status = ? WHERE id = ?').run(status, id);
    },
    /** A công văn's title is its trích yếu, which the clerk may edit (the register prints it). */
    setTitle(id: string, title: string) {
      db.prepare('UPDATE documents SET title = ? WHERE id = ?').run(title, id);
    },
    /** Who wrote the document: its creator and everyone who sent it for approval. */
    drafters(id: string): string[] {
      const rows = db
        .prepare(
          `SELECT created_by AS id FROM documents WHERE id = ?
           UNION SELECT user_id FROM document_transitions WHERE document_id = ? AND action = 'submit'`,
        )
        .all(id, id) as { id: string }[];
      return rows.map((r) => r.id);
    },
    /** Newest first, each with the full name of who last wrote it. */
    versions(id: string): Version[] {
      return (
        db
          .prepare(
            `SELECT v.version_no, v.revision, v.created_at, v.updated_at, u.full_name
             FROM document_versions v JOIN users u ON u.id = v.user_id
             WHERE v.document_id = ? ORDER BY v.version_no DESC`,
          )
          .all(id) as {
          version_no: number;
          revision: number;
          created_at: string;
          updated_at: string;
          full_name: string;
        }[]
      ).map((r) => ({
        versionNo: r.version_no,
        revision: r.revision,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        userName: r.full_name,
      }));
    },
    versionContent(id: string, versionNo: number): unknown {
      const r = db
        .prepare('SELECT content_json FROM document_versions WHERE document_id = ? AND version_no = ?')
        .get(id, versionNo) as { content_json: string } | undefined;
      return r ? (JSON.parse(r.content_json) as unknown) : null;
    },
  };
}
export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
