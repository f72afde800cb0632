import type { Logger } from '../logging/logger.ts';
import type { BlobStore } from '../drafts/attachmentStore.ts';
import type { WorkflowRepository } from '../workflow/workflowRepository.ts';
import type { Connection, ConnectionStore } from './connectionStore.ts';
import {
  createIntakeClient,
  type IntakeClient,
  type IntakeFailure,
  type OutgoingPackage,
} from './intakeClient.ts';
import type { OutboxItem, OutboxRepository } from './outboxRepository.ts';

/**
 * Sends the outbox to Sở KH&CN (STYLE.md 8: Signal's JobQueue, Thunderbird's "Unsent messages"):
 * one package at a time, oldest first; a failure that time may mend waits longer each try
 * (exponential backoff with jitter, or the server's Retry-After); a refusal waits for a person
 * ("Gửi lại"). Nothing is lost: the job is a row written with the issue, an upload cut off by a
 * crash is sent again at the next start, and the server gives the same receipt for the same
 * package, so nothing is duplicated either. The receipt is verified before it is stored.
 */

export interface SenderDeps {
  outbox: OutboxRepository;
  connection: ConnectionStore;
  workflow: WorkflowRepository;
  issuedFiles: BlobStore;
  clock: () => Date;
  log: Logger;
  /** Keeps the app from restarting for an update while an upload is on the wire. */
  hold?: (reason: string) => () => void;
  /** Tests give a client of their own; the real one otherwise. */
  clientFor?: (connection: Connection, token: string) => IntakeClient;
  random?: () => number;
  backoff?: { baseMs: number; maxMs: number };
}

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'idle' | 'not-connected' | 'stopped';

const DEFAULT_BACKOFF = { baseMs: 30_000, maxMs: 60 * 60_000 };
/** setTimeout's ceiling (~24.8 days); a wake further away is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const STATUS_EVERY_MS = 10 * 60_000;

/** The n-th try (1-based) waits base·2^(n-1), capped, times a random factor in [0.5, 1). */
export function backoffDelay(attempts: number, random: number, b = DEFAULT_BACKOFF): number {
  const full = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (0.5 + random / 2));
}

/** The package as the server wants it, from the frozen files of the issue. */
export function packageOf(
  item: OutboxItem,
  workflow: WorkflowRepository,
  files: BlobStore,
): OutgoingPackage | string {
  const issue = workflow.issue(item.issueId);
  if (!issue) return `Không tìm thấy lần ban hành của gói ${item.packageId}`;
  let manifest: Buffer | null = null;
  let signature: Buffer | null = null;
  const parts: OutgoingPackage['files'] = [];
  for (const f of issue.files) {
    const bytes = files.read(f.sha256);
    if (!bytes) {
      return `Tệp "${f.name}" của văn bản đã ban hành bị thiếu hoặc bị thay đổi trên đĩa; hãy khôi phục từ bản sao lưu`;
    }
    if (f.role === 'manifest') manifest = bytes;
    else if (f.role === 'manifest-signature') signature = bytes;
    else parts.push({ name: f.name, bytes });
  }
  if (!manifest || !signature) return 'Gói chưa được ký bằng chữ ký số của cơ quan nên không gửi được';
  return { manifest, signature, files: parts };
}

