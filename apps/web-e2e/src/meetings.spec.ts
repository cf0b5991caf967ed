import { expect as baseExpect, test } from '@playwright/test';
import { ADMIN, apiAs, createUserRecord, signIn, signOut } from './support';

/**
 * 调度会议 and 交办事项 in the browser, against the real API: a task-force member of a unit serving
 * 清洁能源产业链 records the month's 月调度会, adds an action item owned by their unit, starts it,
 * closes it with a note of what was done, and sees it done; a leader of another chain does not
 * see the meeting.
 */

/** The machine is shared by several test runs: give the pages time. */
const expect = baseExpect.configure({ timeout: 15_000 });

const CHAIN = 'clean-energy';
const ITEM = '协调光伏组件项目用地指标，月底前报送进展';
const DONE_NOTE = '已协调市自然资源局落实用地指标120亩';
/** A due date well inside the plausible range (the API refuses one more than two years ahead). */
const DUE = `${new Date().getFullYear() + 1}-06-30`;

interface Person {
  id: number;
  name: string;
}
interface ChainRecord {
  code: string;
  nameZh: string;
  liaisonLeader: Person | null;
  responsibleLeaders: Person[];
  responsibleUnits: { unit: { id: number; name: string } }[];
}

let staff: { username: string; password: string };
let leader: { username: string; password: string };
let chainName = '';
let unitName = '';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async ({ baseURL }) => {
  const tag = Date.now().toString(36);
  const admin = await apiAs(baseURL ?? '', ADMIN.username, ADMIN.password);
  const chains: ChainRecord[] = await admin.get('/api/chains');
  const chain = chains.find((c) => c.code === CHAIN) as ChainRecord;
  chainName = chain.nameZh;
  unitName = chain.responsibleUnits[0].unit.name;
  const leadersOf = (c: ChainRecord) => [c.liaisonLeader, ...c.responsibleLeaders].filter((p): p is Person => !!p);
  const ours = new Set(leadersOf(chain).map((p) => p.id));
  // A leader of another chain who does not also lead this one.
  const other = chains
    .filter((c) => c.code !== CHAIN)
    .flatMap(leadersOf)
    .find((p) => !ours.has(p.id)) as Person;

  const s = await createUserRecord(admin, {
    username: `e2e_mt_staff_${tag}`,
    displayName: '能源专班测试员',
    roles: ['staff'],
    unitId: chain.responsibleUnits[0].unit.id,
  });
  const l = await createUserRecord(admin, {
    username: `e2e_mt_leader_${tag}`,
    displayName: other.name,
    roles: ['leader'],
    personId: other.id,
  });
  const ledChains: string[] = (await l.client.get('/api/auth/me')).chainCodes;
  expect(ledChains).not.toContain(CHAIN);
  await s.client.api.dispose();
  await l.client.api.dispose();
  await admin.api.dispose();
  staff = s;
  leader = l;
});

