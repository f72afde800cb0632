// Builds better-sqlite3 for Electron's ABI into dist-electron/native/, beside (not instead of) the
// copy in node_modules that `npm test` loads under plain Node. The desktop app passes this file to
// better-sqlite3 as `nativeBinding`, so `npm start` and `npm test` both work without a rebuild dance.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const sqliteVersion = require('better-sqlite3/package.json').version;
const outDir = path.resolve('dist-electron/native');
const out = path.join(outDir, 'better_sqlite3.node');
const stamp = path.join(outDir, 'stamp.json');
const wanted = JSON.stringify({
  electronVersion,
  sqliteVersion,
  arch: process.arch,
  platform: process.platform,
});

if (fs.existsSync(out) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) process.exit(0);

const work = path.resolve('.tmp/electron-native/better-sqlite3');
fs.rmSync(work, { recursive: true, force: true });
fs.cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), work, { recursive: true });
fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });

const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit' });
try {
  // A prebuilt binary for this Electron version, when the project publishes one…
  run(process.execPath, [
    require.resolve('prebuild-install/bin.js'),
    '--runtime',
    'electron',
    '--target',
    electronVersion,
  ]);
} catch {
  // …otherwise compile against Electron's headers (needs a C++ toolchain).
  run('npx', [
    '--yes',
    'node-gyp',
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ]);
}
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), out);
fs.writeFileSync(stamp, wanted);
console.log(`better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion}: ${out}`);
