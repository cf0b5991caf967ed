import { expect as baseExpect, test, type Page } from '@playwright/test';
import {
  ADMIN,
  apiAs,
  createUserRecord,
  fillSignIn,
  type ApiClient,
} from './support';

/**
 * 领导驾驶舱 in the browser, at desk and phone size (the `phone` project runs this file at
 * 390×844). A task-force member of a 文化旅游 unit signs a project through the API; the office sees
 * the seven chains with the figures the API computed, drills into the projects behind a figure and
 * into the chain's leader page; a leader sees only the chains they lead and writes a 批示.
 */

/** The machine is shared by several test runs: give the pages time. */
const expect = baseExpect.configure({ timeout: 15_000 });

const CHAIN = 'culture-tourism';
const DIMENSIONS = [
  'ecology',
  'safety',
  'energy',
  'technology',
  'investment-intensity',
  'benefit',
];

interface Fixture {
  office: { username: string; password: string };
  officeApi: ApiClient;
  leader: { username: string; password: string };
  ledChains: string[];
  project: { id: string; name: string };
}
let fx: Fixture;

/** 万元 as the cockpit shows it, computed here independently: 亿元 from 1亿 on, two decimals at most. */
function wan(value: string): string {
  const n = Number(value);
  const [amount, unit] =
    Math.abs(n) >= 10000 ? [n / 10000, '亿元'] : [n, '万元'];
  return `${amount.toFixed(2).replace(/\.?0+$/, '')}${unit}`;
}

/** The page fits the screen: nothing wider than the viewport but what scrolls inside its card. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const scrollWidth = await page.evaluate(
    () => document.documentElement.scrollWidth,
  );
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

/** Opens `path`, signs in, and waits (generously: the machine is shared) to be back on it. */
async function signIn(
  page: Page,
  path: string,
  user: { username: string; password: string },
): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await fillSignIn(page, user.username, user.password);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\?')}$`), {
    timeout: 20_000,
  });
}

/** The link to a chain's leader page: in the table's row at a desk, on the chain's card on a phone. */
function chainLink(page: Page, chain: string) {
  return page
    .locator(
      `[data-chain="${chain}"] :is(.chain-name a, a.chain-link) >> visible=true`,
    )
    .first();
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async ({ baseURL }, info) => {
  const base = baseURL ?? '';
  const tag = `${info.project.name.slice(0, 1)}${Date.now().toString(36)}`;
  const admin = await apiAs(base, ADMIN.username, ADMIN.password);
  const chains = await admin.get('/api/chains');
  const chain = chains.find((c: { code: string }) => c.code === CHAIN);
  const person = chain.responsibleLeaders[0] ?? chain.liaisonLeader;
  const unitId: number = chain.responsibleUnits[0].unit.id;

  const staff = await createUserRecord(admin, {
    username: `e2e_ck_staff_${tag}`,
    displayName: '文旅专班测试员',
    roles: ['staff'],
    unitId,
  });
  const office = await createUserRecord(admin, {
    username: `e2e_ck_office_${tag}`,
    displayName: '办公室测试员',
    roles: ['office'],
  });
  const leader = await createUserRecord(admin, {
    username: `e2e_ck_leader_${tag}`,
    displayName: person.name,
    roles: ['leader'],
    personId: person.id,
  });
  await admin.api.dispose();
  const ledChains: string[] = (await leader.client.get('/api/auth/me'))
    .chainCodes;
  await leader.client.api.dispose();

  // A project signed in June 2025 with funds in place, through the gates.
  const s = staff.client;
  const name = `e2e昆仑文旅综合体${tag}`;
  const created = await s.post('/api/projects', {
    name,
    chain: CHAIN,
    investorName: '格尔木昆仑文旅投资有限公司',
    sourceChannel: 'through-firms',
    responsibleUnitId: unitId,
    plannedInvestment: '30000',
    major: true,
  });
  const path = `/api/projects/${created.id}`;
  await s.post(`${path}/activities`, {
    kind: 'negotiation',
    occurredOn: '2025-06-01',
    summary: '与投资方洽谈文旅综合体落地。',
  });
  const evaluation = await s.post(`${path}/evaluations`, {
    dimensions: DIMENSIONS.map((dimension) => ({
      dimension,
      rating: 'favourable',
      note: '符合要求',
    })),
    eliminatedCategory: false,
  });
  await s.post(`${path}/evaluations/${evaluation.id}/conclusion`, {
    conclusion: 'pass',
    concludedOn: '2025-06-10',
    version: evaluation.version,
  });
  const detail = await s.get(path);
  await s.post(`${path}/stage-moves`, {
    to: 'signed',
    version: detail.project.version,
    signedAmount: '25000',
    signedOn: '2025-06-18',
    agreementRef: `WL-${tag}`,
  });
  await s.post(`${path}/fund-arrivals`, { month: '2025-06', amount: '3000' });
  await s.api.dispose();

  fx = {
    office,
    officeApi: office.client,
    leader,
    ledChains,
    project: { id: created.id, name },
  };
});

