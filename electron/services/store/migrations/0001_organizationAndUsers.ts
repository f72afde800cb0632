import type { Migration } from './index.ts';

export const m0001OrganizationAndUsers: Migration = {
  version: 1,
  name: 'organization and users',
  sql: `
    CREATE TABLE organization (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      profile_json TEXT NOT NULL CHECK (json_valid(profile_json)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      full_name TEXT NOT NULL,
      roles_json TEXT NOT NULL CHECK (json_valid(roles_json)),
      title TEXT NOT NULL DEFAULT '',
      signing_authority TEXT NOT NULL DEFAULT '',
      password_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
};
