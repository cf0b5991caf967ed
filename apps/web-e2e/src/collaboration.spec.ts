import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN, apiAs, createUserRecord, fillSignIn, type ApiClient } from './support';

/**
 * Working across departments (issue 21) in the browser, against the real API: the clean-energy
 * task force asks 市自然资源局 for a pre-review opinion and cannot conclude before it arrives; the
 * bureau's staff answer 附条件同意 from their queue (/pre-reviews) and the opinion shows on the
 * evaluation; a land need of 10 亩 goes to the bureau, which answers 办理中 from /guarantees; an
 * agreement is uploaded, listed and downloaded byte for byte on the 附件 tab, and a renamed
 * executable is refused in Chinese; a signed project reaches 项目供地 on an existing site.
 *
 * Each user signs in once, in a browser context of their own kept for the whole file.
 * With COLLAB_SCREENSHOTS=<folder> set, the screens are also saved there at a desk and 390 px wide.
 */

const CHAIN = 'clean-energy';
const ASKED_UNIT = '市自然资源局';
const DIMENSIONS = ['ecology', 'safety', 'energy', 'technology', 'investment-intensity', 'benefit'];
const TOPIC = '项目用地是否符合国土空间规划';
const OPINION = '同意，须在供地前完成用地预审和规划选址。';
const SHOTS = process.env['COLLAB_SCREENSHOTS'];

/** Today in Asia/Shanghai, and a day `days` later, as the API writes business dates. */
function shanghaiDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A minimal PDF: the API reads the type from the content (%PDF-), not from the name. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
/** A Windows executable renamed to look like a PDF. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120), Buffer.from('This program cannot be run in DOS mode.')]);

interface Fixture {
  tag: string;
  staffApi: ApiClient;
  project: { id: string; name: string };
  signed: { id: string; name: string };
  staff: Page;
  bureau: Page;
  contexts: BrowserContext[];
}
let fx: Fixture;

/** A context of its own for a user, signed in once on `path`. */
async function signedInPage(browser: Browser, baseURL: string, path: string, user: { username: string; password: string }) {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await fillSignIn(page, user.username, user.password);
  await expect(page).toHaveURL(new RegExp(`${path}$`), { timeout: 20_000 });
  return { context, page };
}

