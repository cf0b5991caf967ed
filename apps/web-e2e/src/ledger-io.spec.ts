import { expect, test, type Download, type Page } from '@playwright/test';
import { Workbook, type Worksheet } from 'exceljs';
import { readFile } from 'node:fs/promises';
import { createUser, signIn } from './support';

/**
 * 台账导入导出 in the browser, against the real API: the office's template, a sheet with good and
 * bad rows (the preview lists exactly the bad ones, each by row and column; a new project starts as
 * 信息收集, so a row asking to be signed is refused at the pipeline's gate), the owners (one row
 * names its 项目负责人, the others get the default owner the office chooses for their chain), the
 * commit, the projects in 项目库, and the list exported as filtered and read back; a sheet whose
 * headers differ goes through the column mapping.
 */

const SUFFIX = Date.now().toString(36).slice(-5);
const NAMES = [`e2e导入光伏组件项目${SUFFIX}`, `e2e导入储能电站项目${SUFFIX}`, `e2e导入碳酸锂项目${SUFFIX}`];
const HEADERS = ['序号', '项目名称', '所属产业链', '投资方', '统一社会信用代码', '项目阶段', '责任单位', '计划总投资（亿元）', '签约金额（万元）', '签约日期', '协议编号', '项目负责人'];
/** Staff of the units serving 清洁能源 (市能源局) and 盐湖化工 (昆仑经济技术开发区管委会): the projects' owners. */
const ENERGY_STAFF = { username: `e2e_io_energy_${SUFFIX}`, password: 'E2e-Staff-Pass-2026', displayName: `能源导入员${SUFFIX}`, roles: ['staff'], unitName: '市能源局' };
const SALT_STAFF = { username: `e2e_io_salt_${SUFFIX}`, password: 'E2e-Staff-Pass-2026', displayName: `盐湖导入员${SUFFIX}`, roles: ['staff'], unitName: '昆仑经济技术开发区管委会' };

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('重点项目');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The downloaded file's first sheet. */
async function openDownload(download: Download): Promise<Worksheet> {
  const path = await download.path();
  if (!path) throw new Error('download failed');
  const workbook = new Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

const rowValues = (sheet: Worksheet, n: number): unknown[] => (sheet.getRow(n).values as unknown[]).slice(1);

async function upload(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page
    .locator('nz-upload input[type=file]')
    .setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
}

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ baseURL }) => {
  await createUser(baseURL ?? '', ENERGY_STAFF);
  await createUser(baseURL ?? '', SALT_STAFF);
});

