// electron-builder beforeBuild hook, run just before it rebuilds the native modules of the
// production dependencies for Electron's ABI (npmRebuild, @electron/rebuild). node_modules stays
// built for Node the rest of the time, so `npm test` runs under plain Node.
// Here: the native modules that will be rebuilt must be exactly the ones BaoCao knows it ships
// (package.json "nativeModules"), so a new native dependency cannot slip into the installer
// without someone deciding how it is built and loaded.
const fs = require('node:fs');
const path = require('node:path');

/** Production dependencies (transitively) that carry a binding.gyp, by name. */
function nativeProductionModules(appDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  const seen = new Set();
  const native = new Set();
  const visit = (name, fromDir) => {
    if (seen.has(name)) return;
    seen.add(name);
    let dir = null;
    for (let d = fromDir; ; d = path.dirname(d)) {
      const candidate = path.join(d, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) {
        dir = candidate;
        break;
      }
      if (path.dirname(d) === d) break;
    }
    if (!dir) return; // an optional dependency not installed here
    if (fs.existsSync(path.join(dir, 'binding.gyp'))) native.add(name);
    const child = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...child.dependencies, ...child.optionalDependencies })) visit(dep, dir);
  };
  for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, appDir);
  return [...native].sort();
}

async function beforeBuild(context) {
  const appDir = context.appDir;
  const expected = [
    ...(JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')).nativeModules ?? []),
  ].sort();
  const found = nativeProductionModules(appDir);
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    throw new Error(
      `Native modules in production dependencies are ${found.join(', ') || 'none'}, package.json "nativeModules" says ${expected.join(', ') || 'none'}. Decide how the new one is rebuilt for Electron, then update the list.`,
    );
  }
  console.log(`  • rebuilding for Electron ${context.electronVersion ?? ''}: ${found.join(', ')}`);
  return true; // let electron-builder rebuild them (npmRebuild)
}

module.exports = beforeBuild;
module.exports.default = beforeBuild;
module.exports.nativeProductionModules = nativeProductionModules;
