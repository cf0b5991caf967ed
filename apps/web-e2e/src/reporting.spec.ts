import { expect, test } from '@playwright/test';
import { createUser, signIn, signOut } from './support';

/**
 * The monthly report in the browser, against the real API: a task-force member of 市能源局 fills in
 * and submits the month's report; the office sees it on the submission board and returns it with
 * a comment; the staff member sees the comment on the report and the notification under the bell.
 */

const suffix = Date.now().toString(36);
const STAFF = { username: `e2e_rep_staff_${suffix}`, password: 'E2e-Staff-Pass-2025', displayName: '能源局月报填报员', roles: ['staff'], unitName: '市能源局' };
const OFFICE = { username: `e2e_rep_office_${suffix}`, password: 'E2e-Office-Pass-2025', displayName: '招商办审核员', roles: ['office'] };
const COMMENT = '请补充本月签约项目的落地进度';

/** The current month in Asia/Shanghai, as the API's periods are written. */
function shanghaiMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

test.describe.configure({ timeout: 120_000 });

test('a unit submits its monthly report, the office returns it, and the unit is told', async ({ page, baseURL }) => {
  await createUser(baseURL ?? '', STAFF);
  await createUser(baseURL ?? '', OFFICE);
  const period = shanghaiMonth();

  // The staff member fills in the month's report: pre-filled figures, three narrative fields.
  await signIn(page, '/reports', STAFF);
  await expect(page.getByRole('heading', { name: '月度报送' })).toBeVisible();
  await expect(page.locator('.page-subtitle')).toContainText('市能源局');
  await expect(page.locator('.state-tag')).toHaveText('草稿');
  await expect(page.locator('.deadline')).toContainText(`报送截止：${period}-25`);
  await expect(page.locator('crm-report-figures nz-card').first()).toBeVisible();

  await page.getByLabel('工作开展情况').fill('本月走访重点企业6家，洽谈光伏组件项目2个。');
  await page.getByLabel('需协调解决的问题').fill('风电项目用地指标需市自然资源局协调。');
  await page.getByLabel('下月工作计划').fill('推进光伏组件项目签约。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('草稿已保存')).toBeVisible();

  await page.getByRole('button', { name: '提交月报' }).click();
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.locator('.state-tag')).toHaveText('已提交');
  await expect(page.locator('.stamp')).toHaveText(/按时报送|逾期报送/);
  await expect(page.locator('textarea[readonly]')).toHaveCount(3);
  await signOut(page);

  // The office sees it on the board and returns it with a comment.
  await signIn(page, '/reports', OFFICE);
  await expect(page.getByRole('heading', { name: '月报报送情况' })).toBeVisible();
  await expect(page.locator('.legend')).toContainText('未报送');
  const cell = page.locator(`tr[data-unit="市能源局"] td[data-period="${period}"]`);
  await expect(cell).toHaveAttribute('data-state', /^(on-time|late)$/);
  await cell.locator('button.open').click();
  const drawer = page.locator('.ant-drawer-content');
  await expect(drawer.locator('.work-done')).toHaveText('本月走访重点企业6家，洽谈光伏组件项目2个。');
  await drawer.getByLabel('退回意见').fill(COMMENT);
  await drawer.getByRole('button', { name: '退回修改' }).click();
  await expect(page.getByText('月报已退回，已通知该单位')).toBeVisible();
  await expect(cell).toHaveAttribute('data-state', 'returned');
  await page.keyboard.press('Escape');
  await signOut(page);

  // The staff member sees the comment, and the notification under the bell.
  await signIn(page, '/reports', STAFF);
  await expect(page.locator('.state-tag')).toHaveText('已退回');
  await expect(page.locator('.state-alert.returned')).toContainText(COMMENT);
  await expect(page.getByRole('button', { name: '重新提交' })).toBeVisible();

  const bell = page.locator('crm-notification-bell button.bell');
  await expect(bell).toHaveAttribute('aria-label', '通知（1 条未读）');
  await bell.click();
  const notice = page.locator('.notice').first();
  await expect(notice.locator('.notice-title')).toHaveText(`${period} 月报被退回修改`);
  await expect(notice.locator('.notice-body')).toHaveText(COMMENT);
  await notice.locator('.notice-main').click();
  await expect(page).toHaveURL(new RegExp(`/reports/${period}$`));
  await expect(bell).toHaveAttribute('aria-label', '通知');
});
