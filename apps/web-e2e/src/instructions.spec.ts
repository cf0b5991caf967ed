import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN, apiAs, createUserRecord, fillSignIn } from './support';

/**
 * 批示 as a conversation, in the browser (issue 19 §4): a leader of 文化旅游 signs in on a phone-sized
 * page with 记住此设备 and writes a 批示 on a project; its owner opens the project page (read),
 * acknowledges (已阅) and replies; the leader sees read, acknowledged and replied with the reply, and
 * the 批示 leaves the chain page's 待回复批示.
 */

/** The machine is shared by several test runs: give the pages time. */
const expect = baseExpect.configure({ timeout: 15_000 });

const CHAIN = 'culture-tourism';

interface Fixture {
  leader: { username: string; password: string };
  owner: { username: string; password: string };
  project: { id: string; name: string };
}
let fx: Fixture;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async ({ baseURL }) => {
  const base = baseURL ?? '';
  const tag = Date.now().toString(36);
  const admin = await apiAs(base, ADMIN.username, ADMIN.password);
  const chains = await admin.get('/api/chains');
  const chain = chains.find((c: { code: string }) => c.code === CHAIN);
  const person = chain.responsibleLeaders[0] ?? chain.liaisonLeader;
  const unitId: number = chain.responsibleUnits[0].unit.id;
  const owner = await createUserRecord(admin, {
    username: `e2e_ps_owner_${tag}`,
    displayName: '文旅项目负责人',
    roles: ['staff'],
    unitId,
  });
  const leader = await createUserRecord(admin, {
    username: `e2e_ps_leader_${tag}`,
    displayName: person.name,
    roles: ['leader'],
    personId: person.id,
  });
  await admin.api.dispose();
  await leader.client.api.dispose();
  const name = `e2e批示往返项目${tag}`;
  const created = await owner.client.post('/api/projects', {
    name,
    chain: CHAIN,
    investorName: '格尔木文旅投资有限公司',
    sourceChannel: 'through-firms',
    responsibleUnitId: unitId,
    plannedInvestment: '5000',
  });
  await owner.client.api.dispose();
  fx = {
    leader: { username: leader.username, password: leader.password },
    owner: { username: owner.username, password: owner.password },
    project: { id: created.id, name },
  };
});

/** A page of its own (its own cookies) signed in on `path`; `remember` ticks 记住此设备. */
async function signedInPage(
  browser: Browser,
  path: string,
  user: { username: string; password: string },
  remember = false,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  if (remember) await page.getByLabel('记住此设备').check();
  await fillSignIn(page, user.username, user.password);
  await expect(page).toHaveURL(new RegExp(`${path}$`), { timeout: 20_000 });
  return page;
}

test('a leader writes a 批示; the owner reads, acknowledges and replies on the project page; the leader sees the reply', async ({
  browser,
}) => {
  const path = `/projects/${fx.project.id}`;
  const leaderPage = await signedInPage(browser, path, fx.leader, true);
  // 记住此设备: the session cookie outlives the browser (still httpOnly), for up to 30 days.
  const session = (await leaderPage.context().cookies()).find((c) => c.name === 'crm_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + 20 * 86_400);

  const panel = leaderPage.locator('crm-instructions-panel');
  await expect(panel.getByText('本项目暂无领导批示。')).toBeVisible();
  const words = `请本周内报告用地进展。${Date.now().toString(36)}`;
  await panel.getByLabel('写批示').fill(words);
  await panel.getByRole('button', { name: '发送批示' }).click();
  const written = panel.locator('article.instruction').filter({ hasText: words });
  await expect(written.locator('.progress')).toContainText('负责人未读');
  await expect(written.locator('.progress')).toContainText('未回复');

  // The chain page lists it as open.
  await leaderPage.goto(`/cockpit/chains/${CHAIN}`);
  const open = leaderPage.locator('crm-open-instructions li.item').filter({ hasText: fx.project.name });
  await expect(open).toContainText('今天');

  // The owner opens the project page: it is read; 已阅, then a reply.
  const ownerPage = await signedInPage(browser, path, fx.owner);
  const ownerPanel = ownerPage.locator('crm-instructions-panel');
  const mine = ownerPanel.locator('article.instruction').filter({ hasText: words });
  await expect(mine.locator('.progress .read')).toContainText('已读');
  await mine.getByRole('button', { name: '已阅' }).click();
  await expect(mine.locator('.progress .acknowledged')).toContainText('文旅项目负责人');
  const reply = `已与自然资源局对接，月底前报批。${Date.now().toString(36)}`;
  await mine.getByLabel('回复领导').fill(reply);
  await mine.getByRole('button', { name: '发送回复' }).click();
  await expect(mine.locator('.thread')).toContainText(reply);
  await expect(mine.locator('.progress .replied')).toContainText('已回复');

  // The leader sees read, acknowledged and replied, with the reply; it is no longer open.
  await leaderPage.goto(path);
  const seen = leaderPage.locator('crm-instructions-panel article.instruction').filter({ hasText: words });
  await expect(seen.locator('.progress .read')).toContainText('已读');
  await expect(seen.locator('.progress .acknowledged')).toContainText('已阅');
  await expect(seen.locator('.progress .replied')).toContainText('已回复');
  await expect(seen.locator('.thread')).toContainText(reply);
  await leaderPage.goto(`/cockpit/chains/${CHAIN}`);
  await expect(leaderPage.locator('crm-open-instructions')).toBeVisible();
  await expect(leaderPage.locator('crm-open-instructions li.item').filter({ hasText: fx.project.name })).toHaveCount(0);

  await leaderPage.context().close();
  await ownerPage.context().close();
});
