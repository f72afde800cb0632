import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditAnchor, checkAuditAnchor, GENESIS } from '../../electron/services/audit/auditLog.ts';
import { ANCHOR_FILE } from '../../electron/services/audit/auditService.ts';
import { createServices, type Services } from '../../electron/services/index.ts';
import { DATABASE_FILE } from '../../electron/services/store/openDatabase.ts';
import type { AuditCheck } from '../../shared/api/audit.ts';
import { tempDir } from './helpers/drafts.ts';
import {
  ADMIN_PASSWORD,
  FIXTURE_RESOURCES,
  adminInput,
  caller,
  createUser,
  expectError,
  expectOk,
  newSession,
  orgInput,
  type Department,
} from './helpers/setup.ts';

interface Row {
  seq: number;
  at: string;
  user_id: string | null;
  action: string;
  detail_json: string;
  prev_hash: string;
  hash: string;
}
const rowHash = (prev: string, r: Pick<Row, 'at' | 'user_id' | 'action' | 'detail_json'>) =>
  createHash('sha256')
    .update(JSON.stringify([prev, r.at, r.user_id, r.action, r.detail_json]))
    .digest('hex');

const open: Services[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function start(dataDir: string) {
  const services = createServices({ dataDir, resourcesDir: FIXTURE_RESOURCES });
  open.push(services);
  return services;
}
async function admin(services: Services) {
  const call = caller(services, newSession());
  expectOk(await call('auth.login', { username: 'quantri', password: ADMIN_PASSWORD }));
  return call;
}

/** A department on disk with a history of a few entries, stopped. */
async function stoppedDepartment() {
  const dataDir = tempDir('baocao-audit-');
  const services = start(dataDir);
  const call = caller(services, newSession());
  expectOk(await call('setup.complete', { organization: orgInput(), admin: adminInput() }));
  const dept = { services, session: newSession(), call, admin: null } as unknown as Department;
  for (const name of ['a', 'b', 'c']) {
    await createUser(dept, { username: `nguoidung${name}`, fullName: `Người dùng ${name}` });
  }
  services.close();
  open.splice(open.indexOf(services), 1);
  return dataDir;
}

/** Tampering as someone with the file and sqlite3 would: drop the guards, change, put them back. */
function tamper(dataDir: string, change: (db: Database.Database, rows: Row[]) => void) {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  const guards = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
    .all() as {
    sql: string;
  }[];
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change(db, db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[]);
  for (const g of guards) db.exec(g.sql);
  db.close();
}

/** Rewrites entry `seq` and recomputes every later hash: a valid chain again. */
function rewriteAndRechain(db: Database.Database, rows: Row[], seq: number, detail: string) {
  let prev = GENESIS;
  const update = db.prepare('UPDATE audit_log SET detail_json = ?, prev_hash = ?, hash = ? WHERE seq = ?');
  for (const r of rows) {
    const d = r.seq === seq ? detail : r.detail_json;
    const hash = rowHash(prev, { ...r, detail_json: d });
    update.run(d, prev, hash, r.seq);
    prev = hash;
  }
}

describe('the audit chain is checked at start, on demand, and against an anchor kept outside the database', () => {
  it('an untouched chain is whole, and its anchor is the head hash and the entry count', async () => {
    const dataDir = await stoppedDepartment();
    const services = start(dataDir);
    const call = await admin(services);
    const status = expectOk<AuditCheck>(await call('audit.status', {}));
    expect(status).toMatchObject({ ok: true, broken: null });
    const anchor = auditAnchor(services.db);
    expect(anchor.entryCount).toBe(5);
    expect(anchor.headHash).toMatch(/^[0-9a-f]{64}$/);
    const verified = expectOk<AuditCheck>(await call('audit.verify', { anchor }));
    expect(verified.ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, ANCHOR_FILE), 'utf8'))).toMatchObject({
      entryCount: expect.any(Number),
    });
  });

  it('an entry edited while the app was stopped (guards dropped and put back) is found at start', async () => {
    const dataDir = await stoppedDepartment();
    tamper(dataDir, (db, rows) =>
      db.prepare('UPDATE audit_log SET detail_json = ? WHERE seq = ?').run('{"id":"khac"}', rows[2]!.seq),
    );
    const services = start(dataDir);
    const status = expectOk<AuditCheck>(await (await admin(services))('audit.status', {}));
    expect(status.ok).toBe(false);
    expect(status.broken).toMatchObject({ seq: 3, action: 'users.create' });
    expect(status.broken!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(status.broken!.problem).toContain('đã bị sửa');
  });

  it('the last entries deleted while the app was stopped: the chain is valid, the anchor file shows it', async () => {
    const dataDir = await stoppedDepartment();
    tamper(dataDir, (db, rows) => db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(rows[2]!.seq));
    const services = start(dataDir);
    const status = expectOk<AuditCheck>(await (await admin(services))('audit.status', {}));
    expect(status.ok).toBe(false);
    expect(status.broken!.problem).toMatch(/mốc có 4 mục, nhật ký chỉ còn 2 mục/);
  });

  it('an entry rewritten with every later hash recomputed is found against the anchor', async () => {
    const dataDir = await stoppedDepartment();
    tamper(dataDir, (db, rows) => rewriteAndRechain(db, rows, rows[1]!.seq, '{"username":"ai-do"}'));
    const services = start(dataDir);
    expect(services.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 4 });
    const status = expectOk<AuditCheck>(await (await admin(services))('audit.status', {}));
    expect(status.ok).toBe(false);
    expect(status.broken!.problem).toMatch(/Mục thứ 4 không khớp với mốc đối chiếu/);
  });

  it('a package or backup anchor catches a rewrite even when the local anchor file went with it', async () => {
    const dataDir = await stoppedDepartment();
    let services = start(dataDir);
    const sent = auditAnchor(services.db); // as written into a package's manifest
    services.close();
    open.pop();
    tamper(dataDir, (db, rows) => rewriteAndRechain(db, rows, rows[0]!.seq, '{"organization":"khác"}'));
    fs.rmSync(path.join(dataDir, ANCHOR_FILE));
    services = start(dataDir);
    const call = await admin(services);
    expect(expectOk<AuditCheck>(await call('audit.status', {})).ok).toBe(true);
    const against = expectOk<AuditCheck>(await call('audit.verify', { anchor: sent }));
    expect(against.ok).toBe(false);
    expect(against.broken).toMatchObject({ seq: 4, action: 'users.create' });
    // The function Sở KH&CN's server calls gives the same answer.
    expect(checkAuditAnchor(services.db, sent).ok).toBe(false);
    expect(
      checkAuditAnchor(services.db, { headHash: 'f'.repeat(64), entryCount: 99 }).broken!.problem,
    ).toMatch(/ngắn hơn mốc/);
  });

  it('guards dropped and not put back are reported', async () => {
    const dataDir = await stoppedDepartment();
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.close();
    const services = start(dataDir);
    const status = expectOk<AuditCheck>(await (await admin(services))('audit.status', {}));
    expect(status.ok).toBe(false);
    expect(status.broken!.problem).toMatch(/bảo vệ chỉ-ghi-thêm/);
  });

  it('only the administrator may check', async () => {
    const dataDir = await stoppedDepartment();
    const services = start(dataDir);
    const clerk = caller(services, newSession());
    expectOk(await clerk('auth.login', { username: 'nguoidunga', password: 'MatKhau-ChuyenVien' }));
    expectError(await clerk('audit.verify', {}), 'FORBIDDEN');
    expectError(await clerk('audit.status', {}), 'FORBIDDEN');
  });
});
