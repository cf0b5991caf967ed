import { expect, test } from '@playwright/test';
import { ADMIN, fillSignIn, signOut } from './support';

test('signing in: a wrong password is explained, the right one opens the overview, signing out ends it', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: '产业链招商管理平台' })).toBeVisible();

  await fillSignIn(page, ADMIN.username, 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  // The same words for an unknown user: nothing tells a caller how many tries are left.
  await expect(page.getByRole('alert')).not.toContainText('还可尝试');
  await expect(page).toHaveURL(/\/login$/);

  await fillSignIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/chains$/);
  await expect(page.getByRole('button', { name: '当前用户菜单' })).toContainText('系统管理员');
  const menu = page.getByRole('navigation', { name: '导航菜单' });
  await expect(menu.getByRole('link')).toHaveText([
    '领导驾驶舱',
    '产业链总览',
    '招商图谱',
    '招商活动',
    '年度工作方案',
    '项目库',
    '企业库',
    '项目看板',
    '月度报送',
    '月度汇总报告',
    '月通报',
    '调度会议',
    '台账导入导出',
    '用户管理',
    '审计日志',
  ]);

  await signOut(page);
  // The session is gone on the server too: the app asks to sign in again.
  await page.goto('/users');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fusers$/);
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
});

test('signing in returns to the page that asked for it', async ({ page }) => {
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Faudit$/);
  await fillSignIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
});
