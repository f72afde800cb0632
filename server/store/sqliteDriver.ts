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
 *
 * Group commit: a COMMIT with synchronous=FULL waits for the disk (~3 ms here, on the main thread)
 * once per package. Transactions asked for in the same turn of the event loop (several uploads
 * finish their file work together), with no other call between them, run one after another inside
 * ONE BEGIN…COMMIT, each in its own SAVEPOINT: one that fails is rolled back alone, as if it ran by
 * itself, and each sees the ones before it as it would have serially. None is answered before the
 * COMMIT has returned, so a caller (the receipt) never hears "done" about a row that is not on
 * disk; when the COMMIT fails, every transaction of the group fails and nothing of it is stored.
 */
const MAX_GROUP = 64;

interface PendingTransaction {
  fn: (tx: SqlExecutor) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

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

  // The group still taking members: its turn on the queue is already taken, and it starts once the
  // event loop has gone round (setImmediate), so the transactions that the uploads finishing in
  // this round ask for join it. Any other call closes it, so calls still run in the order made.
  let open: PendingTransaction[] | null = null;
  const commitGroup = async (group: PendingTransaction[]) => {
    await new Promise((r) => setImmediate(r));
    if (open === group) open = null;
    const done: { t: PendingTransaction; value: unknown }[] = [];
    const failed: { t: PendingTransaction; error: unknown }[] = [];
    try {
      db.exec('BEGIN IMMEDIATE');
      for (const t of group) {
        db.exec('SAVEPOINT one_transaction');
        try {
          const value = await t.fn(direct);
          db.exec('RELEASE one_transaction');
          done.push({ t, value });
        } catch (error) {
          // SQLite may have ended the whole transaction itself (disk full, I/O error): then the
          // group is lost, and the outer catch fails all of it.
          if (!db.inTransaction) throw error;
          db.exec('ROLLBACK TO one_transaction');
          db.exec('RELEASE one_transaction');
          failed.push({ t, error });
        }
      }
      db.exec('COMMIT');
    } catch (error) {
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } catch {
        /* the connection is gone: nothing of the group was committed either way */
      }
      for (const t of group) t.reject(error);
      return;
    }
    for (const { t, value } of done) t.resolve(value);
    for (const { t, error } of failed) t.reject(error);
  };
  const inOrder = <T>(fn: () => Promise<T>): Promise<T> => {
    open = null;
    return inTurn(fn);
  };

  return {
    db,
    all: (sql, params) => inOrder(() => direct.all(sql, params)),
    get: (sql, params) => inOrder(() => direct.get(sql, params)),
    run: (sql, params) => inOrder(() => direct.run(sql, params)),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        const t: PendingTransaction = { fn, resolve: resolve as (v: unknown) => void, reject };
        if (open && open.length < MAX_GROUP) {
          open.push(t);
        } else {
          const group = [t];
          open = group;
          void inTurn(() => commitGroup(group));
        }
      }),
    close: () =>
      inOrder(async () => {
        db.close();
      }),
  };
}