test('template, a mixed sheet whose bad rows the preview names, commit, the list, and its export read back', async ({ page }) => {
  await signIn(page, '/ledger');
  await expect(page.getByRole('heading', { name: '台账导入导出' })).toBeVisible();
  await expect(page.getByText('仅支持 .xlsx 格式，文件不超过 20 MB')).toBeVisible();

  // The template: the header row the import reads.
  const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载项目导入模板' }).click()]);
  expect(templateDownload.suggestedFilename()).toBe('招商项目导入模板.xlsx');
  const template = await openDownload(templateDownload);
  expect(rowValues(template, 1).slice(0, 5)).toEqual(['项目名称', '所属产业链', '投资方', '统一社会信用代码', '项目阶段']);
  expect(rowValues(template, 1)).toContain('计划总投资（万元）');

  // A bad file first: refused with its message, nothing else happens.
  await upload(page, '台账.xlsx', Buffer.from('项目名称,所属产业链\n光伏,清洁能源\n'));
  await expect(page.getByRole('alert')).toContainText('文件不是 Excel 工作簿（.xlsx）');

  // Each date in the sheet is a past day of this year's calendar, whatever the year the test runs.
  const year = new Date().getFullYear();
  const sheet = await xlsx([
    HEADERS,
    [1, NAMES[0], '清洁能源产业链', 'e2e导入新能源有限公司', '', '信息收集', '市能源局', 1.5, '', '', '', ''],
    [2, `e2e导入未知链项目${SUFFIX}`, '新材料产业链', '某公司', '', '信息收集', '市能源局', '', '', '', '', ''],
    [3, NAMES[1], '清洁能源', 'e2e导入储能有限公司', '', '信息收集', '市能源局', '', '', '', '', ''],
    [4, `e2e导入金额项目${SUFFIX}`, '清洁能源', '某公司', '', '信息收集', '市能源局', '约三亿', '', '', '', ''],
    [5, `e2e导入阶段项目${SUFFIX}`, '清洁能源', '某公司', '', '立项', '市能源局', '', '', '', '', ''],
    [6, NAMES[2], '盐湖化工', 'e2e导入锂业有限公司', '', '信息收集', '昆仑经济技术开发区管委会', 3, '', '', '', SALT_STAFF.username],
    [7, `e2e导入签约项目${SUFFIX}`, '盐湖化工', '某锂业公司', '', '项目签约', '昆仑经济技术开发区管委会', 3, '30,000万元', `${year}年1月2日`, `E2E-XY-${SUFFIX}`, SALT_STAFF.username],
  ]);
  await upload(page, '重点项目动态管理表.xlsx', sheet);

  await expect(page.locator('crm-import-preview .summary')).toContainText('重点项目动态管理表.xlsx（工作表：重点项目）');
  await expect(page.locator('[data-count="create"]')).toHaveText('新增 3');
  await expect(page.locator('[data-count="error"]')).toHaveText('有误 4');
  // 序号 is a column no sheet imports: not offered for mapping.
  await expect(page.getByText('以下列未导入')).toHaveCount(0);
  await expect(page.locator('tr[data-row="2"]')).toContainText('将新建');
  // Said up front: the new projects of rows 2 and 4 name no owner.
  await expect(page.locator('crm-import-preview nz-alert').filter({ hasText: '未填写项目负责人' })).toContainText('清洁能源产业链（第2、4行）');

  await page.locator('label[nz-radio-button]', { hasText: '仅看有误' }).click();
  const errorRows = page.locator('crm-import-preview tbody tr[data-row]');
  await expect(errorRows).toHaveCount(4);
  await expect(errorRows.nth(0)).toHaveAttribute('data-row', '3');
  await expect(errorRows.nth(0)).toContainText(`e2e导入未知链项目${SUFFIX}`);
  await expect(errorRows.nth(0)).toContainText('第3行 C列“所属产业链”：产业链“新材料产业链”不存在');
  await expect(errorRows.nth(1)).toHaveAttribute('data-row', '5');
  await expect(errorRows.nth(1)).toContainText('第5行 H列“计划总投资（亿元）”：金额不是数字');
  await expect(errorRows.nth(2)).toHaveAttribute('data-row', '6');
  await expect(errorRows.nth(2)).toContainText('第6行 F列“项目阶段”：项目阶段“立项”不是七个环节之一');
  // A new project cannot be signed by the sheet alone: the pipeline's gate asks for its records.
  await expect(errorRows.nth(3)).toHaveAttribute('data-row', '8');
  await expect(errorRows.nth(3)).toContainText('请至少登记一次对接');
  await expect(errorRows.nth(3)).toContainText('请先发起项目评估');

  // The office serves no chain: asked for the default owner of 清洁能源's new projects, it chooses one of the chain's staff.
  const confirm = page.getByRole('button', { name: '确认导入（新增 3 条，更新 0 条）' });
  await confirm.click();
  const choice = page.locator('crm-owner-choice');
  await expect(choice.getByRole('heading', { name: '请为未填写项目负责人的新项目选择负责人' })).toBeVisible();
  const energy = choice.locator('[data-chain="clean-energy"]');
  await expect(energy).toContainText('清洁能源产业链：第2、4行');
  await expect(energy).toContainText('尚未选择：第2、4行的新项目还没有负责人。');
  await expect(page.getByRole('alert').filter({ hasText: '导入未完成' })).toContainText('请为每条产业链选择默认负责人后再确认导入');
  // 盐湖化工's rows name their owner: no choice asked.
  await expect(choice.locator('[data-chain]')).toHaveCount(1);
  await energy.locator('nz-select').click();
  await page.locator('nz-option-item', { hasText: ENERGY_STAFF.displayName }).click();
  await expect(energy).toContainText(`第2、4行的新项目将由 ${ENERGY_STAFF.displayName} 负责。`);

  await confirm.click();
  await expect(page.getByText('导入完成')).toBeVisible();
  await expect(page.getByText('新增 3 条，更新 0 条，跳过 0 条；有误未导入 4 行。')).toBeVisible();

  // The same file again changes nothing: every good row is skipped.
  await page.getByRole('button', { name: '继续导入' }).click();
  await upload(page, '重点项目动态管理表.xlsx', sheet);
  await expect(page.locator('[data-count="skip"]')).toHaveText('跳过 3');
  await expect(page.locator('[data-count="create"]')).toHaveText('新增 0');
  await expect(page.getByRole('button', { name: /确认导入/ })).toBeDisabled();

  // The projects are in 项目库.
  await page.goto(`/projects?q=${encodeURIComponent(`e2e导入`)}`);
  for (const name of NAMES) await expect(page.locator(`tr[data-project="${name}"]`)).toBeVisible();
  await expect(page.getByText('共 3 个项目符合条件')).toBeVisible();

  // Export the list as filtered, and read it back.
  const [listDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出Excel' }).click()]);
  expect(listDownload.suggestedFilename()).toBe('招商项目.xlsx');
  const exported = await openDownload(listDownload);
  const headers = rowValues(exported, 1);
  expect(headers.slice(0, 3)).toEqual(['序号', '项目名称', '所属产业链']);
  const col = (h: string) => headers.indexOf(h);
  const data = Array.from({ length: exported.rowCount - 1 }, (_, i) => rowValues(exported, i + 2));
  expect(data.map((r) => r[col('项目名称')]).sort()).toEqual([...NAMES].sort());
  const byName = new Map(data.map((r) => [r[col('项目名称')], r]));
  expect(byName.get(NAMES[0])?.[col('计划总投资（万元）')]).toBe(15000);
  expect(byName.get(NAMES[2])?.[col('计划总投资（万元）')]).toBe(30000);
  for (const name of NAMES) expect(byName.get(name)?.[col('项目阶段')]).toBe('信息收集');
  // The owners: the default chosen for 清洁能源, the one the row names for 盐湖化工.
  expect(byName.get(NAMES[0])?.[col('项目负责人')]).toBe(ENERGY_STAFF.displayName);
  expect(byName.get(NAMES[1])?.[col('项目负责人')]).toBe(ENERGY_STAFF.displayName);
  expect(byName.get(NAMES[2])?.[col('项目负责人')]).toBe(SALT_STAFF.displayName);

  // The ready exports: the key-project table.
  await page.goto('/ledger');
  const [keyDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('li[data-export="key-projects"]').getByRole('button', { name: '导出' }).click(),
  ]);
  expect(keyDownload.suggestedFilename()).toMatch(/年招商引资重点项目动态管理表\.xlsx$/);
  const keyTable = await openDownload(keyDownload);
  expect(String(rowValues(keyTable, 1)[0])).toContain('重点项目动态管理表');
});

