import { expect as baseExpect, test, type Page } from '@playwright/test';
import { ADMIN, apiAs, createUserRecord, signIn } from './support';

/**
 * 招商图谱 in the browser: the seeded 2025 map of 清洁能源 (drafted from the plan's words), at a
 * desk (the ECharts tree and the links by tier) and on a 390-pixel phone (the links as a vertical
 * list), drilling into a link for its firms, targets and projects. A member of 市数据局 tags a lead
 * with the 新型储能 link first, so that gap is no longer flagged ⚑.
 */

/** The machine is shared by several test runs: give the pages time. */
const expect = baseExpect.configure({ timeout: 15_000 });
const PATH = '/chain-map/clean-energy/2025';
let project = '';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async ({ baseURL }) => {
  const base = baseURL ?? '';
  const tag = Date.now().toString(36);
  const admin = await apiAs(base, ADMIN.username, ADMIN.password);
  const [unit] = await admin.get('/api/units', { name: '市数据局' });
  const staff = await createUserRecord(admin, { username: `e2e_map_staff_${tag}`, displayName: '能源专班测试员', roles: ['staff'], unitId: unit.id });
  await admin.api.dispose();
  const map = await staff.client.get(`/api/chain-maps/clean-energy/2025`);
  const storage = map.map.links.find((l: { name: string }) => l.name === '新型储能');
  project = `e2e储能系统集成${tag}`;
  await staff.client.post('/api/projects', {
    name: project,
    chain: 'clean-energy',
    investorName: '厦门海辰科技',
    sourceChannel: 'through-firms',
    responsibleUnitId: unit.id,
    chainLinkId: storage.id,
    chainLinkKind: 'strengthen',
  });
  await staff.client.api.dispose();
});

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test('at a desk: the tree, the links by tier with the unled gaps flagged, a link drilled into', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, PATH, ADMIN);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('清洁能源产业链 · 招商图谱');
  await expect(page.locator('.map-chart canvas').first()).toBeVisible();
  const summary = page.locator('.unled-summary');
  await expect(summary).toContainText('氢能');
  await expect(summary).not.toContainText('新型储能');
  await expect(page.locator('section.tier h2')).toHaveText(['上游', '中游', '下游']);
  await page.locator('button.link[data-link="新型储能"]').click();
  const drawer = page.locator('crm-link-detail');
  await expect(drawer.locator('.projects')).toContainText(project);
  await expect(drawer.locator('.projects')).toContainText('强链');
  await expect(drawer.locator('.quote')).toContainText('促进新型储能多元化规模化发展');
  await page.screenshot({ path: 'test-results/web-e2e/chain-map-desk-drawer.png' });
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await page.screenshot({ path: 'test-results/web-e2e/chain-map-desk.png', fullPage: true });
  await expectNoSidewaysScroll(page);

  // The picture as a PNG; on paper the buttons go and the links stay.
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出图片' }).click();
  expect((await png).suggestedFilename()).toBe('2025年清洁能源产业链招商图谱.png');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  await expect(page.locator('button.link[data-link="氢能"]')).toBeVisible();
  await page.screenshot({ path: 'test-results/web-e2e/chain-map-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // Back to the year's maps: every chain's gaps, and the target list as a workbook.
  await page.getByRole('link', { name: '返回列表' }).click();
  await expect(page.locator('nz-card.chain')).toHaveCount(7);
  await expect(page.locator('nz-card.chain[data-chain="clean-energy"] .unled')).toContainText('氢能');
  const xlsx = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出目标方向清单' }).click();
  expect((await xlsx).suggestedFilename()).toBe('2025年招商图谱目标方向清单.xlsx');
});

test.describe('on a 390-pixel phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });

  test('the links as a vertical list, no chart; tapping one lists its firms, targets and projects', async ({ page }) => {
    await signIn(page, PATH, ADMIN);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('清洁能源产业链 · 招商图谱');
    await expect(page.locator('button.link[data-link="电源建设（风电、光伏）"]')).toBeVisible();
    await expect(page.locator('.map-chart')).toHaveCount(0);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: 'test-results/web-e2e/chain-map-phone.png', fullPage: true });

    await page.locator('button.link[data-link="电源建设（风电、光伏）"]').tap();
    const drawer = page.locator('crm-link-detail');
    await expect(drawer.locator('.firms')).toHaveText(/中国华电集团有限公司格尔木分公司\s*链主/);
    await page.keyboard.press('Escape');
    await page.locator('button.link[data-link="氢能"]').tap();
    await expect(drawer.locator('.unled')).toContainText('无在推进项目');
    await expect(drawer).toContainText('暂无目标企业');
    await expect(drawer).toContainText('暂无关联项目');
    await page.screenshot({ path: 'test-results/web-e2e/chain-map-phone-drawer.png' });
  });
});
