import { api, isMethodName } from '../../shared/api.ts';
import type { Session } from './context.ts';
import type { Dispatch } from './dispatch.ts';
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
}

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
    return () => held.delete(key);
  };
  const build = () =>
    createServices({
      ...options,
      log,
      appVersion: version,
      holdBusy: (reason) => {
        const release = hold(reason);
        return () => void release();
      },
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
  let idle: (() => void) | null = null;

  const reopen = async () => {
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    try {
      if (inFlight > 0) await new Promise<void>((r) => (idle = r));
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

  const dispatch: Dispatch = async (name, input, session) => {
    while (gate) await gate;
    if ((sessionEpoch.get(session) ?? 0) !== epoch) session.userId = null;
    sessionEpoch.set(session, epoch);
    inFlight++;
    const writes = isMethodName(name) && !api[name].readOnly;
    if (writes) writesInFlight++;
    let result;
    try {
      result = await services.dispatch(name, input, session);
    } finally {
      inFlight--;
      if (writes) writesInFlight--;
      if (inFlight === 0 && idle) {
        const wake = idle;
        idle = null;
        wake();
      }
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
      services.close();
    },
  };
}
