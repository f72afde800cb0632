import type { Migration } from './index.ts';

export const m0003Documents: Migration = {
  version: 3,
  name: 'documents, versions and attachments',
  // A plan or a report is one JSON document (content_json); `revision` grows with every save and is
  // the optimistic-lock token editors send back. One plan per catalog (period_key 'plan'), one
  // report per period key. Versions are snapshots, one per editing session (see
  // documentsRepository.ts for when a version row may still change). Attachment bytes live in
  // files named by their SHA-256; the rows here say which document lists which file under what name.
  sql: `
    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('plan', 'report')),
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
    CREATE TABLE document_versions (
      document_id TEXT NOT NULL REFERENCES documents(id),
      version_no INTEGER NOT NULL CHECK (version_no >= 1),
      edit_session TEXT NOT NULL,
      revision INTEGER NOT NULL,
      content_json TEXT NOT NULL CHECK (json_valid(content_json)),
      user_id TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (document_id, version_no)
    );
    CREATE TABLE attachments (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      size INTEGER NOT NULL CHECK (size >= 0),
      mime TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE document_attachments (
      document_id TEXT NOT NULL REFERENCES documents(id),
      sha256 TEXT NOT NULL REFERENCES attachments(sha256),
      name TEXT NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (document_id, sha256)
    );
    CREATE INDEX document_attachments_by_sha ON document_attachments (sha256);
  `,
};
