import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTAKE_DATABASE_FILE, openSqliteDriver } from '../../../server/store/sqliteDriver.ts';
import { createIntakeRepository } from '../../../server/store/intakeRepository.ts';

/** The store's own promises: WAL and synchronous=FULL, transactions that are all or nothing and never interleave. */

const open = () => openSqliteDriver(fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-intake-store-')));

describe('intake store', () => {
  it('opens in WAL with synchronous=FULL at the newest schema', async () => {
    const sql = open();
    expect(sql.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sql.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(await sql.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_version')).toEqual({ v: 1 });
    await sql.close();
  });

  it('a transaction that fails leaves nothing, and another call never runs inside an open one', async () => {
    const sql = open();
    const repo = createIntakeRepository(sql);
    await repo.saveOrganization(
      { code: 'SCT', name: 'Sở Công Thương', agencyType: 'so_ban_nganh' },
      '2026-01-01T00:00:00.000Z',
    );
    await expect(
      sql.transaction(async (tx) => {
        await tx.run("UPDATE organizations SET name = 'Đổi tên' WHERE code = 'SCT'");
        throw new Error('giữa chừng');
      }),
    ).rejects.toThrow('giữa chừng');
    expect((await repo.getOrganization('SCT'))!.name).toBe('Sở Công Thương');

    // A read issued while a transaction awaits between its statements waits for the commit.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = sql.transaction(async (t) => {
      await t.run("UPDATE organizations SET name = 'Tạm' WHERE code = 'SCT'");
      await gate;
      await t.run("UPDATE organizations SET name = 'Sở Công Thương tỉnh Bắc Ninh' WHERE code = 'SCT'");
    });
    const read = repo.getOrganization('SCT');
    release();
    await tx;
    expect((await read)!.name).toBe('Sở Công Thương tỉnh Bắc Ninh');
    await sql.close();
  });

  it('decisions are append-only', async () => {
    const sql = open();
    expect(() => sql.db.exec("UPDATE package_decisions SET reason = 'x'")).not.toThrow();
    sql.db.exec(
      "INSERT INTO organizations (code, name, agency_type, created_at, updated_at) VALUES ('A', 'A', 't', 'x', 'x')",
    );
    sql.db.pragma('foreign_keys = OFF');
    sql.db.exec(
      "INSERT INTO package_decisions (id, package_id, decision, reason, officer, decided_at) VALUES ('1', 'p', 'accepted', NULL, 'o', 'x')",
    );
    expect(() => sql.db.exec("UPDATE package_decisions SET reason = 'x'")).toThrow(/append-only/);
    expect(() => sql.db.exec('DELETE FROM package_decisions')).toThrow(/append-only/);
    await sql.close();
  });

  it('transactions asked for at once: one that fails is undone alone, each sees those before it, none is answered before it is committed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-intake-store-'));
    const sql = openSqliteDriver(dir);
    const repo = createIntakeRepository(sql);
    const codes = ['A', 'B', 'C', 'D', 'E'];
    // Another connection to the same file: what it sees is what is committed.
    const outside = new Database(path.join(dir, INTAKE_DATABASE_FILE), { readonly: true });
    const committed = (code: string) =>
      outside.prepare('SELECT code FROM organizations WHERE code = ?').get(code) !== undefined;
    const seenWhenAnswered = new Map<string, boolean>();
    const results = await Promise.allSettled(
      codes.map((code) =>
        sql
          .transaction(async (tx) => {
            await tx.run(
              "INSERT INTO organizations (code, name, agency_type, created_at, updated_at) VALUES (?, ?, 'so_ban_nganh', 'x', 'x')",
              [code, `Đơn vị ${code}`],
            );
            if (code === 'C') throw new Error('đơn vị C hỏng giữa chừng');
            // A later transaction of the same group sees the earlier ones, as it would serially.
            return (await tx.all<{ code: string }>('SELECT code FROM organizations ORDER BY code')).length;
          })
          .then((n) => {
            seenWhenAnswered.set(code, committed(code));
            return n;
          }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual([1, 2, null, 3, 4]);
    expect([...seenWhenAnswered.values()].every(Boolean)).toBe(true);
    expect(codes.map(committed)).toEqual([true, true, false, true, true]);
    expect(await repo.getOrganization('C')).toBeNull();
    outside.close();
    await sql.close();
  });
});
