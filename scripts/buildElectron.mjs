// Bundles the Electron main process and preload into CommonJS: a sandboxed preload cannot load
// ES modules or our shared/ files, so both are bundled; native and Electron modules stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  // pdfmake is loaded from node_modules at run time (its internal modules, its fonts' parser).
  external: ['electron', 'better-sqlite3', 'electron-updater', 'pdfmake'],
  define: { 'import.meta.dirname': '__dirname' },
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs' });
// Worker threads (electron/services/workers/workerPool.ts): one bundle per worker entry.
const workers = { spreadsheets: 'electron/services/spreadsheets/parseWorker.ts' };
for (const [name, entry] of Object.entries(workers)) {
  await build({ ...common, entryPoints: [entry], outfile: `dist-electron/workers/${name}.cjs` });
}
console.log('dist-electron/main.cjs, dist-electron/preload.cjs, dist-electron/workers/*.cjs');