test('a sheet whose headers differ goes through the column mapping', async ({ page }) => {
  await signIn(page, '/ledger');
  const name = `e2e映射导入项目${SUFFIX}`;
  const sheet = await xlsx([
    ['项目', '专班', '投资主体', '环节', '牵头单位', '对接人', '负责人'],
    [name, '清洁能源', 'e2e映射投资有限公司', '信息收集', '市能源局', '张三', ENERGY_STAFF.username],
  ]);
  await upload(page, '专班台账.xlsx', sheet);

  const form = page.locator('crm-column-mapping-form');
  await expect(form).toBeVisible();
  await expect(form.getByRole('alert')).toContainText('尚未指定必填字段：项目阶段');
  await expect(form.getByRole('button', { name: '按此映射重新读取' })).toBeDisabled();

  await form.locator('tr[data-header="环节"] nz-select').click();
  await page.locator('nz-option-item[title="项目阶段 *"]').click();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: '按此映射重新读取' }).click();

  await expect(page.locator('[data-count="create"]')).toHaveText('新增 1');
  await expect(page.getByText('以下列未导入：对接人')).toBeVisible();
  await page.getByRole('button', { name: '确认导入（新增 1 条，更新 0 条）' }).click();
  await expect(page.getByText('导入完成')).toBeVisible();
});
