import { QueueModule, QueueName } from '@crm/api/core';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type WeeklyDigestChainSection, type WeeklyDigestView } from '@crm/domain';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { MeetingsJobsModule, MeetingsModule } from '../meetings.module';
import { WEEKLY_DIGEST_JOB } from './weekly-digest.job';
import { WeeklyDigestService, type WeeklyDigestSent } from './weekly-digest.service';

/**
 * 周跟踪: a person's digest holds exactly the week's events of the chains they may read (the week
 * before the Monday, Shanghai dates), and the worker sends it once per person and week, on Monday
 * mornings only, whether it fires twice or twice at once.
 *
 * The digest of Monday 2025-03-10 covers 2025-03-03 (Mon) to 2025-03-09 (Sun); 2025-03-09T16:30Z
 * is already Monday 00:30 in Shanghai, so what happens then belongs to the next week.
 */
describe('weekly digest (周跟踪)', () => {
  const clock = new ManualClock('2025-03-10T10:00:00+08:00');
  let t: TestApp;
  let digests: WeeklyDigestService;
  let office: SignedInAgent;
  let energyStaff: SignedInAgent; // staff of a unit serving clean-energy, not metallurgy
  let xiao: SignedInAgent; // 肖军: leads 清洁能源, not 冶金
  const users: Record<string, string> = {};
  const projects: Record<string, string> = {};
  let energyUnit: { id: number; name: string };
  let otherUnit: { id: number; name: string };

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);

  /** A unit serving one chain that neither serves the other nor has a key task in it (which gives read access). */
  async function unitServing(chain: string, notChain: string): Promise<{ id: number; name: string }> {
    const [row] = await q(
      `SELECT u.id, u.name FROM unit u
       WHERE EXISTS (SELECT 1 FROM chain_unit cu JOIN chain c ON c.id = cu.chain_id WHERE cu.unit_id = u.id AND c.code = $1)
         AND NOT EXISTS (SELECT 1 FROM chain_unit cu JOIN chain c ON c.id = cu.chain_id WHERE cu.unit_id = u.id AND c.code = $2)
         AND NOT EXISTS (SELECT 1 FROM key_task k JOIN key_task_unit ku ON ku.key_task_id = k.id JOIN chain c ON c.id = k.chain_id
                         WHERE ku.unit_id = u.id AND c.code = $2)
       ORDER BY u.id LIMIT 1`,
      [chain, notChain],
    );
    return row;
  }

  /** Chain codes in the plan's order, as the digest lists them. */
  async function codes(where: string, params: unknown[]): Promise<string[]> {
    const rows: { code: string }[] = await q(`SELECT code FROM chain c WHERE ${where} ORDER BY sort_order, id`, params);
    return rows.map((r) => r.code);
  }

  async function project(name: string, chain: string, unitId: number, createdAt: string, extra: Record<string, unknown> = {}) {
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status, created_at)
       VALUES ($1, (SELECT id FROM chain WHERE code = $2), '投资方', 'other', $3, $4, $5, $6, $7) RETURNING id`,
      [name, chain, unitId, users['energyStaff'], extra['stage'] ?? 'lead', extra['status'] ?? 'active', createdAt],
    );
    projects[name] = id;
  }
  const move = (name: string, from: string | null, to: string, at: string) =>
    q(`INSERT INTO project_stage_move (project_id, from_stage, to_stage, moved_at) VALUES ($1, $2, $3, $4)`, [
      projects[name],
      from,
      to,
      at,
    ]);
  // A signing counts in 签约额 for a project at 项目签约 or later (the headline figures' rule).
  const agreement = async (name: string, amount: string, signedOn: string) => {
    await q(`UPDATE project SET stage = 'signed' WHERE id = $1 AND stage < 'signed'`, [projects[name]]);
    await q(
      `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'initial', $2, $3, $4)`,
      [projects[name], amount, signedOn, `REF-${name}`],
    );
  };
  const fund = (name: string, amount: string, createdAt: string) =>
    q(`INSERT INTO fund_arrival (project_id, month, amount, created_at) VALUES ($1, '2025-03', $2, $3)`, [
      projects[name],
      amount,
      createdAt,
    ]);
  async function meeting(chains: string[]): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO meeting (kind, held_on, chair_name, created_by) VALUES ($1, '2025-03-01', '主持人', $2) RETURNING id`,
      [chains.length > 1 ? 'joint' : 'monthly-dispatch', users['office']],
    );
    await q(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = ANY ($2)`, [id, chains]);
    return id;
  }
  const item = (meetingId: string, text: string, dueOn: string, status = 'open') =>
    q(
      `INSERT INTO action_item (meeting_id, text, owner_unit_id, due_on, status, done_note, done_at, created_by)
       VALUES ($1, $2, $3, $4, $5::text::action_item_status, CASE WHEN $5 = 'done' THEN '已办' END, CASE WHEN $5 = 'done' THEN now() END, $6)`,
      [meetingId, text, energyUnit.id, dueOn, status, users['office']],
    );

  const section = (view: WeeklyDigestView, code: string): WeeklyDigestChainSection => {
    const s = view.chains.find((c) => c.chain.code === code);
    if (!s) throw new Error(`no section for ${code} in ${view.chains.map((c) => c.chain.code).join(',')}`);
    return s;
  };
  /** A section by project names, to compare with what the week should hold. */
  const named = (s: WeeklyDigestChainSection) => ({
    newLeads: s.newLeads.map((p) => p.name),
    stageMoves: s.stageMoves.map((m) => `${m.project.name} ${m.from}→${m.to} ${m.movedOn}`),
    signings: s.signings.map((x) => `${x.project.name} ${x.amount} ${x.signedOn}`),
    signedTotal: s.signedTotal,
    funds: s.funds.map((x) => `${x.project.name} ${x.amount} ${x.recordedOn}`),
    fundsTotal: s.fundsTotal,
    itemsDue: s.itemsDue.map((i) => `${i.text} ${i.dueOn}${i.overdue ? ' 逾期' : ''}`),
    overdueFollowUps: s.overdueFollowUps.map((f) => `${f.project.name} ${f.dueOn}`),
  });
  const empty = {
    newLeads: [],
    stageMoves: [],
    signings: [],
    signedTotal: '0',
    funds: [],
    fundsTotal: '0',
    itemsDue: [],
    overdueFollowUps: [],
  };
  const digestOf = async (agent: SignedInAgent, week = '2025-03-10'): Promise<WeeklyDigestView> =>
    (await agent.get(`/api/digests/weekly?week=${week}`).expect(200)).body;
  const inbox = (user: string) =>
    q(`SELECT id, title, body, link FROM notification WHERE user_id = $1 AND kind = 'weekly-digest' ORDER BY created_at`, [
      users[user],
    ]);
  const who = (sent: WeeklyDigestSent[]) =>
    sent.map((s) => Object.keys(users).find((k) => users[k] === s.userId) ?? s.userId).sort();

  beforeAll(async () => {
    t = await createTestApp([
      QueueModule,
      MeetingsModule,
      MeetingsJobsModule,
    ], {}, { clock });
    digests = t.app.get(WeeklyDigestService);
    energyUnit = await unitServing('clean-energy', 'metallurgy');
    otherUnit = await unitServing('metallurgy', 'clean-energy');
    office = await signInAs(t, { roles: ['office'] });
    users['office'] = office.user.id;
    energyStaff = await signInAs(t, { roles: ['staff'], unit: energyUnit.name });
    users['energyStaff'] = energyStaff.user.id;
    xiao = await signInAs(t, { roles: ['leader'], person: '肖军' });
    users['xiao'] = xiao.user.id;
    users['xu'] = (await createTestUser(t, { roles: ['leader'], person: '徐进' })).id;
    users['otherStaff'] = (await createTestUser(t, { roles: ['staff'], unit: otherUnit.name })).id;
    users['admin'] = (await createTestUser(t, { roles: ['admin'] })).id;
    users['gone'] = (await createTestUser(t, { roles: ['staff'], unit: energyUnit.name })).id;
    await q(`UPDATE app_user SET active = false WHERE id = $1`, [users['gone']]);
    // A leader who leads no chain gets no digest.
    const [idle] = await q(`SELECT name FROM person p WHERE NOT EXISTS (SELECT 1 FROM chain_leader cl WHERE cl.person_id = p.id) LIMIT 1`);
    if (idle) users['noChains'] = (await createTestUser(t, { roles: ['leader'], person: idle.name })).id;

    // clean-energy: the week's edges on both sides.
    await project('周前', 'clean-energy', energyUnit.id, '2025-03-02T23:59:00+08:00');
    await project('周一', 'clean-energy', energyUnit.id, '2025-03-03T00:00:00+08:00');
    await project('周日', 'clean-energy', energyUnit.id, '2025-03-09T23:59:59+08:00');
    await project('下周一', 'clean-energy', energyUnit.id, '2025-03-09T16:30:00Z'); // Monday 00:30 in Shanghai
    await project('暂停', 'clean-energy', energyUnit.id, '2025-01-10T10:00:00+08:00', { status: 'paused' });
    await project('冶金新', 'metallurgy', otherUnit.id, '2025-03-05T10:00:00+08:00');

    await move('周一', null, 'lead', '2025-03-03T00:00:00+08:00'); // its creation: a new lead, not a move
    await move('周前', 'lead', 'negotiation', '2025-03-04T09:00:00+08:00');
    await move('周前', 'negotiation', 'evaluation', '2025-03-09T16:30:00Z'); // next week
    await move('暂停', 'lead', 'negotiation', '2025-03-02T23:59:59+08:00'); // the week before
    await move('冶金新', 'lead', 'negotiation', '2025-03-06T10:00:00+08:00');

    await agreement('周一', '15000', '2025-03-03');
    await agreement('周日', '3000.5', '2025-03-09');
    await agreement('周前', '100', '2025-03-02');
    await agreement('下周一', '200', '2025-03-10');
    await agreement('冶金新', '999', '2025-03-05');

    await fund('周日', '2500.25', '2025-03-03T00:10:00+08:00');
    await fund('周一', '500', '2025-03-09T23:30:00+08:00');
    await fund('周前', '700', '2025-03-09T16:30:00Z'); // next week
    await fund('周前', '800', '2025-03-02T23:50:00+08:00');
    await fund('冶金新', '66', '2025-03-05T12:00:00+08:00');

    await q(`UPDATE project SET next_follow_up_on = '2025-03-09' WHERE id = $1`, [projects['周前']]);
    await q(`UPDATE project SET next_follow_up_on = '2025-03-10' WHERE id = $1`, [projects['周一']]);
    await q(`UPDATE project SET next_follow_up_on = '2025-03-01' WHERE id = $1`, [projects['暂停']]); // paused: left out
    await q(`UPDATE project SET next_follow_up_on = '2025-02-20' WHERE id = $1`, [projects['冶金新']]);

    const energyMeeting = await meeting(['clean-energy']);
    await item(energyMeeting, '逾期', '2025-03-05');
    await item(energyMeeting, '本周', '2025-03-16', 'in-progress'); // the Sunday of the digest's week
    await item(energyMeeting, '下周', '2025-03-17');
    await item(energyMeeting, '已办', '2025-03-12', 'done');
    await item(await meeting(['clean-energy', 'metallurgy']), '联席', '2025-03-11');
  }, 120_000);
  afterAll(() => t?.close());

  describe('GET /api/digests/weekly', () => {
    it('holds exactly the week’s events of the chains the staff member’s unit serves', async () => {
      const view = await digestOf(energyStaff);
      expect([view.week, view.from, view.to, view.recipient.id]).toEqual([
        '2025-03-10',
        '2025-03-03',
        '2025-03-09',
        users['energyStaff'],
      ]);
      expect(view.chains.map((c) => c.chain.code)).toEqual(
        await codes(`EXISTS (SELECT 1 FROM chain_unit cu WHERE cu.chain_id = c.id AND cu.unit_id = $1)`, [energyUnit.id]),
      );
      expect(view.chains.map((c) => c.chain.code)).not.toContain('metallurgy');
      expect(named(section(view, 'clean-energy'))).toEqual({
        newLeads: ['周一', '周日'],
        stageMoves: ['周前 lead→negotiation 2025-03-04'],
        signings: ['周一 15000.000000 2025-03-03', '周日 3000.500000 2025-03-09'],
        signedTotal: '18000.500000',
        funds: ['周日 2500.250000 2025-03-03', '周一 500.000000 2025-03-09'],
        fundsTotal: '3000.250000',
        itemsDue: ['逾期 2025-03-05 逾期', '联席 2025-03-11', '本周 2025-03-16'],
        overdueFollowUps: ['周前 2025-03-09'],
      });
      for (const s of view.chains.filter((c) => c.chain.code !== 'clean-energy')) expect(named(s)).toEqual(empty);
    });

    it('gives a leader only the chains they lead', async () => {
      const view = await digestOf(xiao);
      const led = await codes(
        `EXISTS (SELECT 1 FROM chain_leader cl JOIN person p ON p.id = cl.person_id WHERE cl.chain_id = c.id AND p.name = $1)`,
        ['肖军'],
      );
      expect(view.chains.map((c) => c.chain.code)).toEqual(led);
      expect(led).toContain('clean-energy');
      expect(led).not.toContain('metallurgy');
      expect(section(view, 'clean-energy').newLeads.map((p) => p.name)).toEqual(['周一', '周日']);
    });

    it('gives the office all seven chains, each with only its own events', async () => {
      const view = await digestOf(office);
      expect(view.chains).toHaveLength(7);
      expect(named(section(view, 'metallurgy'))).toEqual({
        newLeads: ['冶金新'],
        stageMoves: ['冶金新 lead→negotiation 2025-03-06'],
        signings: ['冶金新 999.000000 2025-03-05'],
        signedTotal: '999.000000',
        funds: ['冶金新 66.000000 2025-03-05'],
        fundsTotal: '66.000000',
        itemsDue: ['联席 2025-03-11'],
        overdueFollowUps: ['冶金新 2025-02-20'],
      });
      expect(section(view, 'clean-energy').signedTotal).toBe('18000.500000');
    });

    it('counts by Shanghai dates: 2025-03-09T16:30Z is Monday 03-10, the next week', async () => {
      const next = section(await digestOf(energyStaff, '2025-03-17'), 'clean-energy');
      expect(named(next)).toMatchObject({
        newLeads: ['下周一'],
        stageMoves: ['周前 negotiation→evaluation 2025-03-10'],
        signings: ['下周一 200.000000 2025-03-10'],
        funds: ['周前 700.000000 2025-03-10'],
        fundsTotal: '700.000000',
      });
      const before = section(await digestOf(energyStaff, '2025-03-03'), 'clean-energy');
      expect(named(before)).toMatchObject({
        newLeads: ['周前'],
        signings: ['周前 100.000000 2025-03-02'],
        funds: ['周前 800.000000 2025-03-02'],
      });
    });

    it('defaults to the latest Monday on or before today in Shanghai', async () => {
      clock.set('2025-03-09T16:30:00Z'); // Monday 00:30 in Shanghai
      expect((await energyStaff.get('/api/digests/weekly').expect(200)).body.week).toBe('2025-03-10');
      clock.set('2025-03-09T15:59:00Z'); // Sunday 23:59 in Shanghai
      expect((await energyStaff.get('/api/digests/weekly').expect(200)).body.week).toBe('2025-03-03');
    });

    it('refuses a week that is not a Monday, readably, and unknown parameters', async () => {
      for (const week of ['2025-03-11', '2025-03-09', '2025-02-30', '20250310', 'monday']) {
        const res = await energyStaff.get(`/api/digests/weekly?week=${week}`).expect(400);
        expect(JSON.stringify(res.body)).toContain('星期一');
        expect(JSON.stringify(res.body)).toContain('Monday');
      }
      await energyStaff.get('/api/digests/weekly?week=2025-03-10&user=someone').expect(400);
    });
  });

  describe('the Monday job', () => {
    const run = (at: string, week?: string) => {
      clock.set(at);
      return digests.send(clock.now(), week);
    };
    const sentRows = async () => (await q(`SELECT count(*)::int AS n FROM weekly_digest_sent`))[0].n;

    it('sends nothing on a Tuesday, nor on Monday before 08:00 Shanghai time', async () => {
      expect(await run('2025-03-11T09:00:00+08:00')).toEqual([]);
      expect(await run('2025-03-16T10:00:00+08:00')).toEqual([]); // Sunday
      expect(await run('2025-03-09T16:30:00Z')).toEqual([]); // Monday 00:30 Shanghai
      expect(await run('2025-03-09T23:59:00Z')).toEqual([]); // Monday 07:59 Shanghai
      expect(await sentRows()).toBe(0);
    });

    it('sends each leader, staff member and office user their digest once, though fired twice at once', async () => {
      clock.set('2025-03-10T00:00:00Z'); // Monday 08:00 Shanghai
      const [a, b] = await Promise.all([digests.send(clock.now()), digests.send(clock.now())]);
      expect(who([...a, ...b])).toEqual(['energyStaff', 'office', 'otherStaff', 'xiao', 'xu'].sort());
      expect([...a, ...b].every((s) => s.week === '2025-03-10')).toBe(true);
      for (const user of ['energyStaff', 'office', 'otherStaff', 'xiao', 'xu']) expect(await inbox(user)).toHaveLength(1);
      for (const user of ['admin', 'gone', 'noChains']) if (users[user]) expect(await inbox(user)).toEqual([]);
      // The hourly runs after it, and the next run that day, find everything sent.
      expect(await run('2025-03-10T09:00:00+08:00')).toEqual([]);
      expect(await run('2025-03-10T12:00:00+08:00')).toEqual([]);
      expect(await sentRows()).toBe(5);
    });

    it('writes a short Chinese summary per chain, linked to the digest page', async () => {
      const [notice] = await inbox('energyStaff');
      expect(notice.title).toMatch(/^周跟踪（3月3日—3月9日）/);
      expect(notice.link).toBe('/meetings/digest?week=2025-03-10');
      expect(notice.body).toContain(
        '清洁能源产业链：新增线索2个，阶段推进1个，签约2个共1.8亿元，到位资金3000.25万元，待办交办事项3项，逾期跟进1个',
      );
      expect(notice.body).not.toContain('冶金');
      const [sent] = await q(`SELECT notification_id FROM weekly_digest_sent WHERE user_id = $1 AND week = '2025-03-10'`, [
        users['energyStaff'],
      ]);
      expect(sent.notification_id).toBe(notice.id);

      const [xuNotice] = await inbox('xu');
      expect(xuNotice.body).toContain('金属冶金产业链：新增线索1个，阶段推进1个，签约1个共999万元，到位资金66万元，待办交办事项1项，逾期跟进1个');
      expect(xuNotice.body).not.toContain('清洁能源');
      const [xiaoNotice] = await inbox('xiao');
      expect(xiaoNotice.body).toContain('清洁能源产业链：新增线索2个');
      expect(xiaoNotice.body).not.toContain('冶金');
    });

    it('sends a given week on another day, once, through the queue, even when queued twice at once', async () => {
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Meetings));
      const events = new QueueEvents(QueueName.Meetings, {
        connection: { host: '127.0.0.1', port: 6379 },
        prefix: `${t.redisPrefix}:bull`,
      });
      await events.waitUntilReady();
      try {
        clock.set('2025-03-12T15:00:00+08:00'); // a Wednesday
        const plain = await queue.add(WEEKLY_DIGEST_JOB, { requestedAt: 'schedule' });
        expect((await plain.waitUntilFinished(events, 15_000)).sent).toEqual([]);
        const jobs = await Promise.all([
          queue.add(WEEKLY_DIGEST_JOB, { requestedAt: 'test', week: '2025-03-03' }),
          queue.add(WEEKLY_DIGEST_JOB, { requestedAt: 'test', week: '2025-03-03' }),
        ]);
        const results: { sent: WeeklyDigestSent[] }[] = await Promise.all(jobs.map((j) => j.waitUntilFinished(events, 15_000)));
        const sent = results.flatMap((r) => r.sent);
        expect(who(sent)).toEqual(['energyStaff', 'office', 'otherStaff', 'xiao', 'xu'].sort());
        expect(sent.every((s) => s.week === '2025-03-03')).toBe(true);
        expect(await inbox('energyStaff')).toHaveLength(2);
        // Not a Monday, or a Monday still to come: refused at once, not retried.
        const bad = await queue.add(WEEKLY_DIGEST_JOB, { requestedAt: 'test', week: '2025-03-11' }, { attempts: 3 });
        await expect(bad.waitUntilFinished(events, 15_000)).rejects.toThrow(/not a Monday/);
        const future = await queue.add(WEEKLY_DIGEST_JOB, { requestedAt: 'test', week: '2025-03-17' });
        await expect(future.waitUntilFinished(events, 15_000)).rejects.toThrow(/not a Monday on or before today/);
        expect(await sentRows()).toBe(10);
      } finally {
        await events.close();
      }
    }, 60_000);

    it('sends a new user of a chain their first digest, and only to them', async () => {
      users['newStaff'] = (await createTestUser(t, { roles: ['staff'], unit: energyUnit.name })).id;
      expect(who(await run('2025-03-10T11:00:00+08:00'))).toEqual(['newStaff']);
      expect(await run('2025-03-10T12:00:00+08:00')).toEqual([]);
    });
  });
});
