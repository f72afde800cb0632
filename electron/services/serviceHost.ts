import { api, isMethodName } from '../../shared/api.ts';
import type { Session } from './context.ts';
import type { CallControl, Dispatch } from './dispatch.ts';
import { prepareDataDir } from './backup/prepareDataDir.ts';
import { startDailyBackups } from './backup/dailyBackups.ts';
import { createServices, type ServiceOptions, type Services } from './index.ts';
import { consoleLogger } from './logging/logger.ts';
import { migrations } from './store/migrations/index.ts';
import { appVersion } from './appVersion.ts';

export interface HostOptions extends Omit<ServiceOptions, 'requestReopen' | 'dataDir'> {
  dataDir: string;
  /** Daily backups on a timer; off for short-lived hosts (the CLI, most tests). */
  dailyBackups?: boolean;
  /** How long close() waits for calls in flight (default 30 s). */
  closeWaitMs?: number;
  /**
   * Test web host only (BAOCAO_TEST_HOOKS): each progress step of long work waits this long, so an
   * E2E can watch the progress bar and press "Hủy". Never set by the desktop.
   */
  testStepDelayMs?: number;
}

/** A call slower than this leaves a line in the log (method and duration, never the inputs). */
export const SLOW_CALL_MS = 2_000;

/** Waits ms, or until the signal aborts (then at once: the next progress step throws CANCELLED). */
const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export interface ServiceHost {
  /** The services of the moment: after a restore this is a new object. */
  readonly services: Services;
  /** Every call goes through here: it waits while the store is being reopened. */
  dispatch: Dispatch;
  /** Calls being handled right now. */
  inFlight(): number;
  /**
   * What must finish before the app may restart for an update. Calls that change data count by
   * themselves; other work (the outbox's upload in flight) holds a reason while it runs.
   */
  busy: {
    hold(reason: string): () => void;
    reasons(): string[];
  };
  close(): Promise<void>;
}

/**
 * Owns the services of one data folder across a restore. A restore cannot swap the database under
 * open statements, so `backup.restore` only stages and commits; once it has finished, the host
 * waits for the other calls in flight, closes the store, puts the restored data in place, opens
 * it again and only then answers — and every session is logged out, since the restored users and
 * passwords are not the ones the sessions logged in with. Electron and `npm run web` both use it.
 */
export async function openServiceHost(options: HostOptions): Promise<ServiceHost> {
  const log = options.log ?? consoleLogger();
  const version = options.appVersion ?? appVersion();
  const clock = options.clock ?? (() => new Date());
  const closeWaitMs = options.closeWaitMs ?? 30_000;
  const prepare = () =>
    prepareDataDir({
      dataDir: options.dataDir,
      migrations,
      appVersion: version,
      clock,
      log: log.child('backup'),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });

  let reopenRequested = false;
  const held = new Map<symbol, string>();
  const hold = (reason: string) => {
    const key = Symbol(reason);
    held.set(key, reason);
    return () => {
      held.delete(key);
      wakeIfQuiet();
    };
  };
  const build = () =>
    createServices({
      ...options,
      log,
      appVersion: version,
      holdBusy: hold,
      requestReopen: () => {
        reopenRequested = true;
      },
    });

  await prepare();
  let services = build();
  let epoch = 0;
  const sessionEpoch = new WeakMap<Session, number>();
  let inFlight = 0;
  let writesInFlight = 0;
  let gate: Promise<void> | null = null;
  /** Woken when the last call in flight ends: a reopen and close wait for them. */
  const idleWaiters: (() => void)[] = [];
  const whenIdle = () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r)));
  /** Woken when no call is in flight and no work holds the host (busy.hold): close waits for it. */
  const quietWaiters: (() => void)[] = [];
  const quiet = () => inFlight === 0 && held.size === 0;
  const wakeIfQuiet = () => {
    if (quiet()) for (const wake of quietWaiters.splice(0)) wake();
  };
  const whenQuiet = () => (quiet() ? Promise.resolve() : new Promise<void>((r) => quietWaiters.push(r)));

  const reopen = async () => {
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    try {
      await whenIdle();
      services.close();
      await prepare();
      services = build();
      epoch++;
      log.info('services reopened after a restore');
    } finally {
      gate = null;
      release();
    }
  };

  const dispatch: Dispatch = async (name, input, session, control = {}) => {
    while (gate) await gate;
    if ((sessionEpoch.get(session) ?? 0) !== epoch) session.userId = null;
    sessionEpoch.set(session, epoch);
    inFlight++;
    const writes = isMethodName(name) && !api[name].readOnly;
    if (writes) writesInFlight++;
    const stepDelay = options.testStepDelayMs;
    const paced: CallControl = stepDelay
      ? {
          ...control,
          onProgress: async (p) => {
            await control.onProgress?.(p);
            await pause(stepDelay, control.signal);
          },
        }
      : control;
    const started = performance.now();
    let result;
    try {
      result = await services.dispatch(name, input, session, paced);
    } finally {
      const ms = Math.round(performance.now() - started);
      if (ms >= SLOW_CALL_MS) log.warn('slow call', { method: isMethodName(name) ? name : 'unknown', ms });
      if (control.signal?.aborted)
        log.info('call cancelled', { method: isMethodName(name) ? name : 'unknown', ms });
      inFlight--;
      if (writes) writesInFlight--;
      if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
      wakeIfQuiet();
    }
    if (reopenRequested) {
      reopenRequested = false;
      await reopen();
      session.userId = null;
      sessionEpoch.set(session, epoch);
    }
    return result;
  };

  const daily = options.dailyBackups
    ? startDailyBackups({ backup: () => services.backup, log: log.child('backup') })
    : null;

  return {
    get services() {
      return services;
    },
    dispatch,
    inFlight: () => inFlight,
    busy: {
      hold,
      reasons: () => [...(writesInFlight > 0 ? ['dữ liệu đang được lưu'] : []), ...new Set(held.values())],
    },
    async close() {
      daily?.stop();
      while (gate) await gate;
      // On quit, calls in flight and held work (an upload) finish before the store closes under
      // them; past the limit it is logged and the store closes anyway (SQLite's journal keeps it
      // whole).
      if (!quiet()) {
        log.info('waiting for work in flight before closing', { inFlight, held: [...held.values()] });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), closeWaitMs)));
        if ((await Promise.race([whenQuiet(), late])) === 'late') {
          log.warn('closing with work still in flight', {
            inFlight,
            held: [...held.values()],
            waitedMs: closeWaitMs,
          });
        }
        clearTimeout(timer);
      }
      services.close();
    },
  };
}