export function createOutboxSender(deps: SenderDeps) {
  const { outbox, connection, clock, log } = deps;
  const random = deps.random ?? Math.random;
  const clientFor =
    deps.clientFor ??
    ((c: Connection, token: string) =>
      createIntakeClient({ serverUrl: c.serverUrl, token, receiptCertificate: c.receiptCertificate }));
  /** Not working the queue on its own (until start()); sendOne() still works. */
  let stopped = true;
  /** The services are closing: no more writes. */
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let statusTimer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const client = (): IntakeClient | string => {
    const c = connection.get();
    if (!c) return 'Máy này chưa đăng ký với máy chủ Sở KH&CN';
    const t = connection.token();
    if (t.token === null) return t.reason;
    return clientFor(c, t.token);
  };

  const onFailure = (item: OutboxItem, f: IntakeFailure): SendOutcome => {
    if (!f.retryable) {
      outbox.markFailed(item.packageId, f.message);
      log.warn('outbox: refused', { packageId: item.packageId, kind: f.kind, status: f.status });
      return 'failed';
    }
    const attempts = item.attempts + 1;
    const wait = f.retryAfterMs ?? backoffDelay(attempts, random(), deps.backoff);
    outbox.markRetry(item.packageId, f.message, new Date(clock().getTime() + wait).toISOString());
    log.info('outbox: will retry', { packageId: item.packageId, kind: f.kind, attempts, waitMs: wait });
    return 'retry';
  };

  /** Sends the oldest package that is due, if any. */
  async function sendOne(): Promise<SendOutcome> {
    const item = outbox.nextDue(clock().toISOString());
    if (!item) return 'idle';
    const c = client();
    if (typeof c === 'string') return 'not-connected';
    const pkg = packageOf(item, deps.workflow, deps.issuedFiles);
    if (typeof pkg === 'string') {
      outbox.markFailed(item.packageId, pkg);
      return 'failed';
    }
    outbox.markSending(item.packageId);
    const release = deps.hold?.('đang gửi văn bản lên Sở KH&CN') ?? (() => undefined);
    try {
      const r = await c.uploadPackage(pkg);
      // Closed meanwhile (quit, restore): the row stays "sending" and is sent again at the next start.
      if (closed) return 'stopped';
      if (!r.ok) return onFailure(item, r.failure);
      if (r.value.receipt.packageSha256 !== item.packageSha256) {
        return onFailure(item, {
          kind: 'receipt_invalid',
          retryable: false,
          message: 'Biên nhận máy chủ trả về không khớp với gói đã gửi',
          status: null,
          code: null,
          retryAfterMs: null,
        });
      }
      outbox.markSent(
        item.packageId,
        { receiptId: r.value.receipt.receiptId, receivedAt: r.value.receipt.receivedAt },
        r.value.receiptJws,
      );
      log.info('outbox: sent', { packageId: item.packageId, duplicate: r.value.duplicate });
      return 'sent';
    } finally {
      release();
    }
  }

  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    const wake = outbox.nextWake();
    if (!wake) return;
    const ms = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(wake) - clock().getTime()));
    timer = setTimeout(() => {
      timer = null;
      kick();
    }, ms);
    timer.unref?.();
  };

  /** Sends every due package, one after the other, then sleeps until the next is due. */
  async function drain() {
    for (;;) {
      const outcome = await sendOne().catch((e: unknown) => {
        log.error('outbox: unexpected error', { err: e });
        return 'stopped' as const;
      });
      if (stopped || outcome === 'idle' || outcome === 'not-connected' || outcome === 'stopped') break;
    }
  }

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await drain();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
      arm();
    });
  }

  /** Asks the server what became of the packages sent (received, accepted, returned with a reason). */
  async function refreshStatus(): Promise<{ ok: true; updated: number } | { ok: false; message: string }> {
    const c = client();
    if (typeof c === 'string') return { ok: false, message: c };
    const r = await c.fetchStatus();
    if (closed) return { ok: false, message: 'BaoCao đang đóng' };
    if (!r.ok) return { ok: false, message: r.failure.message };
    let updated = 0;
    for (const p of r.value.packages) {
      const mine = outbox.get(p.packageId);
      if (!mine) continue;
      if (mine.remoteStatus !== p.status || mine.remoteReason !== p.statusReason) {
        outbox.setRemoteStatus(p.packageId, p.status, p.statusReason);
        updated++;
      }
    }
    return { ok: true, updated };
  }

  return {
    /** At start: interrupted uploads go back in the queue, then the queue is worked. */
    start() {
      if (!stopped) return;
      stopped = false;
      closed = false;
      const resumed = outbox.resumeInterrupted();
      if (resumed) log.info('outbox: resumed interrupted uploads', { resumed });
      kick();
      // What Sở KH&CN decided (tiếp nhận, trả lại) reaches the clerk without anyone asking.
      statusTimer = setInterval(() => {
        if (outbox.all().some((i) => i.state === 'sent' && i.remoteStatus !== 'accepted')) {
          void refreshStatus().catch((e: unknown) => log.warn('outbox: status check failed', { err: e }));
        }
      }, STATUS_EVERY_MS);
      statusTimer.unref?.();
    },
    stop() {
      stopped = true;
      closed = true;
      if (timer) clearTimeout(timer);
      if (statusTimer) clearInterval(statusTimer);
      timer = null;
      statusTimer = null;
    },
    /** After an issue, "Gửi ngay" or "Gửi lại": work the queue now. */
    kick,
    /** One step, for tests and the CLI: send the oldest due package. */
    sendOne,
    /** The package of an outbox row as it would be uploaded (tests, support). */
    packageFor: (packageId: string) => {
      const item = outbox.get(packageId);
      return item ? packageOf(item, deps.workflow, deps.issuedFiles) : null;
    },
    /** The client for the enrolled server, or why there is none. */
    client,
    /** Waits for the work in progress (tests, quit). */
    idle: () => running ?? Promise.resolve(),
    refreshStatus,
  };
}
export type OutboxSender = ReturnType<typeof createOutboxSender>;
