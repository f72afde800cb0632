import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  Menu,
  net,
  protocol,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../shared/transport.ts';
import { registerIpc } from './ipc.ts';
import { createLogger } from './services/logging/logger.ts';
import { openServiceHost, type ServiceHost } from './services/serviceHost.ts';
import { installCrashHandlers } from './services/startup/crashHandlers.ts';
import { startServices } from './services/startup/startServices.ts';
import {
  APP_INDEX,
  APP_SCHEME,
  appResponseHeaders,
  isAllowedExternalUrl,
  isAllowedRequest,
  isTrustedUrl,
  resolveAppRequest,
} from './shell/security.ts';
import { startUpdateChecks } from './updater.ts';

// Built into dist-electron/main.cjs; the renderer into dist/renderer/, served as app://baocao/.
const appRoot = path.resolve(__dirname, '..');
const rendererDir = path.join(appRoot, 'dist', 'renderer');

// Before `ready`: our scheme behaves like https (an origin of its own, fetch, a secure context),
// and every renderer is sandboxed whatever a window asks for.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

const log = createLogger({ dir: path.join(app.getPath('userData'), 'logs'), echo: !app.isPackaged });
let host: ServiceHost | undefined;

/** A message box with our buttons; before `ready` only the synchronous error box exists. */
async function ask(title: string, message: string, detail: string, buttons: string[]): Promise<number> {
  if (!app.isReady()) {
    dialog.showErrorBox(title, `${message}\n\n${detail}`);
    return buttons.length - 1;
  }
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title,
    message,
    detail,
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    noLink: true,
  });
  return response;
}

// Nothing fails silently in main: logged, then shown with "Tải lại" / "Thoát".
const crashes = installCrashHandlers(process, {
  log,
  appVersion: app.getVersion(),
  ui: {
    showCrash: async (r) =>
      (['reload', 'copy', 'quit'] as const)[
        await ask('BaoCao', r.title, r.message, ['Tải lại', 'Sao chép chi tiết lỗi', 'Thoát'])
      ] ?? 'quit',
    copy: (text) => clipboard.writeText(text),
    reload: () => {
      const windows = BrowserWindow.getAllWindows();
      for (const w of windows) w.webContents.reload();
      if (windows.length > 0) return;
      // No window to reload: a new one if the services run, else start the app again.
      if (host) createWindow();
      else {
        app.relaunch();
        app.exit(1);
      }
    },
    // Calls in flight finish (within the host's limit) before the store closes and the app exits.
    quit: (code) => {
      const closing = host;
      host = undefined;
      void (closing?.close() ?? Promise.resolve())
        .catch((error: unknown) => log.error('closing the services failed', error))
        .finally(() => app.exit(code));
    },
  },
});

/** Opens an https link in the user's browser; anything else is refused and logged. */
function openExternal(url: string) {
  if (!isAllowedExternalUrl(url)) {
    log.warn('refused to open a link that is not https', { scheme: url.split(':')[0] });
    return;
  }
  // electronegativity: OPEN_EXTERNAL_JS_CHECK is answered by isAllowedExternalUrl just above
  // (https only, no credentials); the links are the ones our pages render with target=_blank.
  // eslint-disable-next-line no-restricted-syntax -- the one place, after the check above
  void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/** Applied to every web contents, including any a bug might create: no navigation away, no popups. */
function guard(contents: WebContents) {
  contents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

function createWindow() {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'BaoCao',
    show: false,
    // Exactly SECURE_WEB_PREFERENCES of shell/security.ts (a test compares them), written out
    // here so that electronegativity can read them.
    webPreferences: {
      // electronegativity: PRELOAD_JS_CHECK — the preload is our own bundled file; under
      // contextIsolation and the sandbox it exposes one ipcRenderer.invoke per contract entry.
      preload: path.join(__dirname, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK
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
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_e, details) => crashes.rendererGone(details));
  void win.loadURL(APP_INDEX);
}

function serveRenderer() {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(request.url, rendererDir);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return new Response('Không tìm thấy', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).href);
    return new Response(response.body, {
      status: 200,
      headers: appResponseHeaders(file, CONTENT_SECURITY_POLICY),
    });
  });
}

