import { expect, request as playwrightRequest, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, signIn } from './support';

/**
 * The pipeline in the browser, against the real API: a task-force member of 市能源局 registers a
 * lead, logs a negotiation, drags the card to 对接洽谈 and 项目评估 (each time the form asks for what
 * the gate needs), passes the evaluation, drags the card to 项目签约 with the amount, and sees the
 * column total and the chain's 2025 progress change.
 */

const STAFF = { username: `e2e_staff_${Date.now().toString(36)}`, password: 'E2e-Staff-Pass-2025', displayName: '能源局专班测试员' };
const PROJECT = `e2e高原风电叶片项目${Date.now().toString(36).slice(-4)}`;

/** A signed-in API client: the session cookie and the CSRF header, as the web app sends them. */
async function apiAs(baseURL: string, username: string, password: string) {
  const api = await playwrightRequest.newContext({ baseURL });
  const signedIn = await api.post('/api/auth/sign-in', { data: { username, password } });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  return {
    api,
    post: (path: string, data: object) => api.post(path, { data, headers: { 'X-XSRF-TOKEN': csrf } }),
  };
}

/** The admin creates the staff member (unit 市能源局), who then sets a password of their own. */
async function createStaff(baseURL: string): Promise<void> {
  const admin = await apiAs(baseURL, ADMIN.username, ADMIN.password);
  const units = await (await admin.api.get('/api/units', { params: { name: '市能源局' } })).json();
  expect(units).toHaveLength(1);
  const created = await admin.post('/api/users', {
    username: STAFF.username,
    displayName: STAFF.displayName,
    roles: ['staff'],
    unitId: units[0].id,
    password: 'E2e-Initial-Pass-1',
  });
  expect(created.status(), await created.text()).toBe(201);
  await admin.api.dispose();

  const staff = await apiAs(baseURL, STAFF.username, 'E2e-Initial-Pass-1');
  const changed = await staff.post('/api/auth/password', { currentPassword: 'E2e-Initial-Pass-1', newPassword: STAFF.password });
  expect(changed.ok(), await changed.text()).toBe(true);
  await staff.api.dispose();
}

const column = (page: Page, stage: string) => page.locator(`.column[data-stage="${stage}"]`);
const card = (page: Page, stage: string) => column(page, stage).locator(`crm-board-card[data-project="${PROJECT}"]`);

/** Drags with the mouse in small steps, as the CDK needs to see a drag start and a pointer over the target. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('card or column not visible');
  const x = a.x + a.width / 2;
  const y = a.y + a.height - 8;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 12, y + 12, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + 120, { steps: 20 });
  await page.mouse.move(b.x + b.width / 2, b.y + 124, { steps: 2 });
  await page.mouse.up();
}

test.describe.configure({ timeout: 120_000 });

/** The year of the plan the test server seeds (data, not today's year): the board is opened on it. */
const PLAN_YEAR = 2025;

