/**
 * What the intake repository needs from a SQL database, and no more. Queries are written once in
 * portable SQL (`?` placeholders, standard joins, LIMIT, ISO-8601 text for times, 0/1 for flags);
 * a driver runs them. SQLite is `sqliteDriver.ts`; a PostgreSQL driver is one more file that turns
 * `?` into `$1, $2…`, runs its own copy of the DDL, and implements these four calls with `pg`.
 * Everything is async so that such a driver fits without changing a caller.
 */
export type SqlValue = string | number | null;

export interface SqlExecutor {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** INSERT/UPDATE/DELETE: the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  /** All of `fn`'s statements or none; nothing else runs on the database meanwhile. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
