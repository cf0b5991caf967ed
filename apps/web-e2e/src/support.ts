import { expect, type Page } from '@playwright/test';

/** The first admin: playwright.config.ts hands these to the API (ADMIN_USERNAME, ADMIN_PASSWORD). */
export const ADMIN = { username: 'admin', password: 'E2e-Admin-Pass-2025' };

/** Signs in through the sign-in page; the page must already be showing it. */
export async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Opens `path`, signs in when asked, and waits to be back on `path`. */
export async function signIn(page: Page, path = '/chains', user = ADMIN): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await fillSignIn(page, user.username, user.password);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\?')}$`));
}

/** Signs out from the user menu in the header. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '当前用户菜单' }).click();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
}