test('a lead goes from 信息收集 to 项目签约 through the gates, and the board and the seeded year’s progress follow', async ({ page, baseURL }) => {
  await createStaff(baseURL ?? '');
  await signIn(page, `/chains/clean-energy/board?year=${PLAN_YEAR}`, STAFF);

  await expect(page.getByRole('heading', { name: '清洁能源产业链 · 项目看板' })).toBeVisible();
  const signedTitle = column(page, 'signed').locator('.column-title');
  await expect(signedTitle).toBeVisible();
  const signedBefore = Number((await column(page, 'signed').locator('.column-count').textContent())?.trim());
  await expect(page.locator('.measure.signed .figure')).toContainText('/ 140亿元');
  const progressBefore = (await page.locator('.measure.signed .actual').textContent())?.trim();

  // 登记新线索
  await page.getByRole('link', { name: '登记新线索' }).click();
  await expect(page).toHaveURL(/\/projects\/new\?chain=clean-energy$/);
  await page.getByLabel('项目名称').fill(PROJECT);
  await page.getByLabel('投资方名称').fill('东方电气风电股份有限公司');
  await page.locator('nz-select:has(#project-channel)').click();
  await page.locator('nz-option-item').filter({ hasText: '以商招商' }).click();
  await expect(page.locator('nz-select:has(#project-unit)')).toContainText('市能源局');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: PROJECT })).toBeVisible();
  await expect(page.locator('.stage-tag')).toHaveText('信息收集');

  // 登记跟进: a negotiation, in a few seconds
  const activity = page.locator('crm-activity-form');
  await expect(activity.locator('label.ant-radio-button-wrapper-checked')).toHaveText('洽谈');
  await activity.getByLabel('跟进情况').fill('与东方电气洽谈叶片制造项目落地意向，对方拟投资约15亿元。');
  await activity.getByRole('button', { name: '保存跟进记录' }).click();
  await expect(page.locator('crm-project-timeline .entry[data-kind="activity"]')).toContainText('与东方电气洽谈叶片制造项目落地意向');

  // To the board through the chain link
  await page.locator('.facts').getByRole('link', { name: '清洁能源产业链' }).click();
  await expect(page).toHaveURL(/\/chains\/clean-energy\/board$/);
  await expect(card(page, 'lead')).toBeVisible();
  // The board opens on this year; the progress below is the seeded plan's year.
  await page.goto(`/chains/clean-energy/board?year=${PLAN_YEAR}`);
  await expect(card(page, 'lead')).toBeVisible();

  // 信息收集 → 对接洽谈: the form asks for the estimated investment; cancelling moves nothing
  await drag(page, card(page, 'lead'), column(page, 'negotiation'));
  const modal = page.locator('.ant-modal-content');
  await expect(modal).toContainText('推进到“对接洽谈”');
  await expect(modal.locator('nz-form-label')).toHaveText(['计划总投资', '到达该阶段的日期']);
  await modal.getByRole('button', { name: '取消' }).click();
  await expect(modal).toBeHidden();
  await expect(card(page, 'lead')).toBeVisible();

  await drag(page, card(page, 'lead'), column(page, 'negotiation'));
  await expect(modal.locator('nz-form-label')).toHaveText(['计划总投资', '到达该阶段的日期']);
  await modal.getByRole('button', { name: '确认推进' }).click();
  await expect(modal).toContainText('请填写计划总投资');
  await modal.getByLabel('计划总投资').fill('150000');
  await expect(modal).toContainText('15亿元');
  await modal.getByRole('button', { name: '确认推进' }).click();
  await expect(modal).toBeHidden();
  await expect(card(page, 'negotiation')).toBeVisible();

  // 对接洽谈 → 项目评估: only the optional day it was reached; the evaluation record is opened on the way
  await drag(page, card(page, 'negotiation'), column(page, 'evaluation'));
  await expect(modal).toContainText('确认后将同时发起项目评估');
  await expect(modal.locator('nz-form-label')).toHaveText(['到达该阶段的日期']);
  await modal.getByRole('button', { name: '确认推进' }).click();
  await expect(modal).toBeHidden();
  await expect(card(page, 'evaluation')).toBeVisible();

  // Signing is blocked until the evaluation passes
  await drag(page, card(page, 'evaluation'), column(page, 'signed'));
  await expect(modal.locator('.blockers')).toContainText('签约前须有结论为“通过”或“有条件通过”的项目评估');
  await expect(modal.getByRole('button', { name: '确认推进' })).toBeDisabled();
  await modal.getByRole('button', { name: '取消' }).click();

  // 项目评估: six dimensions, the 淘汰类 check, the conclusion
  await card(page, 'evaluation').getByRole('link', { name: PROJECT }).click();
  await page.getByRole('tab', { name: '项目评估' }).click();
  const evaluation = page.locator('crm-evaluation-panel');
  for (const dimension of ['ecology', 'safety', 'energy', 'technology', 'investment-intensity', 'benefit']) {
    const fieldset = evaluation.locator(`fieldset[data-dimension="${dimension}"]`);
    await fieldset.locator('label.ant-radio-button-wrapper').filter({ hasText: '良好' }).click();
    await fieldset.locator('textarea').fill('符合园区规划和准入要求');
  }
  await evaluation.locator('label.ant-radio-wrapper').filter({ hasText: '不属于淘汰类' }).click();
  await evaluation.locator('label.ant-radio-wrapper').filter({ hasText: /^\s*通过\s*$/ }).click();
  await evaluation.getByRole('button', { name: '提交评估结论' }).click();
  // The conclusion cannot be changed once given: asked once more.
  const confirm = page.locator('.ant-popover').filter({ hasText: '评估结论提交后不能更改' });
  await expect(confirm).toContainText('确定提交结论“通过”吗');
  await confirm.getByRole('button', { name: '确定提交' }).click();
  await expect(evaluation.locator('.past[data-conclusion="pass"]')).toContainText('通过');
  await expect(page.locator('crm-stage-steps')).toContainText('进入“项目签约”还需');

  // 项目评估 → 项目签约 on the board (the seeded plan's year), with the amount
  await page.locator('.facts').getByRole('link', { name: '清洁能源产业链' }).click();
  await expect(card(page, 'evaluation')).toBeVisible();
  await page.goto(`/chains/clean-energy/board?year=${PLAN_YEAR}`);
  await expect(card(page, 'evaluation')).toBeVisible();
  await drag(page, card(page, 'evaluation'), column(page, 'signed'));
  await expect(modal.locator('nz-form-label')).toHaveText(['签约金额', '签约日期', '协议编号']);
  await modal.getByLabel('签约金额').fill('120000');
  await modal.getByLabel('签约日期').click();
  await modal.getByLabel('签约日期').fill(`${PLAN_YEAR}-06-18`);
  await modal.getByLabel('签约日期').press('Tab');
  await modal.getByLabel('协议编号').fill(`GEM-E2E-${Date.now().toString(36)}`);
  await modal.getByRole('button', { name: '确认推进' }).click();
  await expect(modal).toBeHidden();
  await expect(card(page, 'signed')).toBeVisible();

  // The column and the chain's 2025 progress count it
  await expect(column(page, 'signed').locator('.column-count')).toHaveText(String(signedBefore + 1));
  if (signedBefore === 0) {
    await expect(column(page, 'signed').locator('.column-amount')).toHaveText('签约 12亿元');
    expect(progressBefore).toBe('0万元');
    await expect(page.locator('.measure.signed .actual')).toHaveText('12亿元');
    // The plan requires "不少于5个" (at least) big projects.
    await expect(page.locator('.measure.big .figure')).toHaveText(/^\s*1 个\s*\/\s*(不少于)?5 个\s*$/);
  } else {
    await expect(page.locator('.measure.signed .actual')).not.toHaveText(progressBefore ?? '');
  }
  await expect(page.locator('.board-totals')).toContainText('已签约');

  // A project the user cannot see does not exist for them.
  await page.goto('/projects/00000000-0000-4000-8000-000000000000');
  await expect(page.getByText('项目不存在或无权查看')).toBeVisible();
});
