import type { Migration } from './index.ts';

export const m0002AuditLog: Migration = {
  version: 2,
  name: 'audit log',
  // Append-only: each row's hash covers the previous row's hash, so a deleted or edited row breaks
  // the chain; the triggers refuse UPDATE and DELETE outright.
  sql: `
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      user_id TEXT,
      action TEXT NOT NULL,
      detail_json TEXT NOT NULL CHECK (json_valid(detail_json)),
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
};
