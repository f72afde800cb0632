import { app, BrowserWindow, Menu, safeStorage, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../shared/transport.ts';
import { registerIpc } from './ipc.ts';
import { createServices, type Services } from './services/index.ts';
import { startUpdateChecks } from './updater.ts';

// Built into dist-electron/main.cjs; the renderer into dist/renderer/.
const appRoot = path.resolve(__dirname, '..');
const rendererIndex = path.join(appRoot, 'dist', 'renderer', 'index.html');
const rendererDirUrl = pathToFileURL(path.dirname(rendererIndex)).href + '/';
const isTrustedUrl = (url: string) => url.startsWith(rendererDirUrl);

let services: Services | undefined;

function createWindow() {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'BaoCao',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the outside (evidence URLs, the provincial portal) open in the user's browser.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
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

  void app.whenReady().then(() => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    // "Xuất Word"/"Xuất Excel" download from the renderer; here that becomes a Save dialog that
    // starts in the user's Documents folder with the file name the service chose.
    session.defaultSession.on('will-download', (_event, item) => {
      item.setSaveDialogOptions({
        title: 'Lưu tệp',
        buttonLabel: 'Lưu',
        defaultPath: path.join(app.getPath('documents'), item.getFilename()),
      });
    });
    const nativeBinding = path.join(__dirname, 'native', 'better_sqlite3.node');
    const pkcs11jsDir = path.join(__dirname, 'native', 'pkcs11js');
    // Signing keys from .p12 files are sealed by the OS as well (DPAPI, Keychain, libsecret).
    const secretBox = safeStorage.isEncryptionAvailable()
      ? {
          seal: (bytes: Buffer) => safeStorage.encryptString(bytes.toString('base64')),
          open: (sealed: Buffer) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
        }
      : undefined;
    services = createServices({
      ...(secretBox ? { secretBox } : {}),
      ...(fs.existsSync(pkcs11jsDir) ? { pkcs11jsDir } : {}),
      dataDir: app.getPath('userData'),
      resourcesDir: app.isPackaged ? process.resourcesPath : path.join(appRoot, 'resources'),
      // Packaged builds rebuild node_modules for Electron; `npm start` uses the side-built copy.
      ...(fs.existsSync(nativeBinding) ? { nativeBinding } : {}),
    });
    registerIpc(services.dispatch, isTrustedUrl);
    buildMenu();
    createWindow();
    startUpdateChecks();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => services?.close());
}
