import { expect, request, type Page } from '@playwright/test';

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

/** A signed-in API client: the session cookie and the CSRF header, as the web app sends them. */
export async function apiSignedIn(baseURL: string, username: string, password: string) {
  const api = await request.newContext({ baseURL });
  const signedIn = await api.post('/api/auth/sign-in', { data: { username, password } });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  return {
    api,
    post: (path: string, data: object) => api.post(path, { data, headers: { 'X-XSRF-TOKEN': csrf } }),
  };
}

/**
 * The admin creates a user (of the unit named, if any) with a first password, and the user then
 * sets `user.password`, as the API requires at first sign-in.
 */
export async function createUser(
  baseURL: string,
  user: { username: string; password: string; displayName: string; roles: string[]; unitName?: string },
): Promise<void> {
  const admin = await apiSignedIn(baseURL, ADMIN.username, ADMIN.password);
  let unitId: number | null = null;
  if (user.unitName) {
    const units = await (await admin.api.get('/api/units', { params: { name: user.unitName } })).json();
    expect(units).toHaveLength(1);
    unitId = units[0].id;
  }
  const initial = 'E2e-Initial-Pass-1';
  const created = await admin.post('/api/users', {
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    unitId,
    password: initial,
  });
  expect(created.status(), await created.text()).toBe(201);
  await admin.api.dispose();

  const self = await apiSignedIn(baseURL, user.username, initial);
  const changed = await self.post('/api/auth/password', { currentPassword: initial, newPassword: user.password });
  expect(changed.ok(), await changed.text()).toBe(true);
  await self.api.dispose();
}

/**
 * apiSignedIn with JSON answers checked: get/post/put/patch resolve to the body, failing on an
 * error status. The test server raises the per-client sign-in limit (serve-for-e2e.mjs).
 */
export async function apiAs(baseURL: string, username: string, password: string) {
  const pw = await import('@playwright/test');
  const api = await pw.request.newContext({ baseURL });
  const signedIn = await api.post('/api/auth/sign-in', { data: { username, password } });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const headers = { 'X-XSRF-TOKEN': csrf };
  const send = async (method: 'post' | 'put' | 'patch', path: string, data: object) => {
    const res = await api[method](path, { data, headers });
    const body = await res.text();
    expect(res.ok(), `${method.toUpperCase()} ${path}: ${body}`).toBe(true);
    return body ? JSON.parse(body) : null;
  };
  return {
    api,
    baseURL,
    get: async (path: string, params?: Record<string, string | number>) => {
      const res = await api.get(path, { params });
      expect(res.ok(), `GET ${path}: ${await res.text()}`).toBe(true);
      return res.json();
    },
    post: (path: string, data: object) => send('post', path, data),
    put: (path: string, data: object) => send('put', path, data),
    patch: (path: string, data: object) => send('patch', path, data),
  };
}
export type ApiClient = Awaited<ReturnType<typeof apiAs>>;

export interface NewUserRecord {
  username: string;
  displayName: string;
  roles: string[];
  unitId?: number;
  personId?: number;
}

/**
 * createUser by ids (unitId; personId links a leader to their person record), through an admin's
 * client. The user sets a password of their own; their session stays open in `client`.
 */
export async function createUserRecord(admin: ApiClient, user: NewUserRecord, password = 'E2e-User-Pass-2025') {
  const initial = 'E2e-Initial-Pass-1';
  await admin.post('/api/users', { ...user, password: initial });
  const client = await apiAs(admin.baseURL, user.username, initial);
  await client.post('/api/auth/password', { currentPassword: initial, newPassword: password });
  return { username: user.username, password, client };
}