test.afterAll(async () => {
  await fx?.officeApi.api.dispose();
});

test('the office sees the seven chains against their targets and drills into the projects behind a figure', async ({
  page,
}) => {
  const view = await fx.officeApi.get('/api/cockpit', { year: 2025, month: 6 });
  const figures = view.chains.find(
    (c: { chain: { code: string } }) => c.chain.code === CHAIN,
  );

  await signIn(page, '/cockpit?year=2025&month=6', fx.office);
  await expect(
    page.getByRole('heading', { name: '领导驾驶舱', level: 1 }),
  ).toBeVisible();
  await expect(page.locator('.subtitle')).toHaveText(
    /2025年1—6月累计 · 全市7条产业链/,
  );
  await expect(page.locator('.chain-table tbody tr[data-chain]')).toHaveCount(
    7,
  );
  await expect(page.locator('.city-targets')).toContainText('签约额 220亿元');
  // The feature's own icons are drawn (the cockpit route's icon patch is not hidden by the shell's).
  await expect(page.getByRole('button', { name: '打印' }).locator('svg')).toHaveCount(1);
  await expect(page.locator('.city-targets')).toContainText('到位资金 100亿元');

  const row = page.locator(`.chain-table tr[data-chain="${CHAIN}"]`);
  await expect(row.locator('.signed .actual')).toHaveText(
    wan(figures.signedAmount.actual),
  );
  await expect(row.locator('.funds .actual')).toHaveText(
    wan(figures.fundsInPlace.actual),
  );
  if (figures.signedAmount.target) {
    // Written as the plan marks it: "3亿元以上" where the target is "at least".
    await expect(row.locator('.signed .target')).toHaveText(
      `/ ${wan(figures.signedAmount.target)}${figures.target?.signedAtLeast ? '以上' : ''}`,
    );
    await expect(row.locator('.signed .rate')).toHaveText(
      `完成 ${Number(figures.signedAmount.rate)}%`,
    );
    await expect(row.locator('.signed .pace')).toHaveText(
      Number(figures.signedAmount.gap) < 0 ? /^落后序时/ : /^超序时/,
    );
  }
  await expect(page.locator('.ranking .formula')).toContainText(
    '得分 = 签约额完成率 × 40%',
  );
  await expect(page.locator('.ranking-table tbody tr[data-chain]')).toHaveCount(
    7,
  );
  // ECharts arrives in its own chunk and draws both trends in SVG.
  await expect(page.locator('.trend crm-chart svg')).toHaveCount(2);
  await expectNoSidewaysScroll(page);
  // Printed: the page alone, without the shell's header and menu or the page's buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.locator('.app-sider')).toBeHidden();
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  await expect(row.locator('.signed .actual')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // The projects behind the chain's signed amount (the table's row at a desk, the chain's card on a phone)
  await page.locator(`[data-chain="${CHAIN}"] .signed a.actual >> visible=true`).first().click();
  await expect(page).toHaveURL(new RegExp(`/projects\\?chain=${CHAIN}&`));
  await expect(page.getByRole('link', { name: fx.project.name })).toBeVisible();
  await expect(page.locator('.cockpit-scope')).toContainText('驾驶舱条件');
  await expectNoSidewaysScroll(page);

  // The chain's leader page
  await page.goBack();
  await chainLink(page, CHAIN).click();
  await expect(page).toHaveURL(
    new RegExp(`/cockpit/chains/${CHAIN}\\?year=2025&month=6$`),
  );
  await expect(
    page.getByRole('heading', { name: '文化旅游产业链 · 领导页' }),
  ).toBeVisible();
  await expect(
    page.locator('.major .project-row').filter({ hasText: fx.project.name }),
  ).toBeVisible();
  const signedStage = page.locator(
    '.stage-table tr[data-stage="signed"] a.count',
  );
  expect(Number(await signedStage.textContent())).toBeGreaterThanOrEqual(1);
  await expect(page.locator('.pipeline crm-chart svg')).toHaveCount(1);
  await expectNoSidewaysScroll(page);

  // The projects at 项目签约 from the funnel table
  await signedStage.click();
  await expect(page).toHaveURL(/\/projects\?.*stage=signed/);
  await expect(page.getByRole('link', { name: fx.project.name })).toBeVisible();

  // The office's alert settings
  await page.goto('/cockpit?year=2025&month=6');
  await page.getByRole('button', { name: '预警设置' }).click();
  const drawer = page.locator('.ant-drawer-content');
  await expect(drawer.locator('nz-input-number')).toHaveCount(4);
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('预警设置已保存')).toBeVisible();
});

