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
  /** Calls being handled right now (the updater never restarts over one). */
  inFlight(): number;
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
  const build = () =>
    createServices({
      ...options,
      log,
      appVersion: version,
      requestReopen: () => {
        reopenRequested = true;
      },
    });

  await prepare();
  let services = build();
  let epoch = 0;
  const sessionEpoch = new WeakMap<Session, number>();
  let inFlight = 0;
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
    let result;
    try {
      result = await services.dispatch(name, input, session);
    } finally {
      inFlight--;
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
    async close() {
      daily?.stop();
      while (gate) await gate;
      services.close();
    },
  };
}
