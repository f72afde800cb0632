import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const CLERK = { fullName: 'Nguyễn Thị Hương', username: 'huongnt', password: 'mật-khẩu-đủ-dài' };

/** The first-run wizard, as a department's administrator fills it in. */
export async function completeSetup(page: Page, org: { name: string; type: string; abbr: string }) {
  await expect.poll(() => page.getByRole('heading', { name: 'Thiết lập BaoCao' }).isVisible()).toBe(true);
  await page.getByLabel('Tên cơ quan').fill(org.name);
  await page.getByLabel('Loại cơ quan').selectOption(org.type);
  await page.getByLabel('Chữ viết tắt').fill(org.abbr);
  await page.getByLabel('Số điện thoại').fill('0222 3822 123');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByLabel('Họ và tên').fill(CLERK.fullName);
  await page.getByLabel('Tên đăng nhập').fill(CLERK.username);
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(CLERK.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(CLERK.password);
  await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
  await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();
}

export async function logIn(page: Page, password = CLERK.password) {
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(CLERK.username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Autosave has stored everything typed so far ("Đã lưu lúc 14:05:12"). */
export async function waitSaved(page: Page) {
  await expect
    .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
    .toMatch(/^Đã lưu lúc \d{2}:\d{2}:\d{2}$/);
}

/** Goes to a page through the sidebar, as a person would. */
export async function openFromMenu(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}
