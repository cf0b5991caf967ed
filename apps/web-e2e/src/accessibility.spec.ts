import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN, apiAs, createUserRecord } from './support';

/**
 * WCAG 2.1 AA on the main pages (issue 19 §6), at desk size and on a 390-pixel phone: axe-core
 * finds no serious or critical violation; each page has one <main> and a title of its own, in the
 * interface language. The users sign in through the API once, and the browser reuses their
 * session (the suite signs in often enough as it is).
 */

const expect = baseExpect.configure({ timeout: 20_000 });

const CHAIN = 'culture-tourism';
const SIZES = [
  { name: 'desk', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Who = 'guest' | 'office' | 'staff';
interface MainPage {
  name: string;
  who: Who;
  path: () => string;
}

let projectId = '';
const PAGES: MainPage[] = [
  { name: 'sign-in', who: 'guest', path: () => '/login' },
  { name: 'city cockpit', who: 'office', path: () => '/cockpit?year=2025&month=6' },
  { name: 'chain leader page', who: 'office', path: () => `/cockpit/chains/${CHAIN}?year=2025&month=6` },
  { name: 'project page', who: 'office', path: () => `/projects/${projectId}` },
  { name: 'chain board', who: 'office', path: () => `/chains/${CHAIN}/board` },
  { name: 'submission board', who: 'office', path: () => '/reports' },
  { name: 'project list', who: 'office', path: () => '/projects' },
  { name: 'monthly report', who: 'staff', path: () => '/reports' },
  { name: 'roll-up', who: 'office', path: () => '/roll-ups' },
  { name: 'meetings', who: 'office', path: () => '/meetings' },
];

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const sessions: Partial<Record<Who, StorageState>> = {};

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ baseURL }, info) => {
  info.setTimeout(120_000);
  const base = baseURL ?? '';
  const tag = Date.now().toString(36);
  const admin = await apiAs(base, ADMIN.username, ADMIN.password);
  const chains = await admin.get('/api/chains');
  const unitId: number = chains.find((c: { code: string }) => c.code === CHAIN).responsibleUnits[0].unit.id;
  const staff = await createUserRecord(admin, {
    username: `e2e_a11y_staff_${tag}`,
    displayName: '无障碍检查专班员',
    roles: ['staff'],
    unitId,
  });
  const office = await createUserRecord(admin, {
    username: `e2e_a11y_office_${tag}`,
    displayName: '无障碍检查办公室',
    roles: ['office'],
  });
  await admin.api.dispose();
  const project = await staff.client.post('/api/projects', {
    name: `e2e无障碍检查项目${tag}`,
    chain: CHAIN,
    investorName: '格尔木昆仑文旅投资有限公司',
    sourceChannel: 'through-firms',
    responsibleUnitId: unitId,
    plannedInvestment: '30000',
    major: true,
  });
  projectId = project.id;
  sessions.staff = await staff.client.api.storageState();
  sessions.office = await office.client.api.storageState();
  await staff.client.api.dispose();
  await office.client.api.dispose();
});

async function open(browser: Browser, who: Who, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ storageState: who === 'guest' ? undefined : sessions[who] });
  await context.addInitScript((l) => localStorage.setItem('crm.lang', l), lang);
  return context.newPage();
}

/** The page has drawn its content: its heading is there and no request is still open. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  // Charts draw after the figures; a placeholder may stay where a chart has nothing to show.
  await expect(page.locator('.ant-skeleton')).toHaveCount(0, { timeout: 5_000 }).catch(() => undefined);
}

for (const main of PAGES) {
  test(`${main.name}: no serious or critical WCAG 2.1 AA violation at desk and phone size`, async ({ browser }, info) => {
    const page = await open(browser, main.who);
    const found: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(main.path());
      await settle(page);

      const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        const nodes = v.nodes
          .slice(0, 8)
          .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
          .join('\n');
        found.push(`${size.name} ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes)\n${nodes}`);
      }

      // For a look at the page after the run (test-results/web-e2e/…/<size>.png).
      await page.screenshot({ path: info.outputPath(`${size.name}.png`), fullPage: true });
      const mains = await page.locator('main, [role="main"]').count();
      if (mains !== 1) found.push(`${size.name}: ${mains} main landmarks, not one`);
    }
    expect(found, `${main.name} (${main.path()}):\n${found.join('\n')}`).toEqual([]);
    await page.context().close();
  });
}

test('every main page has a title of its own, in the interface language', async ({ browser }) => {
  const titles = new Map<string, string>();
  const pages: Partial<Record<Who, Page>> = {};
  for (const main of PAGES) {
    const page = (pages[main.who] ??= await open(browser, main.who));
    await page.goto(main.path());
    await settle(page);
    titles.set(main.name, await page.title());
  }
  const all = JSON.stringify(Object.fromEntries(titles), null, 1);
  expect(new Set(titles.values()).size, all).toBe(PAGES.length);
  for (const title of titles.values()) expect(title, all).toMatch(/^\S.* - 产业链招商管理平台$/);
  expect(titles.get('city cockpit')).toBe('领导驾驶舱 - 产业链招商管理平台');
  for (const page of Object.values(pages)) await page.context().close();

  const page = await open(browser, 'office', 'en');
  await page.goto('/cockpit?year=2025&month=6');
  await settle(page);
  await expect(page).toHaveTitle("Leaders' cockpit - Industry-Chain Investment CRM");
  await page.getByText('中文', { exact: true }).click();
  await expect(page).toHaveTitle('领导驾驶舱 - 产业链招商管理平台');
  await page.context().close();
});

test('keyboard focus shows a ring; a mouse click does not', async ({ browser }, info) => {
  const page = await open(browser, 'office');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/projects');
  await settle(page);
  const outline = () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });

  const menuLink = page.locator('nav a[href="/cockpit"]');
  await menuLink.focus();
  await page.keyboard.press('Tab');
  await expect.poll(outline).toBe('solid 2px');
  await page.screenshot({ path: info.outputPath('keyboard-focus.png') });

  await page.getByRole('button', { name: '重置' }).click();
  await expect.poll(outline).not.toMatch(/^solid/);
  await page.context().close();
});
