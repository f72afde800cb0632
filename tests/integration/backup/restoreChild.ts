/**
 * Run as a separate process by killed.test.ts: restores `fileName` into `dataDir` the way the
 * service host does, printing each step, and SIGKILLs itself at the step named `killAt`.
 */
import { createServices, defaultResourcesDir } from '../../../electron/services/index.ts';
import { createLogger } from '../../../electron/services/logging/logger.ts';
import { finishPendingRestore } from '../../../electron/services/backup/restore.ts';

const [dataDir, fileName, killAt] = process.argv.slice(2) as [string, string, string | undefined];
const step = (name: string) => {
  process.stdout.write(`${name}\n`);
  if (name === killAt) process.kill(process.pid, 'SIGKILL');
};
const services = createServices({ dataDir, resourcesDir: defaultResourcesDir(), log: createLogger() });
await services.backup!.restore(fileName, step);
services.close();
finishPendingRestore(dataDir, undefined, step);
step('done');
