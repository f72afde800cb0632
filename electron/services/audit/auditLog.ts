import { createHash } from 'node:crypto';
import type { Db } from '../store/openDatabase.ts';

const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: string;
  userId: string | null;
  action: string;
  detail: unknown;
}

function rowHash(prev: string, at: string, userId: string | null, action: string, detailJson: string) {
  return createHash('sha256')
    .update(JSON.stringify([prev, at, userId, action, detailJson]))
    .digest('hex');
}

export function createAuditLog(db: Db, clock: () => Date) {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO audit_log (at, user_id, action, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    /** Call inside the transaction of the change it records, so both land or neither does. */
    append(userId: string | null, action: string, detail: unknown = {}) {
      const prev = (last.get() as { hash: string } | undefined)?.hash ?? GENESIS;
      const at = clock().toISOString();
      const detailJson = JSON.stringify(detail);
      insert.run(at, userId, action, detailJson, prev, rowHash(prev, at, userId, action, detailJson));
    },
    entries(): AuditEntry[] {
      return (
        db.prepare('SELECT seq, at, user_id, action, detail_json FROM audit_log ORDER BY seq').all() as {
          seq: number;
          at: string;
          user_id: string | null;
          action: string;
          detail_json: string;
        }[]
      ).map((r) => ({
        seq: r.seq,
        at: r.at,
        userId: r.user_id,
        action: r.action,
        detail: JSON.parse(r.detail_json),
      }));
    },
    /** The seq of the first row whose hash does not follow from its predecessor, or null. */
    firstBrokenLink(): number | null {
      let prev = GENESIS;
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
        seq: number;
        at: string;
        user_id: string | null;
        action: string;
        detail_json: string;
        prev_hash: string;
        hash: string;
      }[];
      for (const r of rows) {
        if (r.prev_hash !== prev || r.hash !== rowHash(prev, r.at, r.user_id, r.action, r.detail_json))
          return r.seq;
        prev = r.hash;
      }
      return null;
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
