// Runs a worker written in TypeScript when BaoCao runs from its sources (npm run web, the CLI,
// tests): registers tsx inside the worker thread, then loads the entry named in workerData. The
// desktop build bundles each worker to dist-electron/workers/<name>.cjs instead (buildElectron.mjs).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
