import { randomUUID } from 'node:crypto';
import type { DocumentStatus } from '../../../shared/domain/documents/documentMeta.ts';
import type { PdfFieldLayout } from '../../../shared/domain/documents/pdfFields.ts';
import type { Signer } from '../../../shared/domain/organization/letterhead.ts';
import type { Role } from '../../../shared/domain/organization/roles.ts';
import type { WorkflowAction } from '../../../shared/domain/workflow/transitions.ts';
import type { Db } from '../store/openDatabase.ts';

/**
 * Rows of the approval chain: transitions, review comments, the register and what was issued.
 * Callers run these inside their own IMMEDIATE transaction, with the checks of the change.
 */

export interface TransitionRow {
  seq: number;
  documentId: string;
  action: WorkflowAction;
  fromStatus: DocumentStatus;
  toStatus: DocumentStatus;
  userId: string;
  userName: string;
  role: Role;
  at: string;
  revision: number;
  versionNo: number;
  contentSha256: string;
  reason: string;
  signer: Signer | null;
  /** "Duyệt và ký": the approved PDF (in issued/) and where its number, date and signature go. */
  pdf: { sha256: string; fields: PdfFieldLayout } | null;
}

export type CommentArea = 'general' | 'section' | 'indicator' | 'task' | 'activity';

export interface CommentRow {
  id: string;
  documentId: string;
  transitionSeq: number;
  area: CommentArea;
  key: string;
  text: string;
  authorName: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
}

export interface RegisterEntry {
  id: string;
  register: string;
  year: number;
  seq: number;
  number: string;
  typeCode: string;
  issuedOn: string;
  summary: string;
  signerName: string;
  documentId: string;
  issueId: string | null;
  createdAt: string;
  createdByName: string;
  cancelledAt: string | null;
  cancelledByName: string | null;
  cancelReason: string | null;
}

export type IssuedFileRole =
  'document' | 'pdf' | 'docx' | 'xlsx' | 'attachment' | 'manifest' | 'manifest-signature';

