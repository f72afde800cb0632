// Runs the start-up of one data folder and prints what the person would have been shown, as JSON.
// startup.test.ts runs it inside a private mount namespace where the folder is mounted read-only
// (root ignores file permissions, so chmod alone cannot make a folder unwritable for it).
import { FIXTURE_RESOURCES } from '../helpers/setup.ts';
import { openServiceHost } from '../../../electron/services/serviceHost.ts';
import { startServices } from '../../../electron/services/startup/startServices.ts';
import type { StartupFailure } from '../../../electron/services/startup/startupFailure.ts';

const dataDir = process.argv[2]!;
let shown: StartupFailure | null = null;
const host = await startServices({
  dataDir,
  appVersion: 'thử',
  open: () => openServiceHost({ dataDir, resourcesDir: FIXTURE_RESOURCES }),
  ui: {
    showFailure: async (f) => {
      shown = f;
      return 'quit';
    },
    copy: () => {},
    quit: () => {},
  },
});
await host?.close();
process.stdout.write(JSON.stringify({ opened: Boolean(host), shown }));