/** 万元 from a figure as shown ("2.5亿元", "3,000万元", "0万元"). */
function wanOf(text: string): number {
  const m = /(-?[\d,.]+)\s*(亿元|万元)/.exec(text);
  if (!m) throw new Error(`no amount in "${text}"`);
  const n = Number(m[1].replace(/,/g, ''));
  return m[2] === '亿元' ? Math.round(n * 10000 * 100) / 100 : n;
}

test('every figure of every chain is on the screen, and each drill-down’s total equals the figure tapped', async ({ page }) => {
  const view = await fx.officeApi.get('/api/cockpit', { year: 2025, month: 6 });
  await signIn(page, '/cockpit?year=2025&month=6', fx.office);
  const width = page.viewportSize()?.width ?? 0;
  // The table's rows at a desk, the chains' cards on a phone: whichever shows.
  const chains = page.locator('[data-chain] >> visible=true').filter({ has: page.locator('.signed') });
  await expect(chains).toHaveCount(7);
  for (const c of view.chains as { chain: { code: string } }[]) {
    const shown = page.locator(`[data-chain="${c.chain.code}"] >> visible=true`).filter({ has: page.locator('.signed') });
    for (const figure of ['.signed .actual', '.funds .actual', '.big .actual', '.signed-count']) {
      const box = await shown.locator(figure).first().boundingBox();
      expect(box, `${c.chain.code} ${figure}`).not.toBeNull();
      // Inside the screen's width: no sideways scrolling to read it.
      expect(box!.x, `${c.chain.code} ${figure}`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${c.chain.code} ${figure}`).toBeLessThanOrEqual(width);
    }
  }
  await expectNoSidewaysScroll(page);

  // Each amount tapped opens the projects behind it with their total, equal to the figure.
  const shown = page.locator(`[data-chain="${CHAIN}"] >> visible=true`).filter({ has: page.locator('.signed') });
  for (const [measure, total] of [['.signed', '.scope-total.signed'], ['.funds', '.scope-total.funds']] as const) {
    const figure = (await shown.locator(`${measure} a.actual`).textContent()) ?? '';
    await shown.locator(`${measure} a.actual`).click();
    await expect(page).toHaveURL(new RegExp(`/projects\\?chain=${CHAIN}&`));
    await expect(page.locator(total)).toBeVisible();
    expect(wanOf((await page.locator(total).textContent()) ?? ''), `${measure}: ${figure}`).toBe(wanOf(figure));
    expect(wanOf(figure)).toBeGreaterThan(0);
    await expectNoSidewaysScroll(page);
    await page.goBack();
  }
  // The signed projects' count, tapped, lists that many projects.
  const count = Number(/\d+/.exec((await shown.locator('.signed-count').textContent()) ?? '')?.[0]);
  await shown.locator('.signed-count').click();
  await expect(page).toHaveURL(/\/projects\?/);
  await expect(page.locator('.cockpit-scope')).toBeVisible();
  await expect(page.locator('.subtitle')).toHaveText(`共 ${count} 个项目符合条件`);
  expect(count).toBeGreaterThan(0);

  // Each alert count, tapped, lists that many projects (as of the month chosen).
  await page.goto('/cockpit?year=2025&month=6');
  const alerts = page.locator('a.alert-link');
  await expect(alerts.first()).toBeVisible();
  const kinds = await alerts.locator('nz-tag').evaluateAll((tags) => tags.map((t) => t.getAttribute('data-kind') ?? ''));
  expect(kinds.length).toBeGreaterThan(0);
  for (const kind of kinds) {
    const link = page.locator(`a.alert-link:has(nz-tag[data-kind="${kind}"])`);
    const shownCount = Number(/(\d+)\s*$/.exec((await link.textContent()) ?? '')?.[1]);
    await link.click();
    await expect(page).toHaveURL(/\/projects\?/);
    await expect(page.locator('.subtitle'), kind).toHaveText(`共 ${shownCount} 个项目符合条件`);
    await page.goBack();
    await expect(alerts.first()).toBeVisible();
  }
});

test('a leader sees only the chains they lead and writes a 批示 on a project', async ({
  page,
}) => {
  await signIn(page, '/cockpit?year=2025&month=6', fx.leader);
  await expect(page.locator('.subtitle')).toContainText(
    `您包联的${fx.ledChains.length}条产业链`,
  );
  const rows = page.locator('.chain-table tbody tr[data-chain]');
  await expect(rows).toHaveCount(fx.ledChains.length);
  expect(
    (
      await rows.evaluateAll((trs) =>
        trs.map((tr) => tr.getAttribute('data-chain')),
      )
    ).sort(),
  ).toEqual([...fx.ledChains].sort());
  await expect(page.locator('.totals h2')).toHaveText('所包联产业链合计');
  await expect(page.getByRole('button', { name: '预警设置' })).toHaveCount(0);

  await chainLink(page, CHAIN).click();
  await expect(
    page.getByRole('heading', { name: '文化旅游产业链 · 领导页' }),
  ).toBeVisible();
  const major = page
    .locator('.major .project-row')
    .filter({ hasText: fx.project.name });
  await major.getByRole('button', { name: '批示' }).click();
  await expect(page.locator('crm-instruction-form nz-select')).toContainText(
    fx.project.name,
  );
  const words = `请尽快协调供地，6月底前报进展。${Date.now().toString(36)}`;
  await page.getByLabel('批示内容').fill(words);
  await page.getByRole('button', { name: '发送批示' }).click();
  await expect(
    page.locator('.instructions .instruction').filter({ hasText: words }),
  ).toContainText(fx.project.name);
  await expectNoSidewaysScroll(page);

  // Another chain's page is closed to this leader.
  const other = [
    'clean-energy',
    'salt-lake-chemical',
    'metallurgy',
    'oil-gas-chemical',
    'land-port-logistics',
    'culture-tourism',
    'agri-pastoral',
  ].find((code) => !fx.ledChains.includes(code));
  if (other) {
    await page.goto(`/cockpit/chains/${other}`);
    await expect(page.getByText('无权查看该产业链')).toBeVisible();
  }
});
