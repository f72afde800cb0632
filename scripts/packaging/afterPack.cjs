// electron-builder afterPack hook: sets Electron's fuses in the packaged executable, before it is
// signed and wrapped into the installer. Tested on a stand-in file in tests/unit/packaging.test.ts.
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The fuses of every BaoCao build. */
const FUSES = {
  version: FuseVersion.V1,
  // Every fuse this @electron/fuses knows is set on purpose; a new one fails the build.
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn BaoCao.exe into a general Node.js for anyone.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let a local program inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app code is what was signed: app.asar checked against the hash in the executable, and
  // nothing loaded from a loose folder beside it.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron executable inside `appOutDir` for the platform being packed. */
function executableOf(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    default:
      return path.join(context.appOutDir, context.packager.executableName ?? name.toLowerCase());
  }
}

async function afterPack(context) {
  const exe = executableOf(context);
  await flipFuses(exe, {
    ...FUSES,
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3, // arm64
  });
  console.log(`  • fuses set in ${path.basename(exe)}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.executableOf = executableOf;
