import type { Migration } from './index.ts';

/**
 * Công văn (issue 12: the công văn đôn đốc) become a third kind of document. SQLite cannot change a
 * CHECK constraint in place, so `documents` is rebuilt with the same columns, rows, key and
 * triggers. Other tables reference it: with foreign keys on, dropping the old table counts their
 * rows as orphaned and inserting the same ids back counts them as matched again; deferring the
 * check to the commit lets the two meet (the migration runs in one transaction).
 */
export const m0008Letters: Migration = {
  version: 8,
  name: 'công văn as a document kind',
  sql: `
    PRAGMA defer_foreign_keys = ON;
    CREATE TEMP TABLE documents_before_0008 AS SELECT * FROM documents;
    DROP TABLE documents;
    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('plan', 'report', 'letter')),
      catalog_id TEXT NOT NULL,
      period_key TEXT NOT NULL,
      title TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'issued')),
      revision INTEGER NOT NULL CHECK (revision >= 1),
      content_json TEXT NOT NULL CHECK (json_valid(content_json)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      updated_by TEXT NOT NULL REFERENCES users(id),
      UNIQUE (kind, catalog_id, period_key)
    );
    INSERT INTO documents SELECT * FROM documents_before_0008;
    DROP TABLE documents_before_0008;
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
