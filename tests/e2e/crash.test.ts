import { expect, it } from 'vitest';
import { completeSetup, logIn, openFromMenu, waitSaved } from './support/department.ts';
import { launchChromium, startWebApp } from './support/webApp.ts';

it('an edit survives the app being killed right after it was saved', async () => {
  const browser = await launchChromium();
  let app = await startWebApp();
  try {
    let page = await browser.newPage();
    await page.goto(app.url);
    await completeSetup(page, { name: 'UBND phường Kinh Bắc', type: 'ubnd_xa_phuong', abbr: 'UBNDKB' });
    await openFromMenu(page, 'Báo cáo');
    await page.getByTestId('proposal').first().getByRole('button', { name: 'Tạo báo cáo' }).click();
    const field = page.getByLabel('III. Phương hướng, nhiệm vụ kỳ tới');
    await field.fill('Tiếp tục tuyên truyền Nghị quyết 57 trên hệ thống loa truyền thanh cơ sở.');
    await waitSaved(page);

    // SIGKILL: no shutdown hook, no chance to flush anything that was not already durable.
    await app.kill('SIGKILL');
    app = await startWebApp(app.dataDir);

    page = await browser.newPage();
    await page.goto(app.url);
    await logIn(page);
    await openFromMenu(page, 'Báo cáo');
    await page.getByTestId('report-row').first().getByRole('link').first().click();
    await page.getByLabel('III. Phương hướng, nhiệm vụ kỳ tới').waitFor();
    expect(await page.getByLabel('III. Phương hướng, nhiệm vụ kỳ tới').inputValue()).toBe(
      'Tiếp tục tuyên truyền Nghị quyết 57 trên hệ thống loa truyền thanh cơ sở.',
    );
  } finally {
    await browser.close();
    await app.kill();
  }
});