/** With COLLAB_SCREENSHOTS set: the element at the current width and at 390 px (then the width is restored). */
async function shoot(page: Page, name: string, selector: string): Promise<void> {
  if (!SHOTS) return;
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.locator(selector).first().screenshot({ path: `${SHOTS}/collab-${name}-desk.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.locator(selector).first().screenshot({ path: `${SHOTS}/collab-${name}-390.png` });
  await page.setViewportSize(size);
  await page.waitForTimeout(300);
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

test.describe.configure({ mode: 'serial', timeout: 60_000 });

test.beforeAll(async ({ browser, baseURL }) => {
  const base = baseURL ?? '';
  const tag = Date.now().toString(36);
  const admin = await apiAs(base, ADMIN.username, ADMIN.password);
  const chains = await admin.get('/api/chains');
  const chain = chains.find((c: { code: string }) => c.code === CHAIN);
  const unitId: number = chain.responsibleUnits[0].unit.id;
  const asked = await admin.get('/api/units', { name: ASKED_UNIT });
  expect(asked).toHaveLength(1);

  const staff = await createUserRecord(admin, { username: `e2e_co_staff_${tag}`, displayName: '能源专班测试员', roles: ['staff'], unitId });
  const bureau = await createUserRecord(admin, {
    username: `e2e_co_land_${tag}`,
    displayName: '自然资源局测试员',
    roles: ['staff'],
    unitId: asked[0].id,
  });
  await admin.api.dispose();
  await bureau.client.api.dispose();

  const s = staff.client;
  const newProject = async (name: string) => {
    const created = await s.post('/api/projects', {
      name,
      chain: CHAIN,
      investorName: '青海绿能储能科技有限公司',
      sourceChannel: 'through-firms',
      responsibleUnitId: unitId,
      plannedInvestment: '50000',
    });
    await s.post(`/api/projects/${created.id}/activities`, {
      kind: 'negotiation',
      occurredOn: shanghaiDay(),
      summary: '与投资方洽谈储能电站项目落地。',
    });
    return { id: created.id as string, name };
  };
  const project = await newProject(`e2e共享储能电站${tag}`);

  // A second project signed today through the gates, for the land route.
  const signed = await newProject(`e2e闲置厂房改造${tag}`);
  const path = `/api/projects/${signed.id}`;
  const evaluation = await s.post(`${path}/evaluations`, {
    dimensions: DIMENSIONS.map((dimension) => ({ dimension, rating: 'favourable', note: '符合要求' })),
    eliminatedCategory: false,
  });
  await s.post(`${path}/evaluations/${evaluation.id}/conclusion`, { conclusion: 'pass', concludedOn: shanghaiDay(), version: evaluation.version });
  const detail = await s.get(path);
  await s.post(`${path}/stage-moves`, {
    to: 'signed',
    version: detail.project.version,
    signedAmount: '40000',
    signedOn: shanghaiDay(),
    agreementRef: `CN-${tag}`,
  });

  const staffSession = await signedInPage(browser, base, `/projects/${project.id}`, staff);
  const bureauSession = await signedInPage(browser, base, '/pre-reviews', bureau);
  fx = {
    tag,
    staffApi: s,
    project,
    signed,
    staff: staffSession.page,
    bureau: bureauSession.page,
    contexts: [staffSession.context, bureauSession.context],
  };
});

test.afterAll(async () => {
  await fx?.staffApi.api.dispose();
  for (const c of fx?.contexts ?? []) await c.close();
});

test('the task force asks 市自然资源局 for a pre-review and cannot conclude while it is missing', async () => {
  const page = fx.staff;
  await expect(page.getByRole('heading', { name: fx.project.name })).toBeVisible();
  await openTab(page, '项目评估');
  await page.locator('button.open-evaluation').click();

  const section = page.locator('crm-pre-review-section');
  await expect(section.getByRole('heading', { name: '部门预审' })).toBeVisible();
  await expect(section.locator('.none')).toHaveText('尚未征求部门意见。');
  await section.locator('nz-select:has(#pre-review-unit)').click();
  await page.keyboard.type('自然资源');
  await page.locator('nz-option-item').filter({ hasText: ASKED_UNIT }).click();
  await section.locator('#pre-review-topic').fill(TOPIC);
  await section.locator('#pre-review-due').click();
  await section.locator('#pre-review-due').fill(shanghaiDay(14));
  await section.locator('#pre-review-due').press('Tab');
  await section.getByRole('button', { name: '发送征求意见' }).click();

  const request = section.locator('li.request', { hasText: ASKED_UNIT });
  await expect(request).toHaveAttribute('data-status', 'pending');
  await expect(request.locator('.topic')).toHaveText(TOPIC);
  await expect(request.locator('.due')).toHaveText(`回复期限 ${shanghaiDay(14)}`);
  await expect(request.locator('.status')).toHaveText('待回复');
  await expect(section.locator('.waiting')).toHaveText('还有 1 项征求意见未回复，评估结论需等待回复。');

  // Concluding is refused, naming the unit whose opinion is missing — in the browser and by the API.
  const conclusion = page.locator('section.conclusion');
  await conclusion.locator('nz-radio-group.conclusions').getByText('通过', { exact: true }).click();
  await conclusion.getByRole('button', { name: '提交评估结论' }).click();
  await expect(conclusion.locator('.pre-review-missing')).toContainText(`尚未收到以下单位的预审意见：${ASKED_UNIT}`);

  const detail = await fx.staffApi.get(`/api/projects/${fx.project.id}`);
  const open = detail.evaluations.find((e: { conclusion: string | null }) => e.conclusion === null);
  const refused = await fx.staffApi.api.post(`/api/projects/${fx.project.id}/evaluations/${open.id}/conclusion`, {
    data: { conclusion: 'pass', concludedOn: shanghaiDay(), version: open.version },
    headers: {
      'X-XSRF-TOKEN': (await fx.staffApi.api.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '',
    },
  });
  expect(refused.status()).toBeGreaterThanOrEqual(400);
  expect(refused.status()).toBeLessThan(500);
  expect(await refused.text()).toContain(ASKED_UNIT);
});

test('市自然资源局 answers 附条件同意 from its queue and the opinion shows on the evaluation', async () => {
  const page = fx.bureau;
  await page.reload();
  await expect(page.getByRole('heading', { name: '预审待办' })).toBeVisible();
  const card = page.locator('nz-card.request', { hasText: fx.project.name });
  await expect(card).toHaveAttribute('data-status', 'pending');
  await expect(card.locator('.topic')).toHaveText(TOPIC);
  await expect(card).toContainText('能源专班测试员');
  await shoot(page, 'pre-review-queue', 'nz-card.request');

  await card.locator('label.ant-radio-wrapper', { hasText: '附条件同意' }).click();
  await card.getByLabel('意见内容').fill(OPINION);
  await card.getByRole('button', { name: '提交意见' }).click();
  // Answered: the card shows the opinion in place (and under 全部 after a reload).
  await expect(card).toHaveAttribute('data-status', 'answered');
  await expect(card.locator('.answer-form')).toHaveCount(0);
  await expect(card.locator('.answer')).toHaveText('附条件同意');
  await expect(card.locator('.answer-text')).toHaveText(OPINION);

  const staff = fx.staff;
  await staff.reload();
  await openTab(staff, '项目评估');
  const request = staff.locator('crm-pre-review-section li.request', { hasText: ASKED_UNIT });
  await expect(request).toHaveAttribute('data-status', 'answered');
  await expect(request.locator('.answer')).toHaveText('附条件同意');
  await expect(request.locator('.answer-text')).toHaveText(OPINION);
  await expect(request.locator('.who')).toContainText('自然资源局测试员 于');
  await expect(staff.locator('crm-pre-review-section .waiting')).toHaveCount(0);
  await shoot(staff, 'evaluation', 'crm-pre-review-section');
});

test('要素保障: a land need of 10 亩 goes to 市自然资源局, which answers 办理中 from /guarantees', async () => {
  const page = fx.staff;
  await openTab(page, '要素保障');
  const panel = page.locator('crm-project-guarantees');
  await panel.getByRole('button', { name: '提出要素需求' }).click();
  const form = panel.locator('form.need-form');
  await expect(form.locator('nz-select:has(#need-kind)')).toContainText('用地');
  // The bureau suggested for land, shown once the units have loaded.
  await expect(form.locator('nz-select:has(#need-unit)')).toContainText(ASKED_UNIT);
  await form.locator('#need-areaMu').fill('10');
  await form.locator('#need-due').click();
  await form.locator('#need-due').fill(shanghaiDay(30));
  await form.locator('#need-due').press('Tab');
  await form.getByRole('button', { name: '发送至保障部门' }).click();

  const sent = panel.locator('crm-guarantee-request-card');
  await expect(sent).toHaveCount(1);
  await expect(sent.locator('.kind')).toHaveText('用地');
  await expect(sent.locator('.need')).toContainText('10');
  await expect(sent.locator('.status')).toHaveText('待受理');
  await expect(sent.locator('.unit')).toHaveText(ASKED_UNIT);
  await expect(sent.locator('.due')).toHaveText(shanghaiDay(30));

  const bureau = fx.bureau;
  await bureau.goto('/guarantees');
  await expect(bureau.getByRole('heading', { name: '要素保障办理' })).toBeVisible();
  const card = bureau.locator('crm-guarantee-request-card', { hasText: fx.project.name });
  await expect(card.locator('.status')).toHaveText('待受理');
  await card.getByRole('button', { name: '答复' }).click();
  await card.locator('label.ant-radio-wrapper', { hasText: '办理中' }).click();
  await card.getByLabel('办理说明').fill('已受理，正在核查国土空间规划和用地指标。');
  await card.getByRole('button', { name: '提交答复' }).click();
  await expect(card.locator('.status')).toHaveText('办理中');
  await expect(card.locator('ol.answers li')).toContainText('已受理，正在核查国土空间规划和用地指标。');
  await shoot(bureau, 'guarantees-queue', 'crm-guarantee-request-card');

  await page.reload();
  await openTab(page, '要素保障');
  await expect(panel.locator('crm-guarantee-request-card .status')).toHaveText('办理中');
  await shoot(page, 'guarantees-tab', 'crm-project-guarantees');
});

test('附件: an agreement is uploaded, listed and downloaded byte for byte; a renamed executable is refused in Chinese', async () => {
  const page = fx.staff;
  await openTab(page, '附件');
  const panel = page.locator('crm-files-panel');
  await expect(panel.locator('.empty')).toHaveText('尚无附件');
  await panel.locator('nz-select.kind').click();
  await page.locator('nz-option-item').filter({ hasText: '协议' }).click();
  await expect(panel.locator('nz-select.kind')).toContainText('协议');
  const name = `投资协议${fx.tag}.pdf`;
  await panel.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
  const row = panel.locator('tbody tr', { hasText: name });
  await expect(row).toBeVisible();
  await expect(row.locator('nz-tag')).toHaveText('协议');
  await expect(row).toContainText('能源专班测试员');

  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: /下载/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(name);
  const bytes = await readFile(await download.path());
  expect(bytes.length).toBe(PDF.length);
  expect(bytes.equals(PDF)).toBe(true);

  await panel.locator('input[type=file]').setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: EXE });
  const problem = panel.locator('.problem');
  await expect(problem).toContainText('上传未成功');
  await expect(problem).toContainText('文件类型不受支持');
  await expect(problem).not.toContainText('Unsupported');
  await expect(panel.locator('tbody tr')).toHaveCount(1);
});

test('a signed project reaches 项目供地 on an existing site, without a land approval, and is marked 既有用地（盘活存量）', async () => {
  const page = fx.staff;
  await page.goto(`/projects/${fx.signed.id}`);
  await expect(page.getByRole('heading', { name: fx.signed.name })).toBeVisible();
  await page.getByRole('button', { name: '推进到“项目供地”' }).click();
  const modal = page.locator('.ant-modal-content');
  await expect(modal.locator('.land-route')).toBeVisible();
  await modal.locator('label[data-route="existing-site"]').click();
  await expect(modal.locator('#move-landApprovalRef')).toHaveCount(0);
  await modal.locator('#move-landParcel').fill('格尔木昆仑经济技术开发区东区3号地块');
  await modal.locator('nz-select:has(#move-siteDocumentKind)').click();
  await page.locator('nz-option-item').filter({ hasText: '产权' }).click();
  await modal.locator('#move-siteDocumentRef').fill(`青(2020)格尔木市不动产权第${fx.tag}号`);
  await modal.locator('#move-siteDocumentOn').click();
  await modal.locator('#move-siteDocumentOn').fill('2020-05-12');
  await modal.locator('#move-siteDocumentOn').press('Tab');
  await modal.locator('#move-landAreaMu').fill('36');
  await modal.getByRole('button', { name: '确认推进' }).click();
  await expect(modal).toBeHidden();
  await expect(page.locator('.stage-tag')).toHaveText('项目供地');
  await expect(page.locator('main')).toContainText('既有用地（盘活存量）');
  await openTab(page, '供地与建设');
  await expect(page.locator('.land-route')).toHaveText('既有用地');
  await expect(page.locator('.reuse-mark')).toHaveText('盘活存量');
});
