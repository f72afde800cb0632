import type { Migration } from './index.ts';

export const m0004Workflow: Migration = {
  version: 4,
  name: 'approval workflow, document register and issued files',
  // - document_versions.sealed: a version a transition was recorded against never changes again,
  //   even if the same editor window saves after the document comes back to it.
  // - document_transitions: every status change (who, in which role, when, the version and the
  //   SHA-256 of its content, the reason); review_comments hang on the 'return' that sent them.
  // - register_entries: the sổ văn bản đi. UNIQUE (register, year, seq) makes a duplicate number
  //   impossible even when two issue calls race; rows are never deleted, and the only change a row
  //   may take is its cancellation, once, with a reason.
  // - document_issues / issued_files: what was issued, with the exact bytes of every file frozen
  //   under their SHA-256 (files live in <dataDir>/issued/): the documents, copies of the evidence
  //   attachments, and the package's manifest and its signature.
  // - The status guard refuses any status change that shared/domain/workflow/transitions.ts does not
  //   list (a unit test checks the two agree); the content guard refuses edits of a document that
  //   is not a draft, whatever code path tries.
  sql: `
    ALTER TABLE document_versions ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1));

    CREATE TABLE document_transitions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      document_id TEXT NOT NULL REFERENCES documents(id),
      action TEXT NOT NULL,
      from_status TEXT NOT NULL,
      to_status TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users(id),
      role TEXT NOT NULL,
      at TEXT NOT NULL,
      revision INTEGER NOT NULL,
      version_no INTEGER NOT NULL,
      content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
      reason TEXT NOT NULL DEFAULT '',
      signer_json TEXT CHECK (signer_json IS NULL OR json_valid(signer_json))
    );
    CREATE INDEX document_transitions_by_document ON document_transitions (document_id, seq);

    CREATE TABLE review_comments (
      id TEXT PRIMARY KEY,
      document_id TEXT NOT NULL REFERENCES documents(id),
      transition_seq INTEGER NOT NULL REFERENCES document_transitions(seq),
      target_area TEXT NOT NULL CHECK (target_area IN ('general', 'section', 'indicator', 'task', 'activity')),
      target_key TEXT NOT NULL,
      text TEXT NOT NULL CHECK (length(text) > 0),
      author_id TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      resolved_at TEXT,
      resolved_by TEXT REFERENCES users(id)
    );
    CREATE INDEX review_comments_by_document ON review_comments (document_id);

    CREATE TABLE register_entries (
      id TEXT PRIMARY KEY,
      register TEXT NOT NULL,
      year INTEGER NOT NULL,
      seq INTEGER NOT NULL CHECK (seq >= 1),
      number TEXT NOT NULL,
      type_code TEXT NOT NULL,
      issued_on TEXT NOT NULL,
      summary TEXT NOT NULL,
      signer_name TEXT NOT NULL,
      document_id TEXT NOT NULL REFERENCES documents(id),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      cancelled_at TEXT,
      cancelled_by TEXT REFERENCES users(id),
      cancel_reason TEXT,
      UNIQUE (register, year, seq),
      CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL))
    );
    CREATE TRIGGER register_entries_no_delete BEFORE DELETE ON register_entries
      BEGIN SELECT RAISE(ABORT, 'register entries are never deleted'); END;
    CREATE TRIGGER register_entries_only_cancel BEFORE UPDATE ON register_entries
      WHEN OLD.cancelled_at IS NOT NULL
        OR NEW.id IS NOT OLD.id OR NEW.register IS NOT OLD.register OR NEW.year IS NOT OLD.year
        OR NEW.seq IS NOT OLD.seq OR NEW.number IS NOT OLD.number OR NEW.type_code IS NOT OLD.type_code
        OR NEW.issued_on IS NOT OLD.issued_on OR NEW.summary IS NOT OLD.summary
        OR NEW.signer_name IS NOT OLD.signer_name OR NEW.document_id IS NOT OLD.document_id
        OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
      BEGIN SELECT RAISE(ABORT, 'a register entry may only be cancelled, once'); END;

    CREATE TABLE document_issues (
      id TEXT PRIMARY KEY,
      document_id TEXT NOT NULL REFERENCES documents(id),
      issue_no INTEGER NOT NULL CHECK (issue_no >= 1),
      register_entry_id TEXT NOT NULL UNIQUE REFERENCES register_entries(id),
      number TEXT NOT NULL,
      issued_on TEXT NOT NULL,
      version_no INTEGER NOT NULL,
      content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
      signer_json TEXT NOT NULL CHECK (json_valid(signer_json)),
      recipients_json TEXT NOT NULL CHECK (json_valid(recipients_json)),
      package_id TEXT NOT NULL UNIQUE,
      replaces_issue_id TEXT REFERENCES document_issues(id),
      amend_reason TEXT,
      issued_by TEXT NOT NULL REFERENCES users(id),
      issued_at TEXT NOT NULL,
      UNIQUE (document_id, issue_no)
    );
    CREATE TABLE issued_files (
      issue_id TEXT NOT NULL REFERENCES document_issues(id),
      role TEXT NOT NULL CHECK (role IN ('document', 'pdf', 'docx', 'xlsx', 'attachment', 'manifest', 'manifest-signature')),
      name TEXT NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL CHECK (size >= 0),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      PRIMARY KEY (issue_id, role, name)
    );
    CREATE TRIGGER document_issues_frozen BEFORE UPDATE ON document_issues
      BEGIN SELECT RAISE(ABORT, 'an issued document is frozen'); END;
    CREATE TRIGGER document_issues_no_delete BEFORE DELETE ON document_issues
      BEGIN SELECT RAISE(ABORT, 'an issued document is frozen'); END;
    CREATE TRIGGER issued_files_frozen BEFORE UPDATE ON issued_files
      BEGIN SELECT RAISE(ABORT, 'an issued document is frozen'); END;
    CREATE TRIGGER issued_files_no_delete BEFORE DELETE ON issued_files
      BEGIN SELECT RAISE(ABORT, 'an issued document is frozen'); END;

    CREATE TRIGGER documents_status_guard BEFORE UPDATE OF status ON documents
      WHEN NEW.status IS NOT OLD.status AND (OLD.status || '>' || NEW.status) NOT IN (
        'draft>submitted', 'returned>submitted', 'submitted>draft', 'submitted>returned',
        'approved>returned', 'submitted>approved', 'approved>issued', 'issued>draft')
      BEGIN SELECT RAISE(ABORT, 'status change not allowed by the workflow'); END;
    CREATE TRIGGER documents_content_guard BEFORE UPDATE OF content_json ON documents
      WHEN OLD.status NOT IN ('draft', 'returned') AND NEW.content_json IS NOT OLD.content_json
      BEGIN SELECT RAISE(ABORT, 'only a draft may be edited'); END;
  `,
};
