import type { Migration } from './index.ts';

export const m0007Outbox: Migration = {
  version: 7,
  name: 'approved PDFs, the outbox and the connection to Sở KH&CN',
  // - outbox: one row per issued package, added in the transaction that issues it. The sender
  //   moves it queued → sending → sent (with the verified receipt) or failed (a person must act);
  //   a row is never deleted, and a stored receipt never changes.
  // - intake_connection: the one server this department sends to, the device's token (sealed: by
  //   the OS key store on the desktop, else by a key file that stays on this machine) and the
  //   server's receipt certificate pinned at enrolment.
  // - document_transitions gains the PDF of "Duyệt và ký": the PDF the head approved (and signed,
  //   when they have a digital signature), kept in issued/ under this SHA-256, with where its
  //   number, date and signature go.
  sql: `
    ALTER TABLE document_transitions ADD COLUMN pdf_sha256 TEXT
      CHECK (pdf_sha256 IS NULL OR length(pdf_sha256) = 64);
    ALTER TABLE document_transitions ADD COLUMN pdf_fields_json TEXT
      CHECK (pdf_fields_json IS NULL OR json_valid(pdf_fields_json));

    CREATE TABLE outbox (
      package_id TEXT PRIMARY KEY,
      issue_id TEXT NOT NULL UNIQUE REFERENCES document_issues(id),
      document_id TEXT NOT NULL REFERENCES documents(id),
      package_sha256 TEXT NOT NULL CHECK (length(package_sha256) = 64),
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at TEXT NOT NULL,
      last_error TEXT,
      receipt_json TEXT CHECK (receipt_json IS NULL OR json_valid(receipt_json)),
      receipt_jws TEXT,
      sent_at TEXT,
      remote_status TEXT CHECK (remote_status IS NULL OR remote_status IN ('received', 'accepted', 'returned')),
      remote_reason TEXT,
      remote_checked_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((state = 'sent') = (receipt_jws IS NOT NULL))
    );
    CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
      BEGIN SELECT RAISE(ABORT, 'an outbox entry is never deleted'); END;
    CREATE TRIGGER outbox_receipt_kept BEFORE UPDATE ON outbox
      WHEN OLD.receipt_jws IS NOT NULL AND NEW.receipt_jws IS NOT OLD.receipt_jws
      BEGIN SELECT RAISE(ABORT, 'a stored receipt never changes'); END;

    CREATE TABLE intake_connection (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      server_url TEXT NOT NULL,
      device_id TEXT NOT NULL,
      organization_json TEXT NOT NULL CHECK (json_valid(organization_json)),
      token_sealed BLOB NOT NULL,
      token_protection TEXT NOT NULL CHECK (token_protection IN ('os', 'machine-key')),
      receipt_certificate TEXT NOT NULL,
      receipt_certificate_sha256 TEXT NOT NULL,
      enrolled_at TEXT NOT NULL,
      enrolled_by TEXT NOT NULL REFERENCES users(id)
    );
  `,
};
