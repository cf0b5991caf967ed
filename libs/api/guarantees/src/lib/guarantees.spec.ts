import { QueueModule, QueueName } from '@crm/api/core';
import { FilesModule } from '@crm/api/files';
import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type GuaranteeRequestView, type ProjectGuaranteesView } from '@crm/domain';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { blockedByNeeds } from './blocked/blocked-by-needs.query';
import { GuaranteesJobsModule, GuaranteesModule } from './guarantees.module';
import { GUARANTEE_REMINDER_JOB } from './reminders/guarantee-reminder.job';
import { GuaranteeReminderService, type GuaranteeReminderSent } from './reminders/guarantee-reminder.service';

/**
 * 要素保障 through the real routes and the real job. Cast: 市数据局 staff serve 清洁能源 and send its
 * projects' needs; 市自然资源局 and 市能源局 staff are the bureaus asked; 市文体旅游广电局 staff serve
 * 文化旅游 only (neither asked nor reading 清洁能源). The clock is set, never the machine's.
 */
describe('要素保障 requests', () => {
  const clock = new ManualClock('2026-03-02T10:00:00+08:00');
  let t: TestApp;
  let sender: SignedInAgent;
  let land: SignedInAgent;
  let energy: SignedInAgent;
  let stranger: SignedInAgent;
  let reminders: GuaranteeReminderService;
  const units: Record<string, number> = {};
  let projectId: string;
  let otherProjectId: string;

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await q(sql, params))[0].n;
  const written = async () => ({
    requests: await count(`SELECT count(*)::int AS n FROM guarantee_request`),
    audit: await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'guarantee_request'`),
    notices: await count(`SELECT count(*)::int AS n FROM notification`),
  });

  async function lead(agent: SignedInAgent, name: string, chain: string, unit: string): Promise<string> {
    const res = await agent
      .post('/api/projects', {
        name,
        chain,
        investorName: `${name}投资公司`,
        sourceChannel: 'through-firms',
        responsibleUnitId: units[unit],
      })
      .expect(201);
    return res.body.id;
  }

  const send = (body: Record<string, unknown>, project = projectId, agent = sender) =>
    agent.post(`/api/projects/${project}/guarantee-requests`, body);

  beforeAll(async () => {
    t = await createTestApp([QueueModule, PipelineModule, FilesModule, GuaranteesModule, GuaranteesJobsModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    reminders = t.app.get(GuaranteeReminderService);
    for (const r of await q(`SELECT id, name FROM unit WHERE name IN ('市数据局', '市自然资源局', '市能源局', '市水利局', '市文体旅游广电局', '市生态环境局')`)) {
      units[r.name] = r.id;
    }
    [sender, land, energy, stranger] = await Promise.all([
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['staff'], unit: '市自然资源局' }),
      signInAs(t, { roles: ['staff'], unit: '市能源局' }),
      signInAs(t, { roles: ['staff'], unit: '市文体旅游广电局' }),
    ]);
    projectId = await lead(sender, '东出口共享储能电站项目', 'clean-energy', '市数据局');
    otherProjectId = await lead(stranger, '昆仑文旅小镇项目', 'culture-tourism', '市文体旅游广电局');
  });
  afterAll(() => t.close());

  describe('bad input', () => {
    it('refuses a negative amount with 400 naming the field, and writes nothing', async () => {
      const before = await written();
      const res = await send({ kind: 'land', areaMu: '-5', unitId: units['市自然资源局'], dueOn: '2026-03-05' }).expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['areaMu']);
      expect(res.body.errors.areaMu[0]).toContain('用地面积不能为负数');
      const power = await send({ kind: 'power', powerKw: '100', powerMwhPerYear: -3, unitId: units['市能源局'], dueOn: '2026-03-05' }).expect(400);
      expect(Object.keys(power.body.errors)).toEqual(['powerMwhPerYear']);
      expect(power.body.errors.powerMwhPerYear[0]).toMatch(/年用电量不能为负数/);
      expect(await written()).toEqual(before);
    });

    it('names a missing amount, a missing mineral, an amount of another kind, a past due date; writes nothing', async () => {
      const before = await written();
      const bad = async (body: Record<string, unknown>, field: string) => {
        const res = await send({ unitId: units['市自然资源局'], dueOn: '2026-03-05', ...body }).expect(400);
        expect(Object.keys(res.body.errors)).toContain(field);
      };
      await bad({ kind: 'land' }, 'areaMu');
      await bad({ kind: 'minerals', quantity: '3', quantityUnit: '万吨/年' }, 'description');
      await bad({ kind: 'water', waterM3PerYear: '1000', financeWan: '10' }, 'financeWan');
      await bad({ kind: 'land', areaMu: '1.23456' }, 'areaMu');
      await bad({ kind: 'land', areaMu: '10', dueOn: '2026-03-01' }, 'dueOn');
      await bad({ kind: 'land', areaMu: '10', unitId: 999999 }, 'unitId');
      expect(await written()).toEqual(before);
    });
  });

  describe('sending and answering', () => {
    let landReq: GuaranteeRequestView;

    it('sends a need to the bureau, audited, and the bureau is told', async () => {
      landReq = (await send({ kind: 'land', areaMu: '120.5', unitId: units['市自然资源局'], dueOn: '2026-03-05' }).expect(201)).body;
      expect(landReq).toMatchObject({ kind: 'land', areaMu: '120.5000', status: 'sent', dueOn: '2026-03-05', sentOn: '2026-03-02' });
      const [audit] = await q(`SELECT action, user_id, project_id, after, at FROM audit_log WHERE entity_type = 'guarantee_request' AND entity_id = $1`, [
        landReq.id,
      ]);
      expect(audit).toMatchObject({ action: 'create', user_id: sender.user.id, project_id: projectId });
      expect(audit.after).toMatchObject({ kind: 'land', areaMu: '120.5000', unitId: units['市自然资源局'], dueOn: '2026-03-05' });
      expect(new Date(audit.at).toISOString()).toBe('2026-03-02T02:00:00.000Z');
      expect(await q(`SELECT kind, link FROM notification WHERE user_id = $1`, [land.user.id])).toEqual([
        { kind: 'guarantee-requested', link: '/guarantees' },
      ]);
      const page: ProjectGuaranteesView = (await sender.get(`/api/projects/${projectId}/guarantee-requests`).expect(200)).body;
      expect(page.canRequest).toBe(true);
      expect(page.requests.map((r) => r.id)).toEqual([landReq.id]);
      expect(page.defaultUnits.land).toEqual({ id: units['市自然资源局'], name: '市自然资源局' });
      expect(page.defaultUnits.finance).toBeUndefined();
    });

    it('shows it in the addressed unit’s queue only', async () => {
      const mine = (await land.get('/api/guarantee-requests/queue').expect(200)).body;
      expect(mine.unit.name).toBe('市自然资源局');
      expect(mine.requests.map((r: GuaranteeRequestView) => [r.id, r.canAnswer])).toEqual([[landReq.id, true]]);
      expect((await energy.get('/api/guarantee-requests/queue').expect(200)).body.requests).toEqual([]);
    });

    it('a unit not addressed cannot answer (404), even the staff editing the project; nothing written', async () => {
      const before = await written();
      const answer = { status: 'received', statusOn: '2026-03-02', version: landReq.version };
      await energy.post(`/api/guarantee-requests/${landReq.id}/answers`, answer).expect(404);
      await sender.post(`/api/guarantee-requests/${landReq.id}/answers`, answer).expect(404);
      await stranger.post(`/api/guarantee-requests/${landReq.id}/answers`, answer).expect(404);
      // Neither addressed nor reading the project's chain: the request does not exist for them.
      await stranger.get(`/api/guarantee-requests/${landReq.id}`).expect(404);
      await stranger.get(`/api/projects/${projectId}/guarantee-requests`).expect(404);
      expect((await q(`SELECT status, version FROM guarantee_request WHERE id = $1`, [landReq.id]))[0]).toEqual({ status: 'sent', version: 1 });
      expect(await written()).toEqual(before);
    });

    it('the bureau answers with a status, dates and a note; audited; the sender is told; a stale version is 409', async () => {
      const res = await land
        .post(`/api/guarantee-requests/${landReq.id}/answers`, {
          status: 'in-progress',
          statusOn: '2026-03-02',
          expectedOn: '2026-03-10',
          note: '已纳入园区扩容用地计划',
          version: landReq.version,
        })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'in-progress', statusOn: '2026-03-02', expectedOn: '2026-03-10', version: 2 });
      expect(res.body.answers).toHaveLength(1);
      await land
        .post(`/api/guarantee-requests/${landReq.id}/answers`, { status: 'secured', statusOn: '2026-03-02', version: landReq.version })
        .expect(409);
      await land
        .post(`/api/guarantee-requests/${landReq.id}/answers`, { status: 'received', statusOn: '2026-03-03', version: 2 })
        .expect(400);
      const [audit] = await q(
        `SELECT user_id, before, after FROM audit_log WHERE entity_type = 'guarantee_request' AND entity_id = $1 AND action = 'update'`,
        [landReq.id],
      );
      expect(audit).toMatchObject({
        user_id: land.user.id,
        before: { status: 'sent', statusOn: null },
        after: { status: 'in-progress', statusOn: '2026-03-02', expectedOn: '2026-03-10', note: '已纳入园区扩容用地计划' },
      });
      expect(await q(`SELECT kind FROM notification WHERE user_id = $1`, [sender.user.id])).toEqual([{ kind: 'guarantee-answered' }]);
      await q(`UPDATE guarantee_request SET status = 'sent', status_on = NULL, expected_on = NULL, note = NULL WHERE id = $1`, [landReq.id]);
    });

    it('the bureau attaches a file to its answer; a unit neither addressed nor reading the project is told it does not exist', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
      const upload = (agent: SignedInAgent) =>
        agent.upload('/api/files', 'file', pdf, '用地预审意见.pdf').field('ownerType', 'guarantee_request').field('ownerId', landReq.id).field('kind', 'opinion');
      await upload(land).expect(201);
      await upload(stranger).expect(404);
      const listed = (await sender.get(`/api/files?ownerType=guarantee_request&ownerId=${landReq.id}`).expect(200)).body;
      expect(listed.items.map((f: { name: string }) => f.name)).toEqual(['用地预审意见.pdf']);
      await stranger.get(`/api/files?ownerType=guarantee_request&ownerId=${landReq.id}`).expect(404);
    });
  });

  describe('overdue reminders', () => {
    const ids: Record<string, string> = {};
    const named = (sent: GuaranteeReminderSent[]) =>
      sent.map((s) => `${Object.keys(ids).find((k) => ids[k] === s.requestId)} ${s.dueOn}`).sort();
    const run = (at: string) => {
      clock.set(at);
      return reminders.run(clock.now());
    };
    const keys = () => count(`SELECT count(*)::int AS n FROM guarantee_reminder_sent`);

    beforeAll(async () => {
      clock.set('2026-03-02T11:00:00+08:00');
      const [{ id: landId }] = await q(`SELECT id FROM guarantee_request WHERE kind = 'land'`);
      ids['用地'] = landId;
      const make = async (name: string, body: Record<string, unknown>) => {
        ids[name] = (await send(body).expect(201)).body.id;
      };
      await make('用电', { kind: 'power', powerKw: '20000', powerMwhPerYear: '16000', unitId: units['市能源局'], dueOn: '2026-03-05' });
      await make('用气', { kind: 'gas', gasM3PerYear: '3000000', unitId: units['市能源局'], dueOn: '2026-03-06' });
      await make('排放', { kind: 'emissions', description: '氮氧化物', quantity: '12.5', quantityUnit: '吨/年', unitId: units['市生态环境局'], dueOn: '2026-03-05' });
      await make('用水', { kind: 'water', waterM3PerYear: '500000', unitId: units['市水利局'], dueOn: '2026-03-20' });
      // Secured in time: never reminded.
      const gas = (await energy.get(`/api/guarantee-requests/${ids['用气']}`).expect(200)).body;
      await energy
        .post(`/api/guarantee-requests/${ids['用气']}/answers`, { status: 'secured', statusOn: '2026-03-02', version: gas.version })
        .expect(200);
    });

    it('reminds nothing before the morning after the due date', async () => {
      expect(await run('2026-03-05T20:00:00+08:00')).toEqual([]);
      expect(await run('2026-03-06T07:59:00+08:00')).toEqual([]);
    });

    it('fires once per request and due date when the job runs several times at once', async () => {
      clock.set('2026-03-06T08:40:00+08:00');
      const runs = await Promise.all(Array.from({ length: 6 }, () => reminders.run(clock.now())));
      expect(named(runs.flat())).toEqual(['排放 2026-03-05', '用地 2026-03-05', '用电 2026-03-05']);
      expect(await keys()).toBe(3);
      const staff = runs.flat().find((s) => s.requestId === ids['用电']);
      expect(staff?.recipients.sort()).toEqual([energy.user.id, sender.user.id].sort());
      expect(await count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'guarantee-overdue' AND user_id = $1`, [energy.user.id])).toBe(1);
      expect(await run('2026-03-06T20:40:00+08:00')).toEqual([]);
    });

    it('after an outage of days, sends one reminder per overdue request (not one per missed day), through the queue', async () => {
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Guarantees));
      const events = new QueueEvents(QueueName.Guarantees, { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${t.redisPrefix}:bull` });
      await events.waitUntilReady();
      try {
        const noticesBefore = await count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'guarantee-overdue'`);
        // Down from the 6th to the 30th: 用水 fell due on the 20th; the three already reminded stay reminded.
        clock.set('2026-03-30T10:00:00+08:00');
        const jobs = await Promise.all(Array.from({ length: 4 }, () => queue.add(GUARANTEE_REMINDER_JOB, { requestedAt: 'test' })));
        const results: { sent: GuaranteeReminderSent[] }[] = await Promise.all(jobs.map((j) => j.waitUntilFinished(events, 30_000)));
        expect(named(results.flatMap((r) => r.sent))).toEqual(['用水 2026-03-20']);
        expect(await keys()).toBe(4);
        // 用水's reminder went to 市水利局 (no staff user here) and the sender: one notification.
        expect(await count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'guarantee-overdue'`)).toBe(noticesBefore + 1);
        const again = await (await queue.add(GUARANTEE_REMINDER_JOB, { requestedAt: 'test' })).waitUntilFinished(events, 30_000);
        expect(again.sent).toEqual([]);
      } finally {
        await events.close();
      }
    });

    it('reminds again for a new due date once that passes, and not after the need is secured', async () => {
      clock.set('2026-03-30T11:00:00+08:00');
      const power = (await sender.get(`/api/guarantee-requests/${ids['用电']}`).expect(200)).body;
      await sender.patch(`/api/projects/${projectId}/guarantee-requests/${ids['用电']}`, { dueOn: '2026-04-02', version: power.version }).expect(200);
      const emissions = (await sender.get(`/api/guarantee-requests/${ids['排放']}`).expect(200)).body;
      await sender
        .patch(`/api/projects/${projectId}/guarantee-requests/${ids['排放']}`, { dueOn: '2026-04-02', version: emissions.version })
        .expect(200);
      await q(`UPDATE guarantee_request SET status = 'secured', status_on = '2026-03-31' WHERE id = $1`, [ids['排放']]);
      expect(await run('2026-04-02T09:00:00+08:00')).toEqual([]);
      expect(named(await run('2026-04-03T09:00:00+08:00'))).toEqual(['用电 2026-04-02']);
      expect(await run('2026-04-09T09:00:00+08:00')).toEqual([]);
    });
  });

  describe('projects blocked by a need', () => {
    /** Written here independently of blockedByNeeds: open past the due date, or answered 无法满足; the project not dropped. */
    const independent = async (asOf: string, chainIds: number[] | null) =>
      (
        await q(
          `SELECT r.id, r.project_id, r.unit_id,
                  extract(day FROM ($1::date::timestamp - date_trunc('day', r.sent_at AT TIME ZONE 'Asia/Shanghai')))::int AS since,
                  CASE WHEN r.due_on < $1::date THEN extract(day FROM ($1::date::timestamp - r.due_on::timestamp))::int END AS overdue
           FROM guarantee_request r
           WHERE r.project_id IN (SELECT id FROM project WHERE status IN ('active', 'paused')
                                    AND ($2::int[] IS NULL OR chain_id = ANY ($2::int[])))
             AND r.sent_at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
             AND CASE r.status WHEN 'cannot-meet' THEN true WHEN 'secured' THEN false ELSE r.due_on < $1::date END`,
          [asOf, chainIds],
        )
      )
        .map((r: { id: string; project_id: string; unit_id: number; since: number; overdue: number | null }) =>
          [r.id, r.project_id, r.unit_id, r.since, r.overdue].join('|'),
        )
        .sort();
    const ours = async (asOf: string, chainIds: number[] | null) =>
      (await blockedByNeeds(t.dataSource.manager, { asOf, chainIds }))
        .map((b) => [b.requestId, b.project.id, b.unit.id, b.daysSinceSent, b.daysOverdue].join('|'))
        .sort();

    beforeAll(async () => {
      clock.set('2026-04-10T10:00:00+08:00');
      // A 无法满足 before its due date, in another chain; a dropped project's need that would block.
      const fin = (
        await send({ kind: 'finance', financeWan: '5000.25', unitId: units['市文体旅游广电局'], dueOn: '2026-05-01' }, otherProjectId, stranger).expect(201)
      ).body;
      await stranger
        .post(`/api/guarantee-requests/${fin.id}/answers`, { status: 'cannot-meet', statusOn: '2026-04-10', note: '暂无对应金融产品', version: fin.version })
        .expect(200);
      const dropped = await lead(sender, '已终止的项目', 'clean-energy', '市数据局');
      await send({ kind: 'land', areaMu: '3', unitId: units['市自然资源局'], dueOn: '2026-04-11' }, dropped).expect(201);
      await q(`UPDATE project SET status = 'dropped', status_reason = '企业放弃投资' WHERE id = $1`, [dropped]);
      await q(`UPDATE guarantee_request SET due_on = '2026-04-11' WHERE project_id = $1`, [dropped]);
    });

    it('equals the independent query, for the city and for one chain, on several dates', async () => {
      const [{ id: clean }] = await q(`SELECT id FROM chain WHERE code = 'clean-energy'`);
      for (const asOf of ['2026-03-02', '2026-03-06', '2026-03-21', '2026-04-03', '2026-04-10', '2026-04-12', '2026-06-01']) {
        for (const chains of [null, [clean]]) {
          expect(await ours(asOf, chains)).toEqual(await independent(asOf, chains));
        }
      }
      expect((await ours('2026-04-12', null)).length).toBeGreaterThanOrEqual(3);
    });

    it('names the project, the need, the bureau and how long', async () => {
      const list = await blockedByNeeds(t.dataSource.manager, { asOf: '2026-04-12', chainIds: null });
      const water = list.find((b) => b.kind === 'water');
      expect(water).toMatchObject({
        project: { id: projectId, name: '东出口共享储能电站项目' },
        need: '用水 500000立方米/年',
        unit: { name: '市水利局' },
        dueOn: '2026-03-20',
        daysOverdue: 23,
        daysSinceSent: 41,
      });
      const finance = list.find((b) => b.kind === 'finance');
      expect(finance).toMatchObject({ status: 'cannot-meet', daysOverdue: null, need: '融资 5000.25万元', chain: { code: 'culture-tourism' } });
    });
  });
});
