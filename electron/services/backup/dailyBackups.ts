import type { Logger } from '../logging/logger.ts';
import type { BackupService } from './backupService.ts';

export interface DailyOptions {
  backup: () => BackupService | null;
  log?: Logger;
  /** First look a little after start, so opening the app stays quick. */
  firstDelayMs?: number;
  everyMs?: number;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

/**
 * A backup a day: office PCs stay on for days and are switched off at odd times, so rather than a
 * fixed hour it looks every hour whether the newest backup is a day old. A failure is logged and
 * tried again at the next look; it never interrupts the clerk.
 */
export function startDailyBackups(options: DailyOptions) {
  const t = options.timers ?? { setTimeout, clearTimeout };
  const every = options.everyMs ?? 60 * 60 * 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    const service = options.backup();
    try {
      if (service?.dailyDue()) await service.create('daily');
    } catch (e) {
      options.log?.warn('daily backup failed; will try again', e);
    }
    if (!stopped) schedule(every);
  };
  const schedule = (ms: number) => {
    timer = t.setTimeout(() => void tick(), ms);
    (timer as { unref?: () => void }).unref?.();
  };
  schedule(options.firstDelayMs ?? 2 * 60 * 1000);
  return {
    stop() {
      stopped = true;
      if (timer) t.clearTimeout(timer);
    },
    /** For tests: look now. */
    tick,
  };
}
