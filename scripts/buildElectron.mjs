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
  external: ['electron', 'better-sqlite3', 'electron-updater', 'pdfmake', 'pkcs11js'],
  define: { 'import.meta.dirname': '__dirname' },
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs' });
// Worker threads (electron/services/workers/workerPool.ts): one bundle per worker entry.
const workers = {
  spreadsheets: 'electron/services/spreadsheets/parseWorker.ts',
  documents: 'electron/services/documents/renderWorker.ts',
};
for (const [name, entry] of Object.entries(workers)) {
  await build({ ...common, entryPoints: [entry], outfile: `dist-electron/workers/${name}.cjs` });
}
// The PKCS#11 host runs in its own process (electron/services/signing/pkcs11/client.ts forks it).
await build({
  ...common,
  entryPoints: ['electron/services/signing/pkcs11/host.ts'],
  outfile: 'dist-electron/pkcs11Host.cjs',
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
console.log(
  'dist-electron/main.cjs, dist-electron/preload.cjs, dist-electron/workers/*.cjs, dist-electron/pkcs11Host.cjs',
);
