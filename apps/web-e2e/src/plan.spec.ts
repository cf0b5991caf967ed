import { expect as baseExpect, test, type Download, type Page } from '@playwright/test';
import { Workbook, type Worksheet } from 'exceljs';
import { readFile } from 'node:fs/promises';
import { ADMIN, apiAs, createUserRecord, fillSignIn } from './support';

/**
 * 年度工作方案 in the browser, against the real API. The office drafts the year after the latest
 * plan from it, changes a chain's signed target, sees the change on 与上年对比 and publishes the
 * draft; a further change to the published plan asks for the 修改原因; the plan goes out to Excel
 * and, edited there, comes back through the import's preview. A leader reads the plan with no
 * edit controls. No year is assumed: the years come from GET /api/plans.
 */

/** The machine is shared by several test runs: give the pages time. */
const expect = baseExpect.configure({ timeout: 15_000 });

const CHAIN = 'clean-energy';
const REASON = '根据市政府常务会议意见调整清洁能源产业链目标';
const IMPORT_REASON = '按专班报送的工作簿调整到位资金目标';

interface Target {
  chainCode: string;
  signedAmount: string;
  signedAtLeast: boolean;
  fundsInPlace: string;
  fundsAtLeast: boolean;
}
interface Person {
  id: number;
  name: string;
}

let office: { username: string; password: string };
let leader: { username: string; password: string };
/** The latest plan's year, and the year the office drafts from it. */
let fromYear = 0;
let year = 0;
let chainName = '';
let source: Target;

/** 万元 → 亿元 as the plan is typed and shown: "1400000.000000" → "140". */
function yi(wan: string | number): string {
  return String(Number(wan) / 10000);
}
const written = (wan: string | number, atLeast: boolean) => `${yi(wan)}亿元${atLeast ? '以上' : ''}`;

/** A message shown at the top of the page (ng-zorro's NzMessageService). */
const notice = (page: Page, text: string) => page.locator('.ant-message-notice', { hasText: text }).first();

async function signIn(page: Page, path: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await fillSignIn(page, user.username, user.password);
  await expect(page).toHaveURL(new RegExp(`${path}$`), { timeout: 20_000 });
}

/** The downloaded workbook's sheet, and the row holding its column headings. */
async function sheetOf(download: Download, name: string): Promise<{ workbook: Workbook; sheet: Worksheet; header: number }> {
  const path = await download.path();
  if (!path) throw new Error('download failed');
  const workbook = new Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  for (let n = 1; n <= 3; n++) {
    if ((sheet.getRow(n).values as unknown[]).includes('产业链')) return { workbook, sheet, header: n };
  }
  throw new Error(`no header row in ${name}`);
}

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async ({ baseURL }) => {
  const tag = Date.now().toString(36);
  const admin = await apiAs(baseURL ?? '', ADMIN.username, ADMIN.password);
  const plans: { year: number; status: string }[] = await admin.get('/api/plans');
  expect(plans.length).toBeGreaterThan(0);
  fromYear = Math.max(...plans.map((p) => p.year));
  year = fromYear + 1;
  const latest: { targets: Target[] } = await admin.get(`/api/plans/${fromYear}`);
  source = latest.targets.find((t) => t.chainCode === CHAIN) as Target;
  expect(source).toBeTruthy();

  const chains: { code: string; nameZh: string; liaisonLeader: Person | null; responsibleLeaders: Person[] }[] =
    await admin.get('/api/chains');
  const chain = chains.find((c) => c.code === CHAIN);
  if (!chain) throw new Error(`no chain ${CHAIN}`);
  chainName = chain.nameZh;
  const person = chain.responsibleLeaders[0] ?? chain.liaisonLeader;
  if (!person) throw new Error('the chain has no leader');

  const o = await createUserRecord(admin, { username: `e2e_plan_office_${tag}`, displayName: '方案维护员', roles: ['office'] });
  const l = await createUserRecord(admin, {
    username: `e2e_plan_leader_${tag}`,
    displayName: person.name,
    roles: ['leader'],
    personId: person.id,
  });
  await o.client.api.dispose();
  await l.client.api.dispose();
  await admin.api.dispose();
  office = o;
  leader = l;
});