export interface IssuedFile {
  role: IssuedFileRole;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface IssueRow {
  id: string;
  documentId: string;
  issueNo: number;
  registerEntryId: string;
  number: string;
  issuedOn: string;
  versionNo: number;
  contentSha256: string;
  signer: Signer;
  recipients: string[];
  packageId: string;
  replacesIssueId: string | null;
  amendReason: string | null;
  issuedByName: string;
  issuedAt: string;
  files: IssuedFile[];
}

export interface NewTransition {
  documentId: string;
  action: WorkflowAction;
  fromStatus: DocumentStatus;
  toStatus: DocumentStatus;
  userId: string;
  role: Role;
  revision: number;
  versionNo: number;
  contentSha256: string;
  reason: string;
  signer: Signer | null;
  pdf?: { sha256: string; fields: PdfFieldLayout } | null;
}

export interface NewIssue {
  documentId: string;
  issueNo: number;
  registerEntryId: string;
  number: string;
  issuedOn: string;
  versionNo: number;
  contentSha256: string;
  signer: Signer;
  recipients: string[];
  packageId: string;
  replacesIssueId: string | null;
  amendReason: string | null;
  userId: string;
  files: IssuedFile[];
}

const json = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

export function createWorkflowRepository(db: Db, clock: () => Date) {
  const now = () => clock().toISOString();

  const transitionsOf = db.prepare(
    `SELECT t.*, u.full_name AS user_name FROM document_transitions t JOIN users u ON u.id = t.user_id
     WHERE t.document_id = ? ORDER BY t.seq`,
  );
  const toTransition = (r: Record<string, unknown>): TransitionRow => ({
    seq: r.seq as number,
    documentId: r.document_id as string,
    action: r.action as WorkflowAction,
    fromStatus: r.from_status as DocumentStatus,
    toStatus: r.to_status as DocumentStatus,
    userId: r.user_id as string,
    userName: r.user_name as string,
    role: r.role as Role,
    at: r.at as string,
    revision: r.revision as number,
    versionNo: r.version_no as number,
    contentSha256: r.content_sha256 as string,
    reason: r.reason as string,
    signer: json<Signer>(r.signer_json as string | null),
    pdf: r.pdf_sha256
      ? { sha256: r.pdf_sha256 as string, fields: JSON.parse(r.pdf_fields_json as string) as PdfFieldLayout }
      : null,
  });

  const SELECT_ENTRY = `SELECT e.*, c.full_name AS created_by_name, x.full_name AS cancelled_by_name,
      (SELECT i.id FROM document_issues i WHERE i.register_entry_id = e.id) AS issue_id
    FROM register_entries e JOIN users c ON c.id = e.created_by LEFT JOIN users x ON x.id = e.cancelled_by`;
  const toEntry = (r: Record<string, unknown>): RegisterEntry => ({
    id: r.id as string,
    register: r.register as string,
    year: r.year as number,
    seq: r.seq as number,
    number: r.number as string,
    typeCode: r.type_code as string,
    issuedOn: r.issued_on as string,
    summary: r.summary as string,
    signerName: r.signer_name as string,
    documentId: r.document_id as string,
    issueId: (r.issue_id as string | null) ?? null,
    createdAt: r.created_at as string,
    createdByName: r.created_by_name as string,
    cancelledAt: (r.cancelled_at as string | null) ?? null,
    cancelledByName: (r.cancelled_by_name as string | null) ?? null,
    cancelReason: (r.cancel_reason as string | null) ?? null,
  });

  const filesOf = db.prepare(
    'SELECT role, name, mime, size, sha256 FROM issued_files WHERE issue_id = ? ORDER BY role',
  );
  const SELECT_ISSUE = `SELECT i.*, u.full_name AS issued_by_name FROM document_issues i JOIN users u ON u.id = i.issued_by`;
  const toIssue = (r: Record<string, unknown>): IssueRow => ({
    id: r.id as string,
    documentId: r.document_id as string,
    issueNo: r.issue_no as number,
    registerEntryId: r.register_entry_id as string,
    number: r.number as string,
    issuedOn: r.issued_on as string,
    versionNo: r.version_no as number,
    contentSha256: r.content_sha256 as string,
    signer: JSON.parse(r.signer_json as string) as Signer,
    recipients: JSON.parse(r.recipients_json as string) as string[],
    packageId: r.package_id as string,
    replacesIssueId: (r.replaces_issue_id as string | null) ?? null,
    amendReason: (r.amend_reason as string | null) ?? null,
    issuedByName: r.issued_by_name as string,
    issuedAt: r.issued_at as string,
    files: filesOf.all(r.id) as IssuedFile[],
  });

  return {
    addTransition(t: NewTransition): number {
      const r = db
        .prepare(
          `INSERT INTO document_transitions (document_id, action, from_status, to_status, user_id, role, at,
             revision, version_no, content_sha256, reason, signer_json, pdf_sha256, pdf_fields_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          t.documentId,
          t.action,
          t.fromStatus,
          t.toStatus,
          t.userId,
          t.role,
          now(),
          t.revision,
          t.versionNo,
          t.contentSha256,
          t.reason,
          t.signer ? JSON.stringify(t.signer) : null,
          t.pdf?.sha256 ?? null,
          t.pdf ? JSON.stringify(t.pdf.fields) : null,
        );
      return Number(r.lastInsertRowid);
    },
    transitions(documentId: string): TransitionRow[] {
      return (transitionsOf.all(documentId) as Record<string, unknown>[]).map(toTransition);
    },
    /** The latest transition of one of `actions`, or null. */
    lastTransition(documentId: string, actions: readonly WorkflowAction[]): TransitionRow | null {
      const all = this.transitions(documentId).filter((t) => actions.includes(t.action));
      return all.at(-1) ?? null;
    },

    addComment(c: {
      documentId: string;
      transitionSeq: number;
      area: CommentArea;
      key: string;
      text: string;
      authorId: string;
    }) {
      db.prepare(
        `INSERT INTO review_comments (id, document_id, transition_seq, target_area, target_key, text, author_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(randomUUID(), c.documentId, c.transitionSeq, c.area, c.key, c.text, c.authorId, now());
    },
    comments(documentId: string): CommentRow[] {
      const rows = db
        .prepare(
          `SELECT c.*, a.full_name AS author_name, r.full_name AS resolved_by_name
           FROM review_comments c JOIN users a ON a.id = c.author_id LEFT JOIN users r ON r.id = c.resolved_by
           WHERE c.document_id = ? ORDER BY c.transition_seq, c.created_at, c.rowid`,
        )
        .all(documentId) as Record<string, unknown>[];
      return rows.map((r) => ({
        id: r.id as string,
        documentId: r.document_id as string,
        transitionSeq: r.transition_seq as number,
        area: r.target_area as CommentArea,
        key: r.target_key as string,
        text: r.text as string,
        authorName: r.author_name as string,
        createdAt: r.created_at as string,
        resolvedAt: (r.resolved_at as string | null) ?? null,
        resolvedByName: (r.resolved_by_name as string | null) ?? null,
      }));
    },
    comment(id: string): { id: string; documentId: string; resolvedAt: string | null } | null {
      const r = db
        .prepare('SELECT id, document_id, resolved_at FROM review_comments WHERE id = ?')
        .get(id) as { id: string; document_id: string; resolved_at: string | null } | undefined;
      return r ? { id: r.id, documentId: r.document_id, resolvedAt: r.resolved_at } : null;
    },
    setCommentResolved(id: string, userId: string | null) {
      db.prepare('UPDATE review_comments SET resolved_at = ?, resolved_by = ? WHERE id = ?').run(
        userId ? now() : null,
        userId,
        id,
      );
    },

    /** The highest number ever given in `register` for `year` (cancelled ones count), or null. */
    highestSeq(register: string, year: number): number | null {
      const r = db
        .prepare('SELECT MAX(seq) AS s FROM register_entries WHERE register = ? AND year = ?')
        .get(register, year) as { s: number | null };
      return r.s;
    },
    /** The issue date of the latest number in use this year, to keep dates in number order. */
    latestIssueDate(register: string, year: number): string | null {
      const r = db
        .prepare(
          'SELECT MAX(issued_on) AS d FROM register_entries WHERE register = ? AND year = ? AND cancelled_at IS NULL',
        )
        .get(register, year) as { d: string | null };
      return r.d;
    },
    addRegisterEntry(
      e: Omit<
        RegisterEntry,
        'id' | 'issueId' | 'createdAt' | 'createdByName' | 'cancelledAt' | 'cancelledByName' | 'cancelReason'
      > & { userId: string },
    ): string {
      const id = randomUUID();
      db.prepare(
        `INSERT INTO register_entries (id, register, year, seq, number, type_code, issued_on, summary, signer_name,
           document_id, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        e.register,
        e.year,
        e.seq,
        e.number,
        e.typeCode,
        e.issuedOn,
        e.summary,
        e.signerName,
        e.documentId,
        now(),
        e.userId,
      );
      return id;
    },
    registerEntry(id: string): RegisterEntry | null {
      const r = db.prepare(`${SELECT_ENTRY} WHERE e.id = ?`).get(id) as Record<string, unknown> | undefined;
      return r ? toEntry(r) : null;
    },
    registerEntries(register: string, year: number): RegisterEntry[] {
      return (
        db
          .prepare(`${SELECT_ENTRY} WHERE e.register = ? AND e.year = ? ORDER BY e.seq`)
          .all(register, year) as Record<string, unknown>[]
      ).map(toEntry);
    },
    registerYears(register: string): number[] {
      return (
        db
          .prepare('SELECT DISTINCT year FROM register_entries WHERE register = ? ORDER BY year DESC')
          .all(register) as {
          year: number;
        }[]
      ).map((r) => r.year);
    },
    cancelRegisterEntry(id: string, userId: string, reason: string) {
      db.prepare(
        'UPDATE register_entries SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?',
      ).run(now(), userId, reason, id);
    },

    addIssue(i: NewIssue): string {
      const id = randomUUID();
      db.prepare(
        `INSERT INTO document_issues (id, document_id, issue_no, register_entry_id, number, issued_on, version_no,
           content_sha256, signer_json, recipients_json, package_id, replaces_issue_id, amend_reason, issued_by, issued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        i.documentId,
        i.issueNo,
        i.registerEntryId,
        i.number,
        i.issuedOn,
        i.versionNo,
        i.contentSha256,
        JSON.stringify(i.signer),
        JSON.stringify(i.recipients),
        i.packageId,
        i.replacesIssueId,
        i.amendReason,
        i.userId,
        now(),
      );
      const insertFile = db.prepare(
        'INSERT INTO issued_files (issue_id, role, name, mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const f of i.files) insertFile.run(id, f.role, f.name, f.mime, f.size, f.sha256);
      return id;
    },
    issue(id: string): IssueRow | null {
      const r = db.prepare(`${SELECT_ISSUE} WHERE i.id = ?`).get(id) as Record<string, unknown> | undefined;
      return r ? toIssue(r) : null;
    },
    /** Every SHA-256 an issue or an approval lists: the files in issued/ that must stay. */
    storedHashes(): Set<string> {
      const rows = db
        .prepare(
          `SELECT sha256 FROM issued_files
           UNION SELECT pdf_sha256 FROM document_transitions WHERE pdf_sha256 IS NOT NULL`,
        )
        .all() as { sha256: string }[];
      return new Set(rows.map((r) => r.sha256));
    },
    /** Oldest first. */
    issuesOf(documentId: string): IssueRow[] {
      return (
        db.prepare(`${SELECT_ISSUE} WHERE i.document_id = ? ORDER BY i.issue_no`).all(documentId) as Record<
          string,
          unknown
        >[]
      ).map(toIssue);
    },
  };
}
export type WorkflowRepository = ReturnType<typeof createWorkflowRepository>;
