import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations as defaultMigrations, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'baocao.sqlite';

/**
 * Opens (creating if needed) the department's database and brings its schema up to date.
 * synchronous=FULL: a report the clerk saw as "Đã lưu" must survive a power cut, not just a crash.
 */
export function openDatabase(
  dataDir: string,
  migrations: readonly Migration[] = defaultMigrations,
  /** The desktop app's better-sqlite3 built for Electron's ABI (scripts/electronNative.mjs). */
  nativeBinding?: string,
  /** The intake server keeps its own database file (server/store) with its own migrations. */
  fileName: string = DATABASE_FILE,
): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName), nativeBinding ? { nativeBinding } : {});
  try {
    configure(db);
    migrate(db, migrations);
  } catch (e) {
    // A half-open handle would keep the file locked on Windows.
    db.close();
    throw e;
  }
  return db;
}

export function openMemoryDatabase(migrations: readonly Migration[] = defaultMigrations): Db {
  const db = new Database(':memory:');
  configure(db);
  migrate(db, migrations);
  return db;
}

function configure(db: Db) {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}

/** A database written by a newer BaoCao: this version must not touch it. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly current: number,
    readonly newest: number,
  ) {
    super(
      `Cơ sở dữ liệu được tạo bởi phiên bản BaoCao mới hơn (lược đồ ${current}, phiên bản này hiểu đến ${newest}). Hãy cập nhật ứng dụng.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

export function migrate(db: Db, migrations: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration numbering has a gap or duplicate at ${m.version}`);
  });
  const current = schemaVersion(db);
  const newest = sorted.length;
  if (current > newest) throw new SchemaTooNewError(current, newest);
  const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of sorted.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
  return schemaVersion(db);
}
