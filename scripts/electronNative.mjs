// Builds the native modules for Electron's ABI into dist-electron/native/, beside (not instead of)
// the copies in node_modules that `npm test` loads under plain Node:
//   better-sqlite3 → dist-electron/native/better_sqlite3.node, passed to better-sqlite3 as nativeBinding;
//   pkcs11js       → dist-electron/native/pkcs11js/ (its index.js + build/Release/pkcs11.node), which
//                    the PKCS#11 host process loads (BAOCAO_PKCS11JS_DIR) when a USB token is used.
// So `npm start` and `npm test` both work without a rebuild dance.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const outDir = path.resolve('dist-electron/native');

/** Rebuilds `name` in a scratch copy for Electron; returns the copy's folder. */
function buildForElectron(name, { prebuilt }) {
  const work = path.resolve(`.tmp/electron-native/${name}`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.dirname(require.resolve(`${name}/package.json`)), work, { recursive: true });
  fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit' });
  try {
    // A prebuilt binary for this Electron version, when the project publishes one…
    if (!prebuilt) throw new Error('no prebuilt binaries');
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
  return work;
}

const modules = [
  {
    name: 'better-sqlite3',
    prebuilt: true,
    done: path.join(outDir, 'better_sqlite3.node'),
    install(work) {
      fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), this.done);
    },
  },
  {
    name: 'pkcs11js',
    prebuilt: false,
    done: path.join(outDir, 'pkcs11js', 'build', 'Release', 'pkcs11.node'),
    install(work) {
      const dir = path.join(outDir, 'pkcs11js');
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(path.join(dir, 'build', 'Release'), { recursive: true });
      for (const f of ['index.js', 'package.json']) fs.copyFileSync(path.join(work, f), path.join(dir, f));
      fs.copyFileSync(path.join(work, 'build', 'Release', 'pkcs11.node'), this.done);
    },
  },
];

fs.mkdirSync(outDir, { recursive: true });
for (const m of modules) {
  const version = require(`${m.name}/package.json`).version;
  const stamp = path.join(outDir, `${m.name}.stamp.json`);
  const wanted = JSON.stringify({ electronVersion, version, arch: process.arch, platform: process.platform });
  if (fs.existsSync(m.done) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) continue;
  m.install(buildForElectron(m.name, m));
  fs.writeFileSync(stamp, wanted);
  console.log(`${m.name} ${version} built for Electron ${electronVersion}: ${m.done}`);
}
