import { PlanModule } from '@crm/api/plan';
import { QueueModule } from '@crm/api/core';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { addDays, ManualClock, type AnnualPlanView, type WeeklyDigestChainSection, type WeeklyDigestView } from '@crm/domain';
import { MeetingsJobsModule, MeetingsModule } from '../meetings.module';
import { WeeklyDigestService } from './weekly-digest.service';
import { mondayOf, monthDay } from './weekly-digest.week';

/*
 * 周跟踪 across the new year. Y is the seeded published plan's year (read, never assumed); the
 * office has published Y+1's plan, drafted from Y's, before the year ends. The digest of the
 * Monday after the week holding 31 December covers that week: its days of Y and of Y+1 (by
 * Shanghai dates: 00:00 on 1 January is still 31 December in UTC), and it goes once to each person
 * reading the chain: the office, the chain's leader, staff of a unit serving it, and staff of a
 * unit with a key task in it only.
 */

const at = (date: string, time: string) => new Date(`${date}T${time}+08:00`);

describe('weekly digest of the week spanning the new year', () => {
  const clock = new ManualClock('2000-01-01T00:00:00Z');
  let t: TestApp;
  let digests: WeeklyDigestService;
  let Y: number;
  /** The week covered (Monday to Sunday) and the digest's Monday. */
  let from: string;
  let to: string;
  let monday: string;
  let chain: string;
  let office: SignedInAgent;
  const users: Record<string, string> = {};
  const projects = new Map<string, { id: string; createdAt: Date }>();
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);

  async function project(name: string, unitId: number, createdAt: Date) {
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status, created_at)
       VALUES ($1, (SELECT id FROM chain WHERE code = $2), '投资方', 'other', $3, $4, 'lead', 'active', $5) RETURNING id`,
      [name, chain, unitId, users['owner'], createdAt],
    );
    projects.set(name, { id, createdAt });
  }
  const idOf = (name: string) => projects.get(name)?.id;

  const named = (s: WeeklyDigestChainSection) => ({
    newLeads: s.newLeads.map((p) => p.name),
    stageMoves: s.stageMoves.map((m) => `${m.project.name} ${m.from}→${m.to} ${m.movedOn}`),
    signings: s.signings.map((x) => `${x.project.name} ${Number(x.amount)} ${x.signedOn}`),
    signedTotal: Number(s.signedTotal),
    funds: s.funds.map((x) => `${x.project.name} ${Number(x.amount)} ${x.recordedOn}`),
    fundsTotal: Number(s.fundsTotal),
    itemsDue: s.itemsDue.map((i) => `${i.text} ${i.dueOn}${i.overdue ? ' 逾期' : ''}`),
    overdueFollowUps: s.overdueFollowUps.map((f) => `${f.project.name} ${f.dueOn}`),
  });
  const sectionOf = (view: WeeklyDigestView) => view.chains.find((c) => c.chain.code === chain);

  beforeAll(async () => {
    t = await createTestApp(
      [QueueModule, MeetingsModule, MeetingsJobsModule, PlanModule],
      { SIGN_IN_RATE_PER_MINUTE: '1000' },
      { clock },
    );
    digests = t.app.get(WeeklyDigestService);
    [{ year: Y }] = await q(`SELECT max(year)::int AS year FROM annual_plan WHERE status = 'published'`);
    from = mondayOf(`${Y}-12-31`);
    to = addDays(from, 6);
    monday = addDays(from, 7);
    clock.set(at(`${Y}-12-20`, '10:00:00'));

    // A chain with a unit that only has a key task in it (Y's plan), and who reads it.
    const [pick] = await q(
      `SELECT c.code, ku.unit_id AS key_unit FROM key_task k JOIN key_task_unit ku ON ku.key_task_id = k.id JOIN chain c ON c.id = k.chain_id
       WHERE k.year = $1 AND NOT EXISTS (SELECT 1 FROM chain_unit cu WHERE cu.chain_id = k.chain_id AND cu.unit_id = ku.unit_id)
         AND NOT EXISTS (SELECT 1 FROM chain_unit cu WHERE cu.unit_id = ku.unit_id)
       ORDER BY c.sort_order, ku.unit_id LIMIT 1`,
      [Y],
    );
    chain = pick.code;
    const [serving] = await q(
      `SELECT u.id, u.name FROM chain_unit cu JOIN unit u ON u.id = cu.unit_id JOIN chain c ON c.id = cu.chain_id
       WHERE c.code = $1 AND cu.role = 'responsible' ORDER BY u.id LIMIT 1`,
      [chain],
    );
    const [keyUnit] = await q(`SELECT name FROM unit WHERE id = $1`, [pick.key_unit]);
    const [lead] = await q(
      `SELECT p.name FROM chain_leader cl JOIN person p ON p.id = cl.person_id JOIN chain c ON c.id = cl.chain_id
       WHERE c.code = $1 AND (cl.valid_to IS NULL OR cl.valid_to >= $2::date) ORDER BY cl.role, p.id LIMIT 1`,
      [chain, monday],
    );
    office = await signInAs(t, { roles: ['office'] });
    users['office'] = office.user.id;
    users['staff'] = (await createTestUser(t, { roles: ['staff'], unit: serving.name })).id;
    users['keyStaff'] = (await createTestUser(t, { roles: ['staff'], unit: keyUnit.name })).id;
    users['leader'] = (await createTestUser(t, { roles: ['leader'], person: lead.name })).id;
    users['owner'] = users['staff'];

    // Y+1's plan, drafted from Y's and published before the year ends: the key-task duty carries on.
    const draft = (await office.post(`/api/plans/${Y + 1}/draft`, { fromYear: Y }).expect(201)).body as AnnualPlanView;
    await office.post(`/api/plans/${Y + 1}/publish`, { version: draft.version }).expect(200);

    // A lead on each day of the week, and the edges: the Sunday before, 31 December's last second,
    // 1 January's first (31 December in UTC), and the digest's Monday itself (the next week).
    for (let i = 0; i < 7; i++) await project(`第${i + 1}天`, serving.id, at(addDays(from, i), '12:00:00'));
    await project('上周日', serving.id, at(addDays(from, -1), '23:59:59'));
    await project('除夕末秒', serving.id, at(`${Y}-12-31`, '23:59:59'));
    await project('元旦零点', serving.id, at(`${Y + 1}-01-01`, '00:00:00'));
    await project('下周一', serving.id, at(monday, '00:00:00'));

    const move = (name: string, fromStage: string, toStage: string, movedAt: Date) =>
      q(`INSERT INTO project_stage_move (project_id, from_stage, to_stage, moved_at) VALUES ($1, $2, $3, $4)`, [
        idOf(name),
        fromStage,
        toStage,
        movedAt,
      ]);
    await move('第1天', 'lead', 'negotiation', at(`${Y}-12-31`, '18:00:00'));
    await move('第2天', 'lead', 'negotiation', at(`${Y + 1}-01-01`, '00:30:00'));
    await move('上周日', 'lead', 'negotiation', at(monday, '00:00:00'));

    // A signing counts in 签约额 for a project at 项目签约 or later (the headline figures' rule).
    const agreement = async (name: string, amount: string, signedOn: string) => {
      await q(`UPDATE project SET stage = 'signed' WHERE id = $1 AND stage < 'signed'`, [idOf(name)]);
      await q(`INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'initial', $2, $3, $4)`, [
        idOf(name),
        amount,
        signedOn,
        `REF-${name}`,
      ]);
    };
    await agreement('除夕末秒', '8000', `${Y}-12-31`);
    await agreement('元旦零点', '2000.5', `${Y + 1}-01-01`);
    await agreement('上周日', '100', addDays(from, -1));
    await agreement('下周一', '200', monday);

    const fund = (name: string, amount: string, createdAt: Date, month: string) =>
      q(`INSERT INTO fund_arrival (project_id, month, amount, created_at) VALUES ($1, $2, $3, $4)`, [idOf(name), month, amount, createdAt]);
    await fund('第3天', '300', at(`${Y}-12-31`, '23:30:00'), `${Y}-12`);
    await fund('第4天', '70', at(`${Y + 1}-01-01`, '00:10:00'), `${Y + 1}-01`);
    await fund('第5天', '9', at(monday, '00:00:00'), `${Y + 1}-01`);

    await q(`UPDATE project SET next_follow_up_on = $2 WHERE id = $1`, [idOf('第6天'), `${Y}-12-31`]);
    await q(`UPDATE project SET next_follow_up_on = $2 WHERE id = $1`, [idOf('第7天'), monday]);

    const [{ id: meetingId }] = await q(
      `INSERT INTO meeting (kind, held_on, chair_name, created_by) VALUES ('monthly-dispatch', $1, '主持人', $2) RETURNING id`,
      [`${Y}-12-15`, users['office']],
    );
    await q(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = $2`, [meetingId, chain]);
    for (const [text, dueOn] of [
      ['年末到期', `${Y}-12-31`],
      ['元旦后到期', addDays(monday, 3)],
      ['下下周到期', addDays(monday, 7)],
    ]) {
      await q(`INSERT INTO action_item (meeting_id, text, owner_unit_id, due_on, created_by) VALUES ($1, $2, $3, $4, $5)`, [
        meetingId,
        text,
        serving.id,
        dueOn,
        users['office'],
      ]);
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('covers the days of both years of that week, by Shanghai dates', async () => {
    clock.set(at(monday, '09:00:00'));
    const view = (await office.get(`/api/digests/weekly?week=${monday}`).expect(200)).body as WeeklyDigestView;
    expect([view.week, view.from, view.to]).toEqual([monday, from, to]);
    const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
    // The week holds 31 December of Y and, unless that is a Sunday, 1 January of Y+1.
    expect(days).toContain(`${Y}-12-31`);
    const inWeek = [...projects.entries()]
      .filter(([, p]) => p.createdAt >= at(from, '00:00:00') && p.createdAt < at(monday, '00:00:00'))
      .sort((a, b) => a[1].createdAt.getTime() - b[1].createdAt.getTime())
      .map(([name]) => name);
    const both = days.includes(`${Y + 1}-01-01`);
    const s = sectionOf(view);
    if (!s) throw new Error(`no section for ${chain}`);
    expect(named(s)).toEqual({
      newLeads: inWeek,
      stageMoves: [`第2天 lead→negotiation ${Y + 1}-01-01`, `第1天 lead→negotiation ${Y}-12-31`].filter((m) => both || !m.includes(`${Y + 1}-`)),
      signings: [`除夕末秒 8000 ${Y}-12-31`, ...(both ? [`元旦零点 2000.5 ${Y + 1}-01-01`] : [])],
      signedTotal: both ? 10000.5 : 8000,
      funds: [`第3天 300 ${Y}-12-31`, ...(both ? [`第4天 70 ${Y + 1}-01-01`] : [])],
      fundsTotal: both ? 370 : 300,
      itemsDue: [`年末到期 ${Y}-12-31 逾期`, `元旦后到期 ${addDays(monday, 3)}`],
      overdueFollowUps: [`第6天 ${Y}-12-31`],
    });
    expect(inWeek).toEqual(expect.arrayContaining(['除夕末秒', ...(both ? ['元旦零点'] : [])]));
    expect(inWeek).not.toContain('上周日');
    expect(inWeek).not.toContain('下周一');
    // The weeks on either side hold none of it.
    clock.set(at(addDays(monday, 7), '09:00:00'));
    const next = sectionOf((await office.get(`/api/digests/weekly?week=${addDays(monday, 7)}`).expect(200)).body);
    expect(next?.newLeads.map((p) => p.name)).toEqual(['下周一']);
    const before = sectionOf((await office.get(`/api/digests/weekly?week=${from}`).expect(200)).body);
    expect(before?.newLeads.map((p) => p.name)).toEqual(['上周日']);
  });

  it('is sent on that Monday from 08:00, once to each person reading the chain, whether run twice or at once', async () => {
    const run = (instant: Date) => {
      clock.set(instant);
      return digests.send(clock.now());
    };
    // Nothing on the other days of the week, 31 December and 1 January among them.
    for (let i = 1; i < 7; i++) expect(await run(at(addDays(from, i), '10:00:00'))).toEqual([]);
    expect(await run(at(monday, '07:59:00'))).toEqual([]);
    clock.set(at(monday, '08:00:00'));
    const [a, b] = await Promise.all([digests.send(clock.now()), digests.send(clock.now())]);
    const sent = [...a, ...b];
    const recipients = ['office', 'staff', 'keyStaff', 'leader'].map((k) => users[k]).sort();
    expect(sent.map((s) => s.userId).sort()).toEqual(recipients);
    expect(sent.every((s) => s.week === monday && (s.chains as string[]).includes(chain))).toBe(true);
    expect(await run(at(monday, '09:00:00'))).toEqual([]);
    expect(await run(at(monday, '12:00:00'))).toEqual([]);
    const rows = await q(
      `SELECT n.user_id, n.title, n.body FROM weekly_digest_sent s JOIN notification n ON n.id = s.notification_id
       WHERE s.week = $1 ORDER BY n.user_id`,
      [monday],
    );
    expect(rows.map((r: { user_id: string }) => r.user_id)).toEqual(recipients);
    for (const r of rows) {
      expect(r.title).toContain(`周跟踪（${monthDay(from)}—${monthDay(to)}）`);
      expect(r.body).toContain(`${from}至${to}`);
    }
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM notification WHERE kind = 'weekly-digest'`);
    expect(n).toBe(recipients.length);
  });
});
