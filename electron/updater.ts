import { app, dialog } from 'electron';
import electronUpdater from 'electron-updater';

/**
 * Updates come from the Sở KH&CN intake server's /updates feed (set in electron-builder's publish
 * config). A department PC is often offline: a failed check is logged, never shown as an error.
 */
export function startUpdateChecks() {
  if (!app.isPackaged) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.on('error', (e) => console.warn('[baocao] update check failed:', e.message));
  autoUpdater.on('update-downloaded', async (info) => {
    const r = await dialog.showMessageBox({
      type: 'info',
      buttons: ['Khởi động lại ngay', 'Để sau'],
      defaultId: 0,
      title: 'Có bản cập nhật BaoCao',
      message: `Phiên bản ${info.version} đã tải xong. Khởi động lại để cập nhật? Dữ liệu đã lưu không bị ảnh hưởng.`,
    });
    if (r.response === 0) autoUpdater.quitAndInstall();
  });
  void autoUpdater.checkForUpdates().catch(() => undefined);
}
