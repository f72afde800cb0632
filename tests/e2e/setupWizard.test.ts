import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CLERK } from './support/department.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

/**
 * The first-run wizard marks what it refuses at the field, as every other form does: each field
 * under its message and aria-invalid, the list above the button with a link per field, the first
 * one focused, and a fixed field loses its mark at once. Nothing is sent until both steps pass.
 */

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
const invalid = (l: Locator) => l.getAttribute('aria-invalid');
const messageOf = (page: Page, control: Locator) =>
  page.locator('.field', { has: control }).locator('.field-error').textContent();

describe('the setup wizard', () => {
  const env = useAppAndBrowser();

  it('marks each missing or refused field at the field and in the list, step by step', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(env.app.url);
    await page.getByRole('heading', { name: 'Thiết lập BaoCao' }).waitFor();

    // Step 1 with nothing typed.
    const name = page.getByLabel('Tên cơ quan');
    const type = page.getByLabel('Loại cơ quan');
    const abbr = page.getByLabel('Chữ viết tắt');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await expect.poll(() => invalid(name)).toBe('true');
    expect(await invalid(type)).toBe('true');
    expect(await invalid(abbr)).toBe('true');
    expect(await messageOf(page, name)).toBeTruthy();
    expect(await isFocused(name)).toBe(true);
    const summary = page.getByTestId('form-problems');
    for (const label of ['Tên cơ quan', 'Loại cơ quan', 'Chữ viết tắt'])
      expect(await summary.textContent()).toContain(label);
    expect(await page.getByText('Bước 1/2').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('setup-wizard-step1') });
    await summary.getByRole('button', { name: /Chữ viết tắt/ }).click();
    await expect.poll(() => isFocused(abbr)).toBe(true);

    // A fixed field loses its mark at once; the others keep theirs.
    await name.fill('Sở Khoa học và Công nghệ');
    await expect.poll(() => invalid(name)).not.toBe('true');
    expect(await invalid(abbr)).toBe('true');
    await type.selectOption('so_khcn');
    await abbr.fill('SKHCN');
    await expect.poll(() => summary.count()).toBe(0);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Step 2: empty, then a short password and a confirmation that differs.
    await page.getByText('Bước 2/2').waitFor();
    const fullName = page.getByLabel('Họ và tên');
    const username = page.getByLabel('Tên đăng nhập');
    const password = page.getByRole('textbox', { name: 'Mật khẩu', exact: true });
    const confirm = page.getByLabel('Nhập lại mật khẩu');
    expect(await invalid(fullName)).not.toBe('true');
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await expect.poll(() => invalid(fullName)).toBe('true');
    expect(await invalid(username)).toBe('true');
    expect(await invalid(password)).toBe('true');
    expect(await isFocused(fullName)).toBe(true);
    await fullName.fill(CLERK.fullName);
    await username.fill(CLERK.username);
    await password.fill('ngắn');
    await confirm.fill('khác');
    await expect.poll(() => messageOf(page, confirm)).toBe('Không khớp với mật khẩu ở trên');
    expect(await messageOf(page, password)).toMatch(/8 ký tự/);
    expect(await invalid(fullName)).not.toBe('true');
    await page.screenshot({ path: screenshotPath('setup-wizard-step2') });
    await summary.getByRole('button', { name: /Nhập lại mật khẩu/ }).click();
    await expect.poll(() => isFocused(confirm)).toBe(true);

    // Back and forth: step 1 is as it was left, step 2 unmarked until it is tried again.
    await page.getByRole('button', { name: 'Quay lại' }).click();
    expect(await name.inputValue()).toBe('Sở Khoa học và Công nghệ');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Bước 2/2').waitFor();
    expect(await summary.count()).toBe(0);

    await password.fill(CLERK.password);
    await confirm.fill(CLERK.password);
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();
    await page.close();
  });
});
