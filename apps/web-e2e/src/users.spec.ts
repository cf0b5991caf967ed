import { expect, test } from '@playwright/test';
import { fillSignIn, signIn, signOut } from './support';

test('the admin creates a staff account; its user must set a new password, then sees only their pages', async ({ page }) => {
  const username = `e2e${Date.now().toString(36)}`;
  await signIn(page, '/users');
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible();
  await expect(page.locator('tr[data-username="admin"]')).toContainText('本人');

  await page.getByRole('button', { name: '新建用户' }).click();
  const drawer = page.locator('.ant-drawer-content');
  await expect(drawer.getByText('新建用户').first()).toBeVisible();
  await drawer.getByLabel('用户名').fill(username);
  await drawer.getByLabel('姓名').fill('测试专班人员');
  await drawer.getByText('专班工作人员', { exact: true }).click();
  await drawer.locator('button.save').click();
  await expect(drawer.getByText('专班工作人员须选择所属单位')).toBeVisible();

  await drawer.locator('nz-select.unit').click();
  await page.locator('nz-option-item').filter({ hasText: '市能源局' }).first().click();
  await drawer.locator('button.save').click();

  const initial = page.getByTestId('initial-password');
  await expect(initial).toBeVisible();
  const password = (await initial.textContent())?.trim() ?? '';
  expect(password.length).toBeGreaterThanOrEqual(10);
  await page.getByRole('button', { name: '已记下，关闭' }).click();
  // The list is paged by username; other specs' accounts may push the new one past the first page.
  await page.locator('.toolbar input[type="search"]').fill(username);
  const row = page.locator(`tr[data-username="${username}"]`);
  await expect(row).toContainText('测试专班人员');
  await expect(row).toContainText('专班工作人员');
  await expect(row).toContainText('市能源局');

  // The audit trail has the creation, with what was set.
  await page.getByRole('link', { name: '审计日志' }).click();
  const entry = page.locator('tr.entry').first();
  await expect(entry).toContainText('新建');
  await entry.locator('.ant-table-row-expand-icon').click();
  await expect(page.locator('crm-audit-diff-table').first()).toContainText(username);

  await signOut(page);
  await fillSignIn(page, username, password);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByText('请先修改密码')).toBeVisible();
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('Staff-New-Secret-1');
  await page.getByLabel('确认新密码').fill('Staff-New-Secret-1');
  await page.getByRole('button', { name: '确认修改' }).click();
  await expect(page).toHaveURL(/\/chains$/);
  const menu = page.getByRole('navigation', { name: '导航菜单' });
  await expect(menu.getByRole('link')).toHaveText(['产业链总览', '招商图谱', '招商活动', '年度工作方案', '项目库', '企业库', '项目看板', '要素保障', '部门预审', '月度报送', '月通报', '调度会议', '台账导入导出']);

  // A page the role may not open says so, and stays put.
  await page.goto('/users');
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByText('无权访问')).toBeVisible();
});
