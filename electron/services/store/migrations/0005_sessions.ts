import type { Migration } from './index.ts';

export const m0005Sessions: Migration = {
  version: 5,
  name: 'session epochs and security settings',
  // A user's session epoch grows when the password changes (by the user or an administrator):
  // every session signed in under an older epoch ends at its next call. Settings the administrator
  // changes (how long an idle session lives) are one row per key.
  sql: `
    ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE security_settings (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL CHECK (json_valid(value_json)),
      updated_at TEXT NOT NULL
    );
  `,
};