function lockDownSession() {
  const s = session.defaultSession;
  s.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url);
    if (!allowed) log.warn('blocked a request to outside the app', { scheme: details.url.split(':')[0] });
    callback({ cancel: !allowed });
  });
  // electronegativity: CSP_GLOBAL_CHECK (low) cannot read a policy built at run time; it is
  // CONTENT_SECURITY_POLICY in shared/transport.ts, also set on every app:// response above.
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
  // "Xuất Word"/"Xuất Excel" download from the renderer; here that becomes a Save dialog that
  // starts in the user's Documents folder with the file name the service chose.
  s.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({
      title: 'Lưu tệp',
      buttonLabel: 'Lưu',
      defaultPath: path.join(app.getPath('documents'), item.getFilename()),
    });
  });
}

function buildMenu() {
  const isMac = process.platform === 'darwin';
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(isMac ? [{ role: 'appMenu' as const }] : []),
      {
        label: 'Tệp',
        submenu: [{ role: isMac ? ('close' as const) : ('quit' as const), label: 'Thoát' }],
      },
      {
        label: 'Chỉnh sửa',
        submenu: [
          { role: 'undo', label: 'Hoàn tác' },
          { role: 'redo', label: 'Làm lại' },
          { type: 'separator' },
          { role: 'cut', label: 'Cắt' },
          { role: 'copy', label: 'Sao chép' },
          { role: 'paste', label: 'Dán' },
          { role: 'selectAll', label: 'Chọn tất cả' },
        ],
      },
      {
        label: 'Xem',
        submenu: [
          { role: 'reload', label: 'Tải lại' },
          { role: 'resetZoom', label: 'Cỡ chữ mặc định' },
          { role: 'zoomIn', label: 'Phóng to' },
          { role: 'zoomOut', label: 'Thu nhỏ' },
          { role: 'togglefullscreen', label: 'Toàn màn hình' },
        ],
      },
    ]),
  );
}

async function start() {
  lockDownSession();
  serveRenderer();
  const nativeBinding = path.join(__dirname, 'native', 'better_sqlite3.node');
  const pkcs11jsDir = path.join(__dirname, 'native', 'pkcs11js');
  // Signing keys from .p12 files are sealed by the OS as well (DPAPI, Keychain, libsecret).
  const secretBox = safeStorage.isEncryptionAvailable()
    ? {
        seal: (bytes: Buffer) => safeStorage.encryptString(bytes.toString('base64')),
        open: (sealed: Buffer) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
      }
    : undefined;
  const updates = startUpdateChecks({
    log: log.child('updater'),
    busyReasons: () => host?.busy.reasons() ?? [],
    serverAddress: () => host?.services.intakeServerUrl() ?? null,
    backupBeforeInstall: async () => {
      await host?.services.backup?.create('before-update');
    },
  });
  const dataDir = app.getPath('userData');
  // A data folder that cannot be used is explained in a dialog ("Sao chép chi tiết lỗi", "Thoát"),
  // never an unhandled rejection with no window.
  host =
    (await startServices({
      dataDir,
      appVersion: app.getVersion(),
      log,
      ui: {
        showFailure: async (f) =>
          (await ask('BaoCao', f.title, f.remedy, ['Sao chép chi tiết lỗi', 'Thoát'])) === 0
            ? 'copy'
            : 'quit',
        copy: (text) => clipboard.writeText(text),
        quit: (code) => app.exit(code),
      },
      open: () =>
        openServiceHost({
          dataDir,
          resourcesDir: app.isPackaged ? process.resourcesPath : path.join(appRoot, 'resources'),
          // Packaged builds rebuild node_modules for Electron; `npm start` uses the side-built copy.
          ...(fs.existsSync(nativeBinding) ? { nativeBinding } : {}),
          ...(secretBox ? { secretBox } : {}),
          ...(fs.existsSync(pkcs11jsDir) ? { pkcs11jsDir } : {}),
          log,
          appVersion: app.getVersion(),
          dailyBackups: true,
          ...(updates ? { updates } : {}),
        }),
    })) ?? undefined;
  if (!host) return;
  registerIpc(host.dispatch);
  buildMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => guard(contents));
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Calls in flight finish (the host waits for them, within a limit) before the store closes.
  let closed = false;
  app.on('will-quit', (e) => {
    if (closed || !host) {
      log.close();
      return;
    }
    e.preventDefault();
    const closing = host;
    host = undefined;
    void closing
      .close()
      .catch((error: unknown) => log.error('closing the services failed', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
