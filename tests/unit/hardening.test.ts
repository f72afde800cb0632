import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX,
  SECURE_WEB_PREFERENCES,
  isAllowedExternalUrl,
  isAllowedRequest,
  isTrustedSender,
  isTrustedUrl,
  resolveAppRequest,
} from '../../electron/shell/security.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/transport.ts';

const root = path.resolve(import.meta.dirname, '../..');
const mainSource = fs.readFileSync(path.join(root, 'electron/main.ts'), 'utf8');

/** The object literals passed as webPreferences to every `new BrowserWindow` in main.ts. */
function webPreferencesOfWindows(source: string) {
  const file = ts.createSourceFile('main.ts', source, ts.ScriptTarget.Latest, true);
  const found: Record<string, unknown>[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow') {
      const options = node.arguments?.[0];
      if (!options || !ts.isObjectLiteralExpression(options))
        throw new Error('BrowserWindow without literal options');
      const prefs = options.properties.find((p) => p.name?.getText() === 'webPreferences');
      if (!prefs || !ts.isPropertyAssignment(prefs) || !ts.isObjectLiteralExpression(prefs.initializer)) {
        throw new Error('BrowserWindow without a literal webPreferences');
      }
      const out: Record<string, unknown> = {};
      for (const p of prefs.initializer.properties) {
        if (!ts.isPropertyAssignment(p))
          throw new Error(`webPreferences: ${p.getText()} is not a plain property`);
        const v = p.initializer;
        out[p.name.getText()] =
          v.kind === ts.SyntaxKind.TrueKeyword
            ? true
            : v.kind === ts.SyntaxKind.FalseKeyword
              ? false
              : ts.isStringLiteral(v)
                ? v.text
                : v.getText();
      }
      found.push(out);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('Electron security checklist', () => {
  it('every window: context isolation, sandbox, no Node, no webview, our preload only', () => {
    const windows = webPreferencesOfWindows(mainSource);
    expect(windows.length).toBeGreaterThan(0);
    for (const prefs of windows) {
      const { preload, ...rest } = prefs;
      expect(rest).toEqual(SECURE_WEB_PREFERENCES);
      expect(preload).toBe("path.join(__dirname, 'preload.cjs')");
    }
  });

  it('the page is ours: app://baocao/ only, never a file on disk or a remote address', () => {
    expect(mainSource).toContain('win.loadURL(APP_INDEX)');
    expect(APP_INDEX).toBe('app://baocao/index.html');
    for (const ok of ['app://baocao/', 'app://baocao/index.html#/reports/1', 'app://baocao/assets/x.js'])
      expect(isTrustedUrl(ok), ok).toBe(true);
    for (const bad of [
      'file:///C:/Users/a/dist/renderer/index.html',
      'https://baocao/',
      'app://other/index.html',
      'app://baocao.evil.com/',
      'javascript:alert(1)',
      'không phải URL',
    ])
      expect(isTrustedUrl(bad), bad).toBe(false);
  });

  it('app:// serves only files inside the renderer folder', () => {
    const dir = path.join(root, 'dist', 'renderer');
    expect(resolveAppRequest('app://baocao/', dir)).toBe(path.join(dir, 'index.html'));
    expect(resolveAppRequest('app://baocao/assets/index-abc.js', dir)).toBe(
      path.join(dir, 'assets', 'index-abc.js'),
    );
    // The URL parser already folds plain ../ away: it stays inside the folder.
    expect(resolveAppRequest('app://baocao/../../package.json', dir)).toBe(path.join(dir, 'package.json'));
    for (const hostile of [
      'app://baocao/%2e%2e/%2e%2e/package.json',
      'app://baocao/.%2e/.%2e/package.json',
    ]) {
      const r = resolveAppRequest(hostile, dir);
      expect(r === null || r.startsWith(dir + path.sep), hostile).toBe(true);
    }
    // Slashes hidden from the URL parser would climb out once decoded: refused.
    for (const bad of [
      'app://baocao/..%2f..%2fpackage.json',
      'app://baocao/..%5c..%5cpackage.json',
      'app://baocao/%00.js',
      'app://baocao/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
    ])
      expect(resolveAppRequest(bad, dir), bad).toBeNull();
  });

  it('no remote content: only our scheme and the in-memory URLs our pages make are fetched', () => {
    expect(mainSource).toMatch(/onBeforeRequest\([^]*isAllowedRequest\(details\.url\)[^]*cancel: !allowed/);
    expect(isAllowedRequest('app://baocao/assets/a.css')).toBe(true);
    expect(isAllowedRequest('blob:app://baocao/5f0c-…')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,iVBOR')).toBe(true);
    for (const bad of [
      'https://fonts.googleapis.com/css',
      'http://127.0.0.1:5180/api/x',
      'file:///etc/hosts',
      'ws://x',
    ])
      expect(isAllowedRequest(bad), bad).toBe(false);
  });

  it('navigation, redirects, new windows and <webview> are refused for every web contents', () => {
    expect(mainSource).toMatch(/app\.on\('web-contents-created', \(_e, contents\) => guard\(contents\)\)/);
    expect(mainSource).toMatch(
      /'will-navigate', \(e, url\) => \{\s*if \(!isTrustedUrl\(url\)\) e\.preventDefault\(\);/,
    );
    expect(mainSource).toMatch(
      /'will-redirect', \(e, url\) => \{\s*if \(!isTrustedUrl\(url\)\) e\.preventDefault\(\);/,
    );
    expect(mainSource).toMatch(/'will-attach-webview', \(e\) => e\.preventDefault\(\)/);
    expect(mainSource).toMatch(/setWindowOpenHandler\([^]*?return \{ action: 'deny' \};/);
  });

  it('every permission request and check is denied; every renderer is sandboxed', () => {
    expect(mainSource).toContain(
      'setPermissionRequestHandler((_wc, _permission, callback) => callback(false))',
    );
    expect(mainSource).toContain('setPermissionCheckHandler(() => false)');
    expect(mainSource).toContain('setDevicePermissionHandler(() => false)');
    expect(mainSource).toContain('app.enableSandbox()');
  });

  it('shell.openExternal only for https links without credentials', () => {
    expect(mainSource.match(/shell\.openExternal\(/g)).toHaveLength(1);
    expect(mainSource).toMatch(
      /if \(!isAllowedExternalUrl\(url\)\) \{[^]*?return;[^]*?shell\.openExternal\(url\)/,
    );
    expect(isAllowedExternalUrl('https://bacninh.gov.vn/van-ban/34-kh-ubnd')).toBe(true);
    for (const bad of [
      'http://bacninh.gov.vn/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'https://user:pass@bacninh.gov.vn/',
      `https://bacninh.gov.vn/${'a'.repeat(3000)}`,
      'ms-msdt:/id PCWDiagnostic',
    ])
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
  });

  it('IPC answers only our own top frame', () => {
    expect(isTrustedSender({ url: 'app://baocao/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://baocao/index.html', parent: {} })).toBe(false); // an iframe
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    const ipc = fs.readFileSync(path.join(root, 'electron/ipc.ts'), 'utf8');
    expect(ipc).toMatch(/if \(!isTrustedSender\(event\.senderFrame\)\) \{\s*return \{ ok: false/);
  });

  it('the CSP allows no remote or inline script and no plugins, frames or forms elsewhere', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('the lint rules catch a window that turns any of it off', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(
      [
        "import { BrowserWindow, shell } from 'electron';",
        'export const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webviewTag: true } });',
        "void shell.openExternal('file:///etc/passwd');",
        "void w.loadURL('https://example.com');",
        "void w.loadFile('index.html');",
        '',
      ].join('\n'),
      { filePath: path.join(root, 'electron/probe.ts') },
    );
    const hits = result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
    expect(hits).toHaveLength(6);
  });
});
