import { describe, expect, it } from 'vitest';
import { catalog } from './support/catalog.ts';
import { completeSetup, openFromMenu } from './support/department.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

describe('first run, logout and login in the browser', () => {
  const env = useAppAndBrowser();

  it('sets up an education department, shows its duties, refuses a wrong password', async () => {
    const page = await env.browser.newPage();
    await page.goto(env.app.url);

    // The wizard refuses to go on with required fields empty, naming them.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Tên cơ quan');

    await completeSetup(page, { name: 'Sở Giáo dục và Đào tạo', type: 'so_gddt', abbr: 'sgdđt' });

    const expectedTasks = catalog.tasks.filter((t) => t.appliesTo.includes('so_gddt'));
    const expectedIndicators = catalog.indicators.filter((i) => i.appliesTo.includes('so_gddt'));
    expect(await page.locator('[data-testid="own-tasks"] [data-testid="task"]').count()).toBe(
      expectedTasks.length,
    );
    expect(await page.locator('[data-testid="indicators"] [data-testid="indicator"]').count()).toBe(
      expectedIndicators.length,
    );
    // Sở GD&ĐT is "Cơ quan tổng hợp, theo dõi" of CT10.
    expect(
      await page
        .locator('[data-testid="monitored"] [data-testid="indicator"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))),
    ).toEqual(['CT10']);
    const body = (await page.textContent('main'))!;
    // The education part of the plan is there; the press agencies' own duties are not.
    const schoolTask = catalog.tasks.find((t) => t.part === 'III.2')!;
    expect(body).toContain(schoolTask.text);
    const pressOnly = catalog.tasks.find(
      (t) => t.appliesTo.length === 1 && t.appliesTo[0] === 'bao_ptth_tinh',
    )!;
    expect(body).not.toContain(pressOnly.text);
    expect(body).toContain('Sở Giáo dục và Đào tạo');
    // Half-year/year deadline is shown with days left; no monthly report for a sở.
    const deadlines = await page.getByTestId('duty').allTextContents();
    expect(
      deadlines.some((d) => /Báo cáo (năm|6 tháng đầu năm) \d{4}/.test(d) && /còn \d+ ngày|hôm nay/.test(d)),
    ).toBe(true);
    expect(deadlines.some((d) => d.includes('Báo cáo tháng'))).toBe(false);
    await page.screenshot({ path: screenshotPath('home-so-gddt'), fullPage: false });

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();

    await page.getByLabel('Tên đăng nhập').fill('huongnt');
    await page.getByLabel('Mật khẩu').fill('sai-mật-khẩu');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu');
    await page.screenshot({ path: screenshotPath('login-refused') });

    await page.getByLabel('Mật khẩu').fill('mật-khẩu-đủ-dài');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();

    // A reload keeps the session; the settings page shows what the wizard stored.
    await page.reload();
    await openFromMenu(page, 'Thông tin cơ quan');
    await expect.poll(() => page.getByLabel('Chữ viết tắt').inputValue()).toBe('SGDĐT');
    await page.close();
  });

  it('refuses API calls without the session cookie the one-time address gave the browser', async () => {
    const origin = new URL(env.app.url).origin;
    const res = await fetch(`${origin}/api/home.get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('phiên làm việc');
  });

  it('keeps the token out of the address bar, and a spent address opens nothing', async () => {
    const spent = env.app.url;
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(spent);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(page.url()).not.toContain('token');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'baocao_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await context.close();
    const other = await env.browser.newPage();
    const res = await other.goto(spent);
    expect(res?.status()).toBe(401);
    expect(await other.textContent('h1')).toBe('Chưa mở được BaoCao');
    await other.close();
  });
});
