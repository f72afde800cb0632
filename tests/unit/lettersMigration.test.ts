import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, type Db } from '../../electron/services/store/openDatabase.ts';
import { migrations } from '../../electron/services/store/migrations/index.ts';

/** Migration 8 rebuilds `documents` to allow công văn: existing rows and their links survive. */

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function databaseAt7(): Db {
  const db = new Database(':memory:') as Db;
  open.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 7));
  const now = '2026-06-01T00:00:00.000Z';
  db.prepare(
    `INSERT INTO users (id, username, full_name, roles_json, password_hash, created_at, updated_at)
     VALUES ('u1', 'cv', 'Chuyên viên', '["chuyen_vien"]', 'x', ?, ?)`,
  ).run(now, now);
  db.prepare(
    `INSERT INTO documents (id, kind, catalog_id, period_key, title, status, revision, content_json,
       created_at, updated_at, created_by, updated_by)
     VALUES ('d1', 'report', '34-KH-UBND-2025', 'semiannual-2026', 'Báo cáo', 'submitted', 3, '{}', ?, ?, 'u1', 'u1')`,
  ).run(now, now);
  db.prepare(
    `INSERT INTO document_versions (document_id, version_no, edit_session, revision, content_json, user_id, created_at, updated_at)
     VALUES ('d1', 1, 'create', 1, '{}', 'u1', ?, ?)`,
  ).run(now, now);
  return db;
}

describe('migration 8: công văn', () => {
  it('keeps every document and version, accepts kind "letter" and still refuses an unknown kind', () => {
    const db = databaseAt7();
    const insertLetter = () =>
      db
        .prepare(
          `INSERT INTO documents (id, kind, catalog_id, period_key, title, status, revision, content_json,
             created_at, updated_at, created_by, updated_by)
           VALUES ('d2', 'letter', 'c', 'letter-1', 'Công văn', 'draft', 1, '{}', 'a', 'a', 'u1', 'u1')`,
        )
        .run();
    expect(insertLetter).toThrow(/CHECK/);
    expect(migrate(db, migrations)).toBe(migrations.length);
    expect(db.prepare('SELECT id, kind, status, revision FROM documents').all()).toEqual([
      { id: 'd1', kind: 'report', status: 'submitted', revision: 3 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    insertLetter();
    expect(() => db.prepare(`UPDATE documents SET kind = 'memo' WHERE id = 'd2'`).run()).toThrow(/CHECK/);
    // The workflow's guards came back with the table: a submitted document cannot be edited.
    expect(() => db.prepare(`UPDATE documents SET content_json = '[]' WHERE id = 'd1'`).run()).toThrow(
      /only a draft/,
    );
    // A version still needs its document.
    expect(() => db.prepare(`DELETE FROM documents WHERE id = 'd1'`).run()).toThrow(/FOREIGN KEY/);
  });
});
