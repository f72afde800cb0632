import Ajv from 'ajv';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'electron-builder.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function validator() {
  // electron-builder's own JSON schema, shipped in app-builder-lib.
  const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  return ajv.compile(schema);
}

describe('the installer configuration (electron-builder.json)', () => {
  it('is valid against electron-builder’s schema, and the schema does catch mistakes', () => {
    const validate = validator();
    const { $schema: _schema, ...rest } = config;
    expect(validate(rest), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate({ ...rest, nsis: { ...rest.nsis, perMachin: false } })).toBe(false);
    expect(validate({ ...rest, win: { ...rest.win, target: 42 } })).toBe(false);
  });

  it('Windows: NSIS x64 for the current user, no admin rights, in Vietnamese, with shortcuts', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      installerLanguages: ['vi_VN'],
      language: '1066',
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
    });
    // The updater refuses an installer not signed by this publisher (README: code signing).
    expect(config.win.signtoolOptions.publisherName).toEqual(['Sở Khoa học và Công nghệ tỉnh Bắc Ninh']);
  });

  it('Linux: AppImage and .deb; app id, product name and icons that exist', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.appId).toBe('vn.gov.bacninh.sokhcn.baocao');
    expect(config.productName).toBe('BaoCao');
    expect(pkg.productName).toBe('BaoCao');
    for (const icon of [
      config.win.icon,
      config.nsis.installerIcon,
      'resources/icons/512x512.png',
      'resources/icons/256x256.png',
    ]) {
      expect(fs.existsSync(path.join(root, icon)), icon).toBe(true);
    }
    const ico = fs.readFileSync(path.join(root, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4); // 16, 32, 48 and 256 pixels
  });

  it('updates come from the generic /updates/ feed; the plans travel as resources', () => {
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'generic', channel: 'latest' })]);
    expect(config.publish[0].url).toMatch(/\/updates\/$/);
    expect(config.extraResources).toEqual([{ from: 'resources/plans', to: 'plans', filter: ['*.json'] }]);
    expect(fs.readdirSync(path.join(root, 'resources/plans')).some((f) => f.endsWith('.json'))).toBe(true);
    // The side-built better-sqlite3 of `npm start` does not go in: the packaged one is rebuilt.
    expect(config.files.some((f: string) => f.includes('native'))).toBe(false);
    expect(config.npmRebuild).toBe(true);
  });
});

describe('the packaging hooks, run without Electron', () => {
  it('beforeBuild: the native modules to rebuild for Electron are exactly better-sqlite3 and pkcs11js', async () => {
    const hook = require(path.join(root, config.beforeBuild));
    expect(hook.nativeProductionModules(root)).toEqual(['better-sqlite3', 'pkcs11js']);
    expect(pkg.nativeModules).toEqual(['better-sqlite3', 'pkcs11js']);
    await expect(hook({ appDir: root, electronVersion: '45.5.0' })).resolves.toBe(true);

    // A new native dependency nobody decided on stops the build.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-pack-'));
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ dependencies: { 'native-thing': '1.0.0' }, nativeModules: [] }),
    );
    fs.mkdirSync(path.join(dir, 'node_modules', 'native-thing'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'node_modules', 'native-thing', 'package.json'),
      '{"name":"native-thing"}',
    );
    fs.writeFileSync(path.join(dir, 'node_modules', 'native-thing', 'binding.gyp'), '{}');
    await expect(hook({ appDir: dir })).rejects.toThrow(/native-thing/);
  });

  it('afterPack: flips the fuses in the packed executable (a stand-in file with a fuse wire)', async () => {
    const hook = require(path.join(root, config.afterPack));
    const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
    for (const platform of ['win32', 'linux']) {
      const appOutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-fuses-'));
      const exe = path.join(appOutDir, platform === 'win32' ? 'BaoCao.exe' : 'baocao');
      // Electron 45's wire: version 1, 8 fuses, as shipped (RunAsNode etc. on, ASAR checks off).
      const wire = Buffer.from([1, 8, ...'11110010'.split('').map((c) => c.charCodeAt(0))]);
      fs.writeFileSync(
        exe,
        Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), wire, Buffer.alloc(4096, 0x90)]),
      );
      await hook({
        appOutDir,
        electronPlatformName: platform,
        arch: 1,
        packager: { appInfo: { productFilename: 'BaoCao' }, executableName: 'baocao' },
      });
      const fuses = await getCurrentFuseWire(exe);
      const on = (o: FuseV1Options) => (fuses as unknown as Record<number, number>)[o] === 49;
      expect(on(FuseV1Options.RunAsNode)).toBe(false);
      expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
      expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
      expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true);
      expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
      expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
      expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
      expect(fs.statSync(exe).size).toBe(8192 + SENTINEL.length + wire.length); // nothing else touched
    }
  });

  it('afterPack refuses an executable without a fuse wire instead of shipping it unfused', async () => {
    const hook = require(path.join(root, config.afterPack));
    const appOutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-fuses-'));
    fs.writeFileSync(path.join(appOutDir, 'BaoCao.exe'), Buffer.alloc(1000));
    await expect(
      hook({
        appOutDir,
        electronPlatformName: 'win32',
        arch: 1,
        packager: { appInfo: { productFilename: 'BaoCao' } },
      }),
    ).rejects.toThrow(/sentinel/);
  });
});

describe('installing needs nothing from the internet', () => {
  it('every package with an install script is reviewed in allowScripts; electron-builder adds none that runs', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const withScripts = Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean }>)
      .filter(([, v]) => v.hasInstallScript)
      .map(([k]) => k.replace(/^.*node_modules\//, ''))
      .sort();
    expect(withScripts).toEqual(Object.keys(pkg.allowScripts).sort());
    // The two that came with electron-builder stay off: a 7-Zip chooser for Squirrel (not used)
    // and a postinstall message.
    expect(pkg.allowScripts['electron-winstaller']).toBe(false);
    expect(pkg.allowScripts['es5-ext']).toBe(false);
  });
});
