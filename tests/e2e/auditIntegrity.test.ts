import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, it } from 'vitest';
import { completeSetup, logIn, openFromMenu } from './support/department.ts';
import { launchChromium, screenshotPath, startWebApp } from './support/webApp.ts';

it('the administrator checks the audit chain, and is warned on every page once it was tampered with', async () => {
  const browser = await launchChromium();
  let app = await startWebApp();
  try {
    let page = await browser.newPage();
    await page.goto(app.url);
    await completeSetup(page, { name: 'Sở Tư pháp', type: 'so_ban_nganh', abbr: 'STP' });
    await openFromMenu(page, 'Thông tin cơ quan');
    await page.getByRole('button', { name: 'Kiểm tra toàn vẹn' }).click();
    await expect
      .poll(() => page.getByTestId('audit-result').textContent())
      .toMatch(/^Nhật ký toàn vẹn \(\d+ mục/);
    expect(await page.getByTestId('audit-warning').count()).toBe(0);

    // With the app stopped, someone edits an entry with sqlite3 and puts the guards back.
    await app.kill();
    const db = new Database(path.join(app.dataDir, 'baocao.sqlite'));
    const guards = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .all() as {
      sql: string;
    }[];
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET detail_json = '{}' WHERE seq = 1").run();
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_delete');
    for (const g of guards) db.exec(g.sql);
    db.close();

    app = await startWebApp(app.dataDir);
    page = await browser.newPage();
    await page.goto(app.url);
    await logIn(page);
    const warning = page.getByTestId('audit-warning');
    await expect
      .poll(() => warning.textContent())
      .toContain('nhật ký hoạt động đã bị thay đổi ngoài ứng dụng');
    expect(await warning.textContent()).toContain('mục số 1');
    expect(await warning.textContent()).toContain('Thiết lập ứng dụng');
    await page.screenshot({ path: screenshotPath('audit-warning') });
    await openFromMenu(page, 'Thông tin cơ quan');
    await page.getByRole('button', { name: 'Kiểm tra toàn vẹn' }).click();
    await expect
      .poll(() => page.getByTestId('audit-result').textContent())
      .toContain('Nhật ký không toàn vẹn');
    await page.getByTestId('audit-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('audit-check-broken'), fullPage: true });
  } finally {
    await browser.close();
    await app.kill();
  }
});
