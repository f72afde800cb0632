import type Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../electron/services/store/openDatabase.ts';
import { intakeMigrations } from './migrations/0001_intake.ts';
import type { SqlDriver, SqlExecutor, SqlValue } from './sqlDriver.ts';

export const INTAKE_DATABASE_FILE = 'intake.sqlite';

/**
 * The embedded store: one better-sqlite3 connection (WAL, synchronous=FULL, the desktop's
 * migration runner with the server's own migrations). better-sqlite3 is synchronous but the
 * repository is async, so between two awaits of one transaction another request could slip a
 * statement into it: every call takes its turn on one queue, and a transaction holds the queue
 * from BEGIN to COMMIT.
 */
export function openSqliteDriver(dataDir: string): SqlDriver & { db: Db } {
  const db = openDatabase(dataDir, intakeMigrations, undefined, INTAKE_DATABASE_FILE);
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const direct: SqlExecutor = {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      prepare(sql).get(...params) as T | undefined,
    run: async (sql, params = []) => prepare(sql).run(...params).changes,
  };

  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(fn);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    db,
    all: (sql, params) => inTurn(() => direct.all(sql, params)),
    get: (sql, params) => inTurn(() => direct.get(sql, params)),
    run: (sql, params) => inTurn(() => direct.run(sql, params)),
    transaction: (fn) =>
      inTurn(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      }),
    close: () =>
      inTurn(async () => {
        db.close();
      }),
  };
}
