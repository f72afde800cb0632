/**
 * Run as a separate process by duringWrites.test.ts: a second connection to the same database
 * committing a row every few milliseconds until killed, as another program on the PC might.
 */
import Database from 'better-sqlite3';

const [file] = process.argv.slice(2) as [string];
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.exec('CREATE TABLE IF NOT EXISTS noise (n INTEGER PRIMARY KEY, at TEXT NOT NULL, pad TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO noise (at, pad) VALUES (?, ?)');
process.stdout.write('ready\n');
for (;;) {
  db.transaction(() => {
    for (let i = 0; i < 20; i++) insert.run(new Date().toISOString(), 'x'.repeat(2000));
  }).immediate();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
}