test('the office drafts next year’s plan from the latest, changes a target, compares, publishes, and changes it only with a reason', async ({ page }) => {
  const signed = Number(source.signedAmount);
  const changed = signed + 50000; // 5亿元 more
  const changedAgain = changed + 20000;

  await signIn(page, '/chains', office);
  await page.getByRole('navigation', { name: '导航菜单' }).getByRole('link', { name: '年度工作方案' }).click();
  await expect(page).toHaveURL(/\/plan$/);
  await expect(page.getByRole('heading', { name: '年度工作方案', level: 1 })).toBeVisible();
  await expect(page.locator(`tr.plan[data-year="${fromYear}"] .status`)).toHaveText('已发布');
  await expect(page.locator('.draft-hint')).toContainText(`将以${fromYear}年度方案为底稿起草${year}年度方案`);

  // 起草下一年度方案: a copy of the latest plan, as a draft.
  await page.getByRole('button', { name: '起草下一年度方案' }).click();
  await expect(page).toHaveURL(new RegExp(`/plan/${year}$`));
  await expect(notice(page, `已起草${year}年度工作方案`)).toBeVisible();
  await expect(page.getByRole('heading', { name: `${year}年度工作方案` })).toBeVisible();
  await expect(page.locator('crm-page-header .status')).toHaveText('草稿');
  await expect(page.locator('.page-subtitle')).toContainText(`以${fromYear}年度方案为底稿起草`);
  const row = page.locator(`tr.target[data-chain="${CHAIN}"]`);
  await expect(row.locator('.signed')).toHaveText(written(signed, source.signedAtLeast));

  // The chain's signed target, typed in 亿元.
  await row.getByRole('button', { name: '编辑' }).click();
  let dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`编辑${chainName}${year}年工作目标`)).toBeVisible();
  await expect(dialog.getByLabel('签约金额（亿元）')).toHaveValue(yi(signed));
  await expect(dialog.getByText('修改原因')).toHaveCount(0);
  await dialog.getByLabel('签约金额（亿元）').fill(yi(changed));
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(notice(page, `${chainName}工作目标已保存`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row.locator('.signed')).toHaveText(written(changed, source.signedAtLeast));

  // 与上年对比: the change, in words.
  await page.getByRole('tab', { name: '与上年对比' }).click();
  await expect(page.locator('.diff-count')).toContainText(`${year}年方案与${fromYear}年相比共有`);
  const difference = page.locator('tr.difference', { hasText: chainName }).filter({ hasText: '签约金额' });
  await expect(difference).toHaveCount(1);
  await expect(difference.locator('.before')).toHaveText(written(signed, source.signedAtLeast));
  await expect(difference.locator('.after')).toHaveText(written(changed, source.signedAtLeast));

  // 发布.
  await page.getByRole('tab', { name: '工作目标' }).click();
  await expect(page.locator('.pending-problems')).toHaveCount(0);
  await page.locator('crm-page-header').getByRole('button', { name: '发布' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`发布后，${year}年度工作方案即作为驾驶舱、排名和汇总报告的考核依据`)).toBeVisible();
  await dialog.getByRole('button', { name: '发布' }).click();
  await expect(notice(page, `${year}年度工作方案已发布`)).toBeVisible();
  await expect(page.locator('crm-page-header .status')).toHaveText('已发布');
  await expect(page.locator('crm-page-header').getByRole('button', { name: '发布' })).toHaveCount(0);

  // Once published, a change needs its reason.
  await row.getByRole('button', { name: '编辑' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByText('本年度方案已发布，修改将记入审计日志')).toBeVisible();
  await dialog.getByLabel('签约金额（亿元）').fill(yi(changedAgain));
  await expect(dialog.getByRole('button', { name: '保存' })).toBeDisabled();
  await dialog.getByLabel('修改原因').fill(REASON);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(notice(page, `${chainName}工作目标已保存`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row.locator('.signed')).toHaveText(written(changedAgain, source.signedAtLeast));
  await expect(page.locator('.page-subtitle')).toContainText('发布');

  // 导出Excel, edited there (the chain's funds in place), and 从Excel导入 back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
  expect(download.suggestedFilename()).toBe(`${year}年度招商引资工作方案.xlsx`);
  const { workbook, sheet, header } = await sheetOf(download, '工作目标');
  const headings = sheet.getRow(header).values as unknown[];
  const fundsColumn = headings.indexOf('到位资金（万元）');
  const signedColumn = headings.indexOf('签约金额（万元）');
  expect(fundsColumn).toBeGreaterThan(0);
  let chainRow = 0;
  sheet.eachRow((r, n) => {
    if (n > header && r.getCell(1).value === chainName) chainRow = n;
  });
  expect(chainRow).toBeGreaterThan(header);
  expect(Number(sheet.getRow(chainRow).getCell(signedColumn).value)).toBe(changedAgain);
  const funds = Number(sheet.getRow(chainRow).getCell(fundsColumn).value);
  const newFunds = funds + 10000;
  sheet.getRow(chainRow).getCell(fundsColumn).value = newFunds;
  const edited = Buffer.from(await workbook.xlsx.writeBuffer());

  await page.getByRole('button', { name: '从Excel导入' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`从Excel导入${year}年度工作方案`)).toBeVisible();
  await dialog.locator('#plan-import-file').setInputFiles({
    name: `${year}年度招商引资工作方案.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: edited,
  });
  await expect(dialog.locator('.import-count')).toHaveText(`导入后${year}年度方案共有1处变化：`, { timeout: 20_000 });
  const imported = dialog.locator('tr.difference');
  await expect(imported).toHaveCount(1);
  await expect(imported.locator('td')).toHaveText([
    '产业链目标',
    chainName,
    '到位资金',
    written(funds, source.fundsAtLeast),
    written(newFunds, source.fundsAtLeast),
  ]);
  await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await dialog.getByLabel('修改原因').fill(IMPORT_REASON);
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(notice(page, `已导入${year}年度工作方案`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row.locator('.funds')).toHaveText(written(newFunds, source.fundsAtLeast));
  await expect(page.locator('crm-page-header .status')).toHaveText('已发布');
});

test('a leader reads the published plan with no edit controls', async ({ page }) => {
  await signIn(page, '/plan', leader);
  await expect(page.locator(`tr.plan[data-year="${year}"] .status`)).toHaveText('已发布');
  await expect(page.getByRole('button', { name: '起草下一年度方案' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '从Excel导入' })).toHaveCount(0);

  await page.locator(`tr.plan[data-year="${year}"] a.open-plan`).click();
  await expect(page).toHaveURL(new RegExp(`/plan/${year}$`));
  await expect(page.getByRole('heading', { name: `${year}年度工作方案` })).toBeVisible();
  await expect(page.locator(`tr.target[data-chain="${CHAIN}"] .signed`)).toHaveText(
    written(Number(source.signedAmount) + 70000, source.signedAtLeast),
  );
  await expect(page.getByRole('button', { name: '导出Excel' })).toBeVisible();
  await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '发布' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '从Excel导入' })).toHaveCount(0);

  await page.getByRole('tab', { name: /重点任务/ }).click();
  await expect(page.locator('li.task').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '新增重点任务' })).toHaveCount(0);
});
