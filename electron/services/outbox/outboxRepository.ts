import type { Db } from '../store/openDatabase.ts';

/**
 * The outbox (STYLE.md 8, Signal's JobQueue): one stored job per issued package, added in the
 * transaction that issues it, taken one at a time by the sender, never deleted.
 */

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';
export type RemoteStatus = 'received' | 'accepted' | 'returned';

export interface OutboxItem {
  packageId: string;
  issueId: string;
  documentId: string;
  packageSha256: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  receipt: { receiptId: string; receivedAt: string } | null;
  receiptJws: string | null;
  sentAt: string | null;
  remoteStatus: RemoteStatus | null;
  remoteReason: string | null;
  remoteCheckedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const toItem = (r: Record<string, unknown>): OutboxItem => ({
  packageId: r.package_id as string,
  issueId: r.issue_id as string,
  documentId: r.document_id as string,
  packageSha256: r.package_sha256 as string,
  state: r.state as OutboxState,
  attempts: r.attempts as number,
  nextAttemptAt: r.next_attempt_at as string,
  lastError: (r.last_error as string | null) ?? null,
  receipt: r.receipt_json ? (JSON.parse(r.receipt_json as string) as OutboxItem['receipt']) : null,
  receiptJws: (r.receipt_jws as string | null) ?? null,
  sentAt: (r.sent_at as string | null) ?? null,
  remoteStatus: (r.remote_status as RemoteStatus | null) ?? null,
  remoteReason: (r.remote_reason as string | null) ?? null,
  remoteCheckedAt: (r.remote_checked_at as string | null) ?? null,
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
});

export function createOutboxRepository(db: Db, clock: () => Date) {
  const now = () => clock().toISOString();
  return {
    /** Inside the issue's transaction: the package waits from the moment it exists. */
    enqueue(i: { packageId: string; issueId: string; documentId: string; packageSha256: string }) {
      const at = now();
      db.prepare(
        `INSERT INTO outbox (package_id, issue_id, document_id, package_sha256, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)`,
      ).run(i.packageId, i.issueId, i.documentId, i.packageSha256, at, at, at);
    },
    get(packageId: string): OutboxItem | null {
      const r = db.prepare('SELECT * FROM outbox WHERE package_id = ?').get(packageId) as
        Record<string, unknown> | undefined;
      return r ? toItem(r) : null;
    },
    ofDocument(documentId: string): OutboxItem[] {
      return (
        db
          .prepare('SELECT * FROM outbox WHERE document_id = ? ORDER BY created_at')
          .all(documentId) as Record<string, unknown>[]
      ).map(toItem);
    },
    all(): OutboxItem[] {
      return (
        db.prepare('SELECT * FROM outbox ORDER BY created_at DESC').all() as Record<string, unknown>[]
      ).map(toItem);
    },
    /** The oldest package whose turn has come, or null. */
    nextDue(at: string): OutboxItem | null {
      const r = db
        .prepare(
          "SELECT * FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY created_at LIMIT 1",
        )
        .get(at) as Record<string, unknown> | undefined;
      return r ? toItem(r) : null;
    },
    /** When the next queued package is due, to sleep until then. */
    nextWake(): string | null {
      const r = db.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'queued'").get() as {
        at: string | null;
      };
      return r.at;
    },
    markSending(packageId: string) {
      db.prepare(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE package_id = ?",
      ).run(now(), packageId);
    },
    markSent(packageId: string, receipt: { receiptId: string; receivedAt: string }, jws: string) {
      db.prepare(
        `UPDATE outbox SET state = 'sent', receipt_json = ?, receipt_jws = ?, sent_at = ?, last_error = NULL,
           remote_status = COALESCE(remote_status, 'received'), updated_at = ? WHERE package_id = ?`,
      ).run(JSON.stringify(receipt), jws, now(), now(), packageId);
    },
    /** A failure that trying again later may mend: back in the queue at `retryAt`. */
    markRetry(packageId: string, error: string, retryAt: string) {
      db.prepare(
        "UPDATE outbox SET state = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE package_id = ?",
      ).run(error, retryAt, now(), packageId);
    },
    /** A failure a person must act on; "Gửi lại" puts it back in the queue. */
    markFailed(packageId: string, error: string) {
      db.prepare(
        "UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE package_id = ?",
      ).run(error, now(), packageId);
    },
    requeue(packageId: string) {
      db.prepare(
        "UPDATE outbox SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE package_id = ? AND state IN ('failed', 'queued')",
      ).run(now(), now(), packageId);
    },
    /** At start: an upload cut off by a crash or a quit is sent again (the server is idempotent). */
    resumeInterrupted(): number {
      return db
        .prepare(
          "UPDATE outbox SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE state = 'sending'",
        )
        .run(now(), now()).changes;
    },
    setRemoteStatus(packageId: string, status: RemoteStatus, reason: string | null) {
      db.prepare(
        'UPDATE outbox SET remote_status = ?, remote_reason = ?, remote_checked_at = ?, updated_at = ? WHERE package_id = ?',
      ).run(status, reason, now(), now(), packageId);
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
