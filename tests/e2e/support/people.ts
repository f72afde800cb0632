import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openFromMenu } from './department.ts';

export interface Person {
  fullName: string;
  username: string;
  password: string;
}

export const HEAD: Person = { fullName: 'Lê Văn Phó', username: 'levanpho', password: 'mật-khẩu-lãnh-đạo' };
export const VAN_THU: Person = {
  fullName: 'Phạm Thị Thư',
  username: 'phamthithu',
  password: 'mật-khẩu-văn-thư',
};

/** The administrator adds a colleague on "Người dùng", ticking their roles as a person would. */
export async function addUser(
  page: Page,
  p: Person,
  roles: string[],
  head?: { title: string; authority: string },
) {
  await openFromMenu(page, 'Người dùng');
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  const form = page.getByRole('form', { name: 'Thêm người dùng' });
  await form.getByLabel('Họ và tên').fill(p.fullName);
  await form.getByLabel('Tên đăng nhập').fill(p.username);
  // The form starts with Chuyên viên ticked.
  await form.getByLabel('Chuyên viên').uncheck();
  for (const r of roles) await form.getByLabel(r, { exact: true }).check();
  if (head) {
    await form.getByLabel('Chức vụ').fill(head.title);
    await form.getByLabel('Thẩm quyền ký').fill(head.authority);
  }
  await form.getByLabel('Mật khẩu').fill(p.password);
  await form.getByRole('button', { name: 'Thêm người dùng' }).click();
  await page.getByRole('cell', { name: p.fullName, exact: true }).waitFor();
}

/** Another person's browser: a fresh context, logged in with their own account. */
export async function browserOf(browser: Browser, url: string, p: Person): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(p.username);
  await page.getByLabel('Mật khẩu').fill(p.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();
  return page;
}

/**
 * A call through the app's own client from inside the page (what a script in the browser could
 * send): for filling a long report quickly, and for proving the services refuse what the UI hides.
 */
export async function apiFromPage(page: Page, name: string, input: unknown) {
  return page.evaluate(
    async ([n, i]) => {
      // The session cookie travels by itself, as it does for the app's own client.
      const response = await fetch(`/api/${n}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(i),
      });
      return (await response.json()) as {
        ok: boolean;
        value?: unknown;
        error?: { code: string; message: string };
      };
    },
    [name, input] as const,
  );
}

export async function expectInboxItem(page: Page, text: string) {
  await openFromMenu(page, 'Trang chủ');
  const item = page.getByTestId('inbox-item').filter({ hasText: text });
  await expect.poll(() => item.count(), { timeout: 10_000 }).toBeGreaterThan(0);
  return item.first();
}
