import { QueueModule } from '@crm/api/core';
import {
  createTestApp,
  signInAs,
  type SignedInAgent,
  type TestApp,
} from '@crm/api/testing';
import { ManualClock, type RollUpPublicationView, type RollUpView } from '@crm/domain';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import { insertFixtures, PERIOD } from '../../test/roll-up-world';
import { ReportingModule } from '../reporting.module';
import { RollUpService } from './roll-up.service';

function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * 月通报 (issue 16, item 4): the office publishes a month's roll-up; every unit's staff are notified
 * and read the published version (frozen, with its Word and Excel files), never a draft.
 */
describe('published bulletins /api/roll-up-publications', () => {
  const clock = new ManualClock('2025-03-26T01:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  let energy: SignedInAgent;
  let data: SignedInAgent;
  let draft: RollUpView;
  let published: RollUpPublicationView;

  beforeAll(async () => {
    t = await createTestApp([QueueModule, ReportingModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    office = await signInAs(t, { roles: ['office'] });
    leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
    energy = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    data = await signInAs(t, { roles: ['staff'], unit: '市数据局' });
    await insertFixtures(t);
    await t.app.get(RollUpService).buildDue(clock.now());
    draft = (await office.get(`/api/roll-ups/${PERIOD}`).expect(200)).body;
  }, 120_000);
  afterAll(() => t.close());

  it('keeps drafts from staff: 403 on the roll-up, nothing published yet', async () => {
    await energy.get(`/api/roll-ups/${PERIOD}`).expect(403);
    expect((await energy.get('/api/roll-up-publications').expect(200)).body).toEqual([]);
    await energy.post('/api/roll-up-publications', { period: PERIOD, version: draft.version }).expect(403);
    await leader.post('/api/roll-up-publications', { period: PERIOD, version: draft.version }).expect(403);
  });

  it('publishes the version read (a stale one 409, a bad body 400, a period not built 404) and notifies every unit staff', async () => {
    clock.set('2025-03-27T09:00:00+08:00');
    await office.post('/api/roll-up-publications', { period: PERIOD, version: draft.version + 1 }).expect(409);
    await office.post('/api/roll-up-publications', { period: '2025-3', version: 1 }).expect(400);
    await office.post('/api/roll-up-publications', { period: '2025-05', version: 1 }).expect(404);
    expect(await t.dataSource.query(`SELECT 1 FROM roll_up_publication`)).toEqual([]);

    const res = await office
      .post('/api/roll-up-publications', { period: PERIOD, version: draft.version })
      .expect(201);
    published = res.body;
    expect(published).toMatchObject({
      period: PERIOD,
      seq: 1,
      rollUpVersion: draft.version,
      publishedAt: '2025-03-27T01:00:00.000Z',
      publishedBy: { id: office.user.id },
      narrative: draft.narrative,
    });
    expect(published.documentNumber).toMatch(/^格招商办〔2025〕\d+号$/);
    expect(published.figures).toEqual(draft.figures);
    expect(published.files.map((f) => f.format)).toEqual(['docx', 'xlsx']);

    const notices = await t.dataSource.query(
      `SELECT user_id, title, link FROM notification WHERE kind = 'bulletin-published' ORDER BY user_id`,
    );
    const staffIds: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM app_user WHERE active AND 'staff' = ANY(roles) ORDER BY id`,
    );
    expect(notices.map((n: { user_id: string }) => n.user_id)).toEqual(staffIds.map((s) => s.id));
    expect(notices.map((n: { user_id: string }) => n.user_id)).toEqual(
      expect.arrayContaining([energy.user.id, data.user.id]),
    );
    expect(notices.map((n: { user_id: string }) => n.user_id)).not.toContain(leader.user.id);
    expect(notices[0]).toMatchObject({
      title: '2025年3月招商引资工作月通报已发布 / The 2025-03 bulletin was published',
      link: `/bulletins/${published.id}`,
    });
    const [audit] = await t.dataSource.query(
      `SELECT action, user_id FROM audit_log WHERE entity_type = 'roll_up_publication' AND entity_id = $1`,
      [published.id],
    );
    expect(audit).toEqual({ action: 'create', user_id: office.user.id });
  });

  it('lets every staff read the published version and its files, frozen as published', async () => {
    // The office edits the draft afterwards: the publication does not move.
    await office
      .put(`/api/roll-ups/${PERIOD}/narrative`, { narrative: '改过的稿子', version: draft.version })
      .expect(200);
    const list = (await data.get('/api/roll-up-publications').expect(200)).body;
    expect(list).toEqual([
      expect.objectContaining({ id: published.id, period: PERIOD, seq: 1, rollUpVersion: draft.version }),
    ]);
    const read = (await data.get(`/api/roll-up-publications/${published.id}`).expect(200)).body;
    expect(read.narrative).toBe(draft.narrative);
    expect(read.figures).toEqual(draft.figures);

    const docx = await energy
      .get(`/api/roll-up-publications/${published.id}/files/docx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('2025年3月招商引资工作汇总报告.docx'));
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')?.async('string');
    expect(xml).toContain(published.documentNumber);
    expect(xml).not.toContain('改过的稿子');
    const xlsx = await energy
      .get(`/api/roll-up-publications/${published.id}/files/xlsx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(xlsx.body as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    expect(book.getWorksheet('第1季度评比')).toBeDefined();

    // Drafts stay 403; anything not published is 404; a bad format 400.
    await energy.get(`/api/roll-ups/${PERIOD}`).expect(403);
    await energy.get('/api/roll-up-publications/00000000-0000-4000-8000-000000000000').expect(404);
    await energy.get(`/api/roll-up-publications/${published.id}/files/pdf`).expect(400);
    await energy.get('/api/roll-up-publications/not-a-uuid').expect(400);

    // The office sees the period's publications on the draft.
    const view = (await office.get(`/api/roll-ups/${PERIOD}`).expect(200)).body;
    expect(view.publications.map((p: { id: string }) => p.id)).toEqual([published.id]);
  });

  it('publishes a corrected draft again as a new version, never the same draft twice, never a stale one', async () => {
    const current: RollUpView = (await office.get(`/api/roll-ups/${PERIOD}`).expect(200)).body;
    await office
      .post('/api/roll-up-publications', { period: PERIOD, version: draft.version })
      .expect(409);
    const again = await office
      .post('/api/roll-up-publications', { period: PERIOD, version: current.version })
      .expect(201);
    expect(again.body).toMatchObject({ seq: 2, rollUpVersion: current.version, narrative: '改过的稿子' });
    const twice = await office
      .post('/api/roll-up-publications', { period: PERIOD, version: current.version })
      .expect(422);
    expect(twice.body.message).toContain(`该稿（第${current.version}稿）已发布`);
    // The first publication is still as it was.
    expect((await energy.get(`/api/roll-up-publications/${published.id}`).expect(200)).body.narrative).toBe(
      draft.narrative,
    );

    // A late report after the build: out of date, refused until rebuilt.
    clock.set('2025-03-27T10:00:00+08:00');
    await energy
      .put(`/api/monthly-reports/mine/${PERIOD}`, { workDone: '走访', problems: '', nextMonthPlan: '签约', version: 0 })
      .expect(200);
    await energy.post(`/api/monthly-reports/mine/${PERIOD}/submit`, { version: 1 }).expect(200);
    await office.put(`/api/roll-ups/${PERIOD}/narrative`, { narrative: '第三稿', version: current.version }).expect(200);
    const stale: RollUpView = (await office.get(`/api/roll-ups/${PERIOD}`).expect(200)).body;
    expect(stale.staleSince).not.toBeNull();
    const refused = await office
      .post('/api/roll-up-publications', { period: PERIOD, version: stale.version })
      .expect(422);
    expect(refused.body.message).toContain('请重新生成后再发布');
  });
});