test('staff record a monthly meeting, follow its action item to the end; another chain’s leader does not see it', async ({ page }) => {
  await signIn(page, '/meetings', staff);
  await expect(page.getByRole('heading', { name: '调度会议' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '导航菜单' }).getByRole('link', { name: '调度会议' })).toBeVisible();

  // 登记会议: a 月调度会 of the staff member's chain, today.
  await page.getByRole('link', { name: '登记会议' }).click();
  await expect(page).toHaveURL(/\/meetings\/new$/);
  await expect(page.getByRole('heading', { name: '登记会议' })).toBeVisible();
  await expect(page.locator('nz-select:has(#meeting-kind)')).toContainText('月调度会');
  await page.locator('#meeting-chains').click();
  await page.locator('nz-option-item', { hasText: chainName }).click();
  await expect(page.locator('nz-select:has(#meeting-chains)')).toContainText(chainName);
  await page.getByLabel('或填写主持人姓名').fill('刘副秘书长');
  await page.getByLabel('会议纪要').fill('会议听取清洁能源产业链项目推进情况，要求加快光伏组件项目落地。');
  await page.getByRole('button', { name: '登记会议' }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const meetingUrl = new URL(page.url()).pathname;
  const meetingId = meetingUrl.split('/').pop() as string;
  await expect(page.getByRole('heading', { level: 1 })).toContainText('月调度会');
  await expect(page.locator('.chair')).toHaveText('刘副秘书长');
  await expect(page.getByRole('link', { name: '会议材料' })).toHaveAttribute('href', `${meetingUrl}/pack`);

  // 新增交办事项, owned by the staff member's unit (chosen for them).
  await page.getByRole('button', { name: '新增交办事项' }).click();
  await page.locator('#item-text').fill(ITEM);
  await expect(page.locator('nz-select:has(#item-unit)')).toContainText(unitName);
  await page.locator('#item-due').click();
  await page.locator('#item-due').fill(DUE);
  await page.locator('#item-due').press('Tab');
  await page.getByRole('button', { name: '添加' }).click();
  const row = page.locator('tr.item', { hasText: ITEM });
  await expect(row.locator('.status-tag')).toHaveText('待办理');
  await expect(row.locator('.due')).toHaveText(DUE);
  await expect(row.locator('.owner-unit')).toHaveText(unitName);

  // 开始办理, then 办结: not without a note of what was done.
  await row.getByRole('button', { name: '开始办理' }).click();
  await expect(row.locator('.status-tag')).toHaveText('办理中');
  await row.getByRole('button', { name: '办结' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '确认办结' }).click();
  await expect(dialog.getByText('办结交办事项需填写办理情况')).toBeVisible();
  await dialog.getByLabel('办理情况').fill(DONE_NOTE);
  await dialog.getByRole('button', { name: '确认办结' }).click();
  await expect(page.getByText('交办事项已办结')).toBeVisible();
  await expect(row.locator('.status-tag')).toHaveText('已办结');

  // The meeting pack: the chain's section on screen, and its Word file.
  await page.getByRole('link', { name: '会议材料' }).click();
  await expect(page).toHaveURL(new RegExp(`${meetingUrl}/pack$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('会议材料：月调度会');
  await expect(page.getByText(chainName).first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载Word' }).click();
  expect((await download).suggestedFilename()).toMatch(/会议材料.*\.docx$/);

  // The schedule lists the chain.
  await page.goto('/meetings/schedule');
  await expect(page.getByRole('heading', { name: '月调度会日程' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(chainName) })).toBeVisible();

  // The unit's items: done ones under 全部, with the note in their history.
  await page.goto('/meetings/items');
  await expect(page.getByRole('heading', { name: '交办事项' })).toBeVisible();
  await expect(page.locator('tr.item', { hasText: ITEM })).toHaveCount(0);
  await page.locator('label', { hasText: /^\s*全部\s*$/ }).click();
  const done = page.locator('tr.item', { hasText: ITEM });
  await expect(done.locator('.status-tag')).toHaveText('已办结');
  await done.locator('.ant-table-row-expand-icon').click();
  await expect(page.locator('.done-note')).toContainText(DONE_NOTE);
  await signOut(page);

  // A leader of another chain: not in the list, and not found when opened directly.
  await signIn(page, '/meetings', leader);
  await expect(page.getByRole('heading', { name: '调度会议' })).toBeVisible();
  await expect(page.locator('.list-card')).toBeVisible();
  await expect(page.locator('.list-card nz-skeleton')).toHaveCount(0);
  await expect(page.locator(`tr.meeting[data-meeting-id="${meetingId}"]`)).toHaveCount(0);
  await expect(page.getByRole('link', { name: '登记会议' })).toHaveCount(0);
  await page.goto(meetingUrl);
  await expect(page.getByText('没有找到该会议')).toBeVisible();
});
