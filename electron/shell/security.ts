import path from 'node:path';

/**
 * The main process's security policy as plain functions, so that tests check them under Node
 * (main.ts only wires them to Electron). Electron's security checklist, point by point:
 * contextIsolation, sandbox, no Node in the renderer (SECURE_WEB_PREFERENCES); a strict CSP on every
 * response of our own scheme (appResponseHeaders); our pages from app://baocao/ instead of file://,
 * so that 'self' means the renderer folder and not the whole disk (resolveAppRequest); navigation,
 * new windows and <webview> denied (isTrustedUrl); no remote content (isAllowedRequest); every
 * permission request denied; IPC only from our own top frame (ipc.ts, with isTrustedUrl);
 * shell.openExternal only for plain https links (isAllowedExternalUrl).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'baocao';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX = `${APP_ORIGIN}/index.html`;

/** Our own pages: app://baocao/… and nothing else (not file://, not another app:// host). */
export function isTrustedUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * What the renderer may load: our scheme, and the in-memory URLs our own pages make (blob: for
 * downloads and previews, data: for inline images). Anything on the network is cancelled even if
 * a CSP mistake would let it through.
 */
export function isAllowedRequest(url: string): boolean {
  if (isTrustedUrl(url)) return true;
  return url.startsWith('blob:app://baocao/') || url.startsWith('data:') || url.startsWith('devtools://');
}

/** Links the user's browser may open: https, a host name, no user:password@, nothing huge. */
export function isAllowedExternalUrl(url: string): boolean {
  if (url.length > 2048) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname.length > 0 && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * The file under `rendererDir` that app://baocao/<path> names, or null for anything outside it
 * (../, encoded ../, another host, a folder). "/" is index.html.
 */
export function resolveAppRequest(url: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(root + path.sep)) return null;
  return file;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export function appResponseHeaders(file: string, csp: string): Record<string, string> {
  return {
    'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

/**
 * The webPreferences every BaoCao window must have, apart from `preload`. main.ts writes them out
 * literally (so that electronegativity can read them); tests/unit/hardening.test.ts checks that
 * every `new BrowserWindow` there carries exactly these.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
  // Middle-click would open a link in a new window without going through the open handler.
  disableBlinkFeatures: 'Auxclick',
} as const;

/** The frame an IPC call came from: only our own page's top frame may call the services. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return Boolean(frame) && frame!.parent === null && isTrustedUrl(frame!.url);
}
