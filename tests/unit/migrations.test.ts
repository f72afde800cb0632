import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DATABASE_FILE,
  migrate,
  openDatabase,
  openMemoryDatabase,
  schemaVersion,
  type Db,
} from '../../electron/services/store/openDatabase.ts';
import { migrations, type Migration } from '../../electron/services/store/migrations/index.ts';

const tmpDirs: string[] = [];
const openDbs: Db[] = [];

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-migrations-'));
  tmpDirs.push(dir);
  return dir;
}
function track(db: Db): Db {
  openDbs.push(db);
  return db;
}

afterEach(() => {
  for (const db of openDbs.splice(0)) if (db.open) db.close();
  for (const dir of tmpDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const tableNames = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
    (r) => r.name,
  );

const versionRows = (db: Db) =>
  db.prepare('SELECT version, name, applied_at FROM schema_version ORDER BY version').all() as {
    version: number;
    name: string;
    applied_at: string;
  }[];

const N = migrations.length;

describe('schema migrations', () => {
  it('brings an empty in-memory database to the newest version with every table', () => {
    const db = track(openMemoryDatabase());
    expect(schemaVersion(db)).toBe(N);
    expect(versionRows(db).map((r) => r.version)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['organization', 'users', 'audit_log', 'schema_version']),
    );
  });

  it('creates the database file in a new data folder and records one row per migration', () => {
    const dataDir = path.join(tmpDir(), 'nested', 'data');
    const db = track(openDatabase(dataDir));
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
    expect(schemaVersion(db)).toBe(N);
    expect(versionRows(db)).toHaveLength(N);
  });

  it('reopening an existing file applies nothing twice and keeps the data', () => {
    const dir = tmpDir();
    const first = openDatabase(dir);
    first
      .prepare(
        `INSERT INTO users (id, username, full_name, roles_json, password_hash, created_at, updated_at)
         VALUES ('u1', 'nva', 'Nguyễn Văn A', '["chuyen_vien"]', 'scrypt$x', '2026-01-01', '2026-01-01')`,
      )
      .run();
    const before = versionRows(first);
    first.close();

    const again = track(openDatabase(dir));
    expect(versionRows(again)).toEqual(before);
    expect(migrate(again, migrations)).toBe(N);
    expect(versionRows(again)).toEqual(before);
    expect(again.prepare('SELECT full_name FROM users').all()).toEqual([{ full_name: 'Nguyễn Văn A' }]);
  });

  it('applies each migration in its own transaction: a broken one leaves no trace and stops the rest', () => {
    const dir = tmpDir();
    openDatabase(dir).close();

    const broken: Migration = {
      version: N + 1,
      name: 'broken',
      sql: `CREATE TABLE half_done (x INTEGER);
            INSERT INTO half_done VALUES (1);
            CREATE TABLE oops (;`,
    };
    const after: Migration = { version: N + 2, name: 'after', sql: 'CREATE TABLE after_broken (x INTEGER);' };
    expect(() => openDatabase(dir, [...migrations, broken, after])).toThrow();

    const raw = track(new Database(path.join(dir, DATABASE_FILE)));
    expect(schemaVersion(raw)).toBe(N);
    expect(tableNames(raw)).not.toContain('half_done');
    expect(tableNames(raw)).not.toContain('after_broken');

    // The next release ships the fixed migration: it applies cleanly on the same file.
    const fixed: Migration = { ...broken, sql: 'CREATE TABLE half_done (x INTEGER);' };
    expect(migrate(raw, [...migrations, fixed, after])).toBe(N + 2);
    expect(tableNames(raw)).toEqual(expect.arrayContaining(['half_done', 'after_broken']));
  });

  it('refuses a migration list with a gap in its numbering before touching the database', () => {
    const db = track(openMemoryDatabase());
    const gap: Migration = { version: N + 2, name: 'gap', sql: 'CREATE TABLE skipped (x INTEGER);' };
    expect(() => migrate(db, [...migrations, gap])).toThrow();
    expect(schemaVersion(db)).toBe(N);
    expect(tableNames(db)).not.toContain('skipped');
  });

  it('refuses, in Vietnamese, a database written by a newer BaoCao and leaves it untouched', () => {
    const dir = tmpDir();
    const db = openDatabase(dir);
    db.prepare(
      "INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'from the future', '2030-01-01')",
    ).run(N + 5);
    const before = versionRows(db);
    db.close();

    let message = '';
    try {
      track(openDatabase(dir));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/mới hơn/);
    expect(message).toMatch(/cập nhật/i);
    expect(message).toContain(String(N + 5));

    const raw = track(new Database(path.join(dir, DATABASE_FILE), { readonly: true }));
    expect(versionRows(raw)).toEqual(before);
  });

  it('opens a file database with WAL, foreign keys on and synchronous=FULL', () => {
    const db = track(openDatabase(tmpDir()));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('the audit log created by the migrations refuses edits from the start', () => {
    const db = track(openMemoryDatabase());
    db.prepare(
      `INSERT INTO audit_log (at, user_id, action, detail_json, prev_hash, hash) VALUES ('t', NULL, 'x', '{}', 'p', 'h')`,
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
