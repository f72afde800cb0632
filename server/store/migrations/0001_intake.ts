import type { Migration } from '../../../electron/services/store/migrations/index.ts';

/**
 * The intake server's schema (SQLite dialect). Ids are UUID text, times ISO 8601 UTC text, flags
 * 0/1 integers, certificates PEM text: types every SQL database has, so a PostgreSQL adapter
 * needs only its own copy of this DDL, not other queries (server/store/intakeRepository.ts).
 */
export const m0001Intake: Migration = {
  version: 1,
  name: 'intake: organisations, devices, packages, receipts, officers',
  sql: `
    CREATE TABLE organizations (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      agency_type TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      -- The organisation's signing certificate, pinned at its first signed upload.
      pinned_cert_sha256 TEXT,
      pinned_cert_subject TEXT,
      pinned_at TEXT,
      -- A replacement the administrator accepted (accept-cert): pinned at the next upload it signs.
      accepted_cert_sha256 TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE certificate_pins (
      id TEXT PRIMARY KEY,
      org_code TEXT NOT NULL REFERENCES organizations(code),
      sha256 TEXT NOT NULL,
      subject TEXT NOT NULL,
      pem TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('first_upload', 'accepted')),
      pinned_at TEXT NOT NULL
    );
    CREATE TABLE enrolment_codes (
      code_hash TEXT PRIMARY KEY,
      org_code TEXT NOT NULL REFERENCES organizations(code),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      device_id TEXT
    );
    CREATE TABLE devices (
      id TEXT PRIMARY KEY,
      org_code TEXT NOT NULL REFERENCES organizations(code),
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      last_seen_at TEXT,
      revoked_at TEXT
    );
    CREATE INDEX devices_org ON devices(org_code);
    CREATE TABLE trusted_roots (
      sha256 TEXT PRIMARY KEY,
      subject TEXT NOT NULL,
      pem TEXT NOT NULL,
      added_at TEXT NOT NULL
    );
    CREATE TABLE packages (
      package_id TEXT PRIMARY KEY,
      package_sha256 TEXT NOT NULL,
      org_code TEXT NOT NULL REFERENCES organizations(code),
      device_id TEXT NOT NULL REFERENCES devices(id),
      kind TEXT NOT NULL CHECK (kind IN ('plan', 'report', 'cong_van')),
      catalog_id TEXT NOT NULL,
      period_key TEXT NOT NULL,
      period_json TEXT,
      title TEXT NOT NULL,
      number TEXT NOT NULL,
      issued_on TEXT NOT NULL,
      issue_no INTEGER NOT NULL,
      replaces_package_id TEXT,
      replaces_reason TEXT,
      manifest_json TEXT NOT NULL,
      -- Folder under <data>/packages holding this package's files.
      storage_dir TEXT NOT NULL UNIQUE,
      signer_cert_sha256 TEXT NOT NULL,
      signer_subject TEXT NOT NULL,
      verification_json TEXT NOT NULL,
      receipt_id TEXT NOT NULL UNIQUE,
      receipt_jws TEXT NOT NULL,
      received_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'accepted', 'returned')),
      status_reason TEXT,
      status_at TEXT
    );
    CREATE INDEX packages_org_period ON packages(org_code, period_key);
    CREATE INDEX packages_replaces ON packages(replaces_package_id);
    CREATE TABLE package_files (
      package_id TEXT NOT NULL REFERENCES packages(package_id),
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (package_id, name)
    );
    -- Append-only: every decision of the Sở on a package, the latest being its status.
    CREATE TABLE package_decisions (
      id TEXT PRIMARY KEY,
      package_id TEXT NOT NULL REFERENCES packages(package_id),
      decision TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),
      reason TEXT,
      officer TEXT NOT NULL,
      decided_at TEXT NOT NULL
    );
    CREATE TRIGGER package_decisions_no_update BEFORE UPDATE ON package_decisions
      BEGIN SELECT RAISE(ABORT, 'package_decisions is append-only'); END;
    CREATE TRIGGER package_decisions_no_delete BEFORE DELETE ON package_decisions
      BEGIN SELECT RAISE(ABORT, 'package_decisions is append-only'); END;
    CREATE TABLE officers (
      username TEXT PRIMARY KEY,
      full_name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL
    );
    CREATE TABLE officer_sessions (
      token_hash TEXT PRIMARY KEY,
      username TEXT NOT NULL REFERENCES officers(username),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
  `,
};

export const intakeMigrations: readonly Migration[] = [m0001Intake];
