import { createHash } from 'node:crypto';
import type { AuditAnchor, AuditCheck } from '../../../shared/api/audit.ts';
import type { Db } from '../store/openDatabase.ts';

export type { AuditAnchor, AuditCheck } from '../../../shared/api/audit.ts';

/** The hash before the first entry, and the head of an empty log. */
export const GENESIS = '0'.repeat(64);

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
    anchor: () => auditAnchor(db),
    verify: (anchor?: AuditAnchor) => verifyAuditChain(db, anchor, clock()),
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

interface Row {
  seq: number;
  at: string;
  user_id: string | null;
  action: string;
  detail_json: string;
  prev_hash: string;
  hash: string;
}

/**
 * The head of the chain: the last entry's hash and how many entries there are. Kept outside the
 * database — in every backup and in every package sent to Sở KH&CN (manifest `audit`), and in
 * audit-anchor.json beside the database — it shows later whether entries up to it were deleted or
 * rewritten, which the chain alone cannot: a rewrite that recomputes every later hash is a valid
 * chain again, and deleting the last entries leaves one.
 */
export function auditAnchor(db: Db): AuditAnchor {
  const r = db
    .prepare(
      'SELECT COUNT(*) AS n, (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS head FROM audit_log',
    )
    .get() as {
    n: number;
    head: string | null;
  };
  return { headHash: r.head ?? GENESIS, entryCount: r.n };
}

/** The append-only triggers of migration 0002, as they must be found in the schema. */
const GUARDS = ['audit_log_no_update', 'audit_log_no_delete'];

const shown = (r: Row) => ({ seq: r.seq, at: r.at, action: r.action });

/**
 * Checks the whole chain, then (when given) that it still holds `anchor` — the head it had when the
 * anchor was taken — and that the append-only triggers are in place. Returns the first problem found,
 * with the entry it is about, in Vietnamese.
 */
export function verifyAuditChain(db: Db, anchor?: AuditAnchor, now = new Date()): AuditCheck {
  const checkedAt = now.toISOString();
  const head = auditAnchor(db);
  const fail = (broken: NonNullable<AuditCheck['broken']>): AuditCheck => ({
    ok: false,
    checkedAt,
    anchor: head,
    broken,
  });
  let prev = GENESIS;
  let position = 0;
  let atAnchor: Row | undefined;
  let last: Row | undefined;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
    position++;
    if (r.prev_hash !== prev) {
      return fail({
        ...shown(r),
        problem:
          'Mục này không nối tiếp mục liền trước: một mục trước nó đã bị xóa, chèn thêm hoặc sửa ngoài ứng dụng',
      });
    }
    if (r.hash !== rowHash(prev, r.at, r.user_id, r.action, r.detail_json)) {
      return fail({
        ...shown(r),
        problem: 'Nội dung mục này đã bị sửa sau khi ghi (mã kiểm tra không khớp)',
      });
    }
    if (anchor && position === anchor.entryCount) atAnchor = r;
    prev = r.hash;
    last = r;
  }
  if (anchor && anchor.entryCount > 0) {
    if (position < anchor.entryCount) {
      return fail({
        ...(last ? shown(last) : { seq: null, at: null, action: null }),
        problem: `Nhật ký ngắn hơn mốc đối chiếu: mốc có ${anchor.entryCount} mục, nhật ký chỉ còn ${position} mục (các mục cuối đã bị xóa)`,
      });
    }
    if (atAnchor && atAnchor.hash !== anchor.headHash) {
      return fail({
        ...shown(atAnchor),
        problem: `Mục thứ ${anchor.entryCount} không khớp với mốc đối chiếu: nhật ký đã bị viết lại đến mục này`,
      });
    }
  }
  const guards = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
    .all() as { name: string; sql: string }[];
  const missing = GUARDS.filter(
    (g) => !guards.some((t) => t.name === g && /RAISE\s*\(\s*ABORT/i.test(t.sql)),
  );
  if (missing.length) {
    return fail({
      seq: null,
      at: null,
      action: null,
      problem:
        'Nhật ký không còn được bảo vệ chỉ-ghi-thêm (trigger của cơ sở dữ liệu đã bị gỡ hoặc thay đổi)',
    });
  }
  return { ok: true, checkedAt, anchor: head, broken: null };
}

/** Whether the chain still holds `anchor`: truncation and rewriting show up here. */
export function checkAuditAnchor(db: Db, anchor: AuditAnchor, now = new Date()): AuditCheck {
  return verifyAuditChain(db, anchor, now);
}
