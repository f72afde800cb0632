// `npm run dist`: the installer for this platform (electron-builder, release/). electron-builder
// rebuilds the native modules in node_modules for Electron's ABI; this wrapper keeps a copy of
// their Node builds and puts it back afterwards, whether packaging worked or not, so that
// `npm test`, `npm run web` and the CLI keep loading them under plain Node.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const keep = path.resolve('.tmp/node-native');
const saved = [];
fs.rmSync(keep, { recursive: true, force: true });
for (const name of pkg.nativeModules) {
  const build = path.resolve('node_modules', name, 'build', 'Release');
  if (!fs.existsSync(build)) continue;
  fs.cpSync(build, path.join(keep, name), { recursive: true });
  saved.push([build, path.join(keep, name)]);
}

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
let status = run('npm', ['run', 'build']).status ?? 1;
if (status === 0)
  status = run('npx', ['electron-builder', '--publish', 'never', ...process.argv.slice(2)]).status ?? 1;

for (const [build, copy] of saved) {
  fs.rmSync(build, { recursive: true, force: true });
  fs.cpSync(copy, build, { recursive: true });
}
console.log(`native modules for Node put back: ${pkg.nativeModules.join(', ')}`);
process.exit(status);
