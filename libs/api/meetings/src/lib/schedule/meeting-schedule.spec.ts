import { QueueModule, QueueName } from '@crm/api/core';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type MeetingScheduleRow, type MeetingScheduleView } from '@crm/domain';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { MeetingsJobsModule, MeetingsModule } from '../meetings.module';
import { MEETING_SCHEDULE_REMINDER_JOB } from './meeting-schedule-reminder.job';
import { MeetingScheduleReminderService, type MeetingScheduleNoticeSent } from './meeting-schedule-reminder.service';

/**
 * 月调度会日程: each chain's status for a month on Shanghai dates, set by the office only, read
 * per chain; the reminder before the day and the notice once it has passed without a meeting,
 * each once per chain and month under repeated and concurrent runs, caught up after an outage.
 */
describe('meeting schedule', () => {
  jest.setTimeout(60_000);
  const clock = new ManualClock('2025-03-01T10:00:00+08:00');
  let t: TestApp;
  let reminders: MeetingScheduleReminderService;
  let office: SignedInAgent;
  let energyStaff: SignedInAgent; // 市能源局: the lead responsible unit of 清洁能源
  let dataStaff: SignedInAgent; // 市数据局: responsible for 清洁能源, not the lead
  let xiao: SignedInAgent; // leads 清洁能源
  let xu: SignedInAgent; // leads 冶金 among others, not 清洁能源
  let inactiveOffice: string;
  const chainIds: Record<string, number> = {};
  let authorId: string;

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const at = (instant: string) => clock.set(instant);
  const view = async (who: SignedInAgent, query = ''): Promise<MeetingScheduleView> =>
    (await who.get(`/api/meeting-schedule${query}`).expect(200)).body;
  const rowOf = (v: MeetingScheduleView, code: string): MeetingScheduleRow => {
    const row = v.rows.find((r) => r.chain.code === code);
    if (!row) throw new Error(`no row for ${code}`);
    return row;
  };
  const statuses = (v: MeetingScheduleView, codes: string[]) => codes.map((c) => [c, rowOf(v, c).status]);
  async function meeting(chains: string[], heldOn: string, kind = 'monthly-dispatch'): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO meeting (kind, held_on, chair_name, created_by) VALUES ($1, $2, '主持人', $3) RETURNING id`,
      [kind, heldOn, authorId],
    );
    await q(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = ANY ($2)`, [id, chains]);
    return id;
  }
  const who = (id: string): string =>
    [
      ['office', office.user.id],
      ['energyStaff', energyStaff.user.id],
      ['dataStaff', dataStaff.user.id],
      ['xiao', xiao.user.id],
      ['xu', xu.user.id],
    ].find(([, u]) => u === id)?.[0] ?? id;
  const named = (sent: MeetingScheduleNoticeSent[]) =>
    sent
      .map((s) => {
        const chain = Object.keys(chainIds).find((k) => chainIds[k] === s.chainId);
        return `${s.kind} ${chain} ${s.scheduledOn} → ${s.recipients.map(who).sort().join(',')}`;
      })
      .sort();
  const run = (instant: string) => {
    at(instant);
    return reminders.run(clock.now());
  };

  beforeAll(async () => {
    t = await createTestApp(
      [MeetingsModule, QueueModule, MeetingsJobsModule],
      { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock },
    );
    reminders = t.app.get(MeetingScheduleReminderService);
    for (const r of await q(`SELECT id, code FROM chain`)) chainIds[r.code] = r.id;
    // 市能源局 leads the units of 清洁能源 (the chair's office).
    await q(
      `UPDATE chain_unit SET is_lead = (unit_id = (SELECT id FROM unit WHERE name = '市能源局'))
       WHERE chain_id = $1 AND role = 'responsible'`,
      [chainIds['clean-energy']],
    );
    [office, energyStaff, dataStaff, xiao, xu] = await Promise.all([
      signInAs(t, { roles: ['office'] }),
      signInAs(t, { roles: ['staff'], unit: '市能源局' }),
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
      signInAs(t, { roles: ['leader'], person: '徐进' }),
    ]);
    inactiveOffice = (await createTestUser(t, { roles: ['office'] })).id;
    await q(`UPDATE app_user SET active = false WHERE id = $1`, [inactiveOffice]);
    authorId = office.user.id;
  });
  afterAll(() => t.close());

  describe('PUT /api/meeting-schedule/:chain', () => {
    it('lets the office set a chain’s day, audited', async () => {
      const res = await office.put('/api/meeting-schedule/clean-energy', { dayOfMonth: 10, remindDaysBefore: 3 }).expect(200);
      expect(res.body).toMatchObject({ chain: { code: 'clean-energy' }, dayOfMonth: 10, remindDaysBefore: 3, scheduledOn: '2025-03-10' });
      await office.put('/api/meeting-schedule/metallurgy', { dayOfMonth: 5, remindDaysBefore: 0 }).expect(200);
      const [audit] = await q(
        `SELECT action, after FROM audit_log WHERE entity_type = 'meeting_schedule' AND entity_id = 'clean-energy'`,
      );
      expect(audit).toEqual({ action: 'create', after: { dayOfMonth: 10, remindDaysBefore: 3 } });
    });

    it('refuses staff and leaders (403)', async () => {
      await energyStaff.put('/api/meeting-schedule/clean-energy', { dayOfMonth: 12, remindDaysBefore: 3 }).expect(403);
      await xiao.put('/api/meeting-schedule/clean-energy', { dayOfMonth: 12, remindDaysBefore: 3 }).expect(403);
      expect((await q(`SELECT day_of_month FROM meeting_schedule WHERE chain_id = $1`, [chainIds['clean-energy']]))[0]).toEqual({
        day_of_month: 10,
      });
    });

    it('answers 400 with a readable message for a day of 31 or too many reminder days', async () => {
      const res = await office.put('/api/meeting-schedule/clean-energy', { dayOfMonth: 31, remindDaysBefore: 3 }).expect(400);
      expect(res.body.errors.dayOfMonth.join(' ')).toContain('每月1至28日');
      const days = await office.put('/api/meeting-schedule/clean-energy', { dayOfMonth: 10, remindDaysBefore: 11 }).expect(400);
      expect(days.body.errors.remindDaysBefore.join(' ')).toContain('0至10天');
      await office.put('/api/meeting-schedule/nowhere', { dayOfMonth: 10, remindDaysBefore: 3 }).expect(404);
    });

    it('clears a schedule with a null day', async () => {
      await office.put('/api/meeting-schedule/land-port-logistics', { dayOfMonth: 20, remindDaysBefore: 2 }).expect(200);
      const res = await office
        .put('/api/meeting-schedule/land-port-logistics', { dayOfMonth: null, remindDaysBefore: 2 })
        .expect(200);
      expect([res.body.dayOfMonth, res.body.scheduledOn, res.body.status]).toEqual([null, null, 'unscheduled']);
    });

    it('refuses a save on a version someone else has changed, with the row as it is now (409)', async () => {
      const first = await office
        .put('/api/meeting-schedule/oil-gas-chemical', { dayOfMonth: 8, remindDaysBefore: 2, version: 0 })
        .expect(200);
      expect(first.body.version).toBe(1);
      // A second office user still looking at "no schedule".
      const stale = await office
        .put('/api/meeting-schedule/oil-gas-chemical', { dayOfMonth: 15, remindDaysBefore: 2, version: 0 })
        .expect(409);
      expect(stale.body.message).toContain('已被他人修改，请刷新后再试');
      expect(stale.body.current).toMatchObject({ dayOfMonth: 8, version: 1 });
      const next = await office
        .put('/api/meeting-schedule/oil-gas-chemical', { dayOfMonth: 15, remindDaysBefore: 2, version: 1 })
        .expect(200);
      expect([next.body.dayOfMonth, next.body.version]).toEqual([15, 2]);
      // Cleared again: the reminder tests below know nothing of this chain's day.
      await office
        .put('/api/meeting-schedule/oil-gas-chemical', { dayOfMonth: null, remindDaysBefore: 2, version: 2 })
        .expect(200);
    });
  });

  describe('GET /api/meeting-schedule', () => {
    let saltHeld: string;
    beforeAll(async () => {
      saltHeld = await meeting(['salt-lake-chemical'], '2025-03-02'); // unscheduled, held
      await meeting(['salt-lake-chemical'], '2025-03-20'); // the earliest is the one shown
      await meeting(['metallurgy'], '2025-02-28'); // February's
      await meeting(['metallurgy', 'clean-energy'], '2025-03-03', 'joint'); // not a 月调度会
    });

    it('tells held, upcoming, missing and unscheduled on Shanghai dates', async () => {
      at('2025-03-09T16:30:00Z'); // 03-10 00:30 in Shanghai: the day itself is upcoming
      const march = await view(office, '?year=2025&month=3');
      expect([march.year, march.month, march.asOf]).toEqual([2025, 3, '2025-03-10']);
      expect(statuses(march, ['clean-energy', 'metallurgy', 'salt-lake-chemical', 'land-port-logistics'])).toEqual([
        ['clean-energy', 'upcoming'],
        ['metallurgy', 'missing'],
        ['salt-lake-chemical', 'held'],
        ['land-port-logistics', 'unscheduled'],
      ]);
      expect(rowOf(march, 'salt-lake-chemical').held).toEqual({ id: saltHeld, heldOn: '2025-03-02' });
      expect(rowOf(march, 'metallurgy').scheduledOn).toBe('2025-03-05');
      at('2025-03-10T23:59:00+08:00');
      expect(rowOf(await view(office, '?year=2025&month=3'), 'clean-energy').status).toBe('upcoming');
      at('2025-03-10T16:00:00Z'); // 03-11 00:00 in Shanghai
      expect(rowOf(await view(office, '?year=2025&month=3'), 'clean-energy').status).toBe('missing');
    });

    it('answers past and coming months, and this month (Shanghai) by default', async () => {
      at('2025-03-15T10:00:00+08:00');
      expect(statuses(await view(office, '?year=2025&month=2'), ['clean-energy', 'metallurgy'])).toEqual([
        ['clean-energy', 'missing'],
        ['metallurgy', 'held'],
      ]);
      expect(statuses(await view(office, '?year=2025&month=4'), ['clean-energy', 'metallurgy'])).toEqual([
        ['clean-energy', 'upcoming'],
        ['metallurgy', 'upcoming'],
      ]);
      at('2025-03-31T16:30:00Z'); // 04-01 in Shanghai
      const current = await view(office);
      expect([current.year, current.month]).toEqual([2025, 4]);
      await office.get('/api/meeting-schedule?year=2025&month=13').expect(400);
    });

    it('shows each user only the chains they may read', async () => {
      const all = await view(office, '?year=2025&month=3');
      expect(all.rows).toHaveLength(Object.keys(chainIds).length);
      const xuCodes = (await view(xu, '?year=2025&month=3')).rows.map((r) => r.chain.code);
      expect(xuCodes).toContain('metallurgy');
      expect(xuCodes).not.toContain('clean-energy');
      const xiaoCodes = (await view(xiao, '?year=2025&month=3')).rows.map((r) => r.chain.code);
      expect(xiaoCodes).toContain('clean-energy');
      expect(xiaoCodes).not.toContain('metallurgy');
      const staffCodes: string[] = (await view(energyStaff, '?year=2025&month=3')).rows.map((r) => r.chain.code);
      // The chains staff may read: as chain_access gives them on the clock's day (those their unit
      // serves and those it has a key-task duty in), the one definition sessions use.
      const served: { code: string }[] = await q(
        `SELECT c.code FROM chain_access($1, ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date) a JOIN chain c ON c.id = a.chain_id`,
        [energyStaff.user.id, clock.now()],
      );
      expect(served.length).toBeGreaterThan(0);
      expect(staffCodes.sort()).toEqual(served.map((s) => s.code).sort());
    });
  });

  describe('reminders', () => {
    const inbox = (userId: string) =>
      q(`SELECT kind, title, body, link FROM notification WHERE user_id = $1 ORDER BY created_at, title`, [userId]);

    beforeAll(async () => {
      // April: 清洁能源 on the 10th, reminded 3 days before; 冶金 on the 5th; 盐湖化工 on the 8th but held on the 3rd.
      await q(`UPDATE meeting_schedule SET day_of_month = 10, remind_days_before = 3 WHERE chain_id = $1`, [chainIds['clean-energy']]);
      await q(`UPDATE meeting_schedule SET day_of_month = 5, remind_days_before = 0 WHERE chain_id = $1`, [chainIds['metallurgy']]);
      await q(`INSERT INTO meeting_schedule (chain_id, day_of_month, remind_days_before) VALUES ($1, 8, 5)`, [
        chainIds['salt-lake-chemical'],
      ]);
      await meeting(['salt-lake-chemical'], '2025-04-03');
    });

    it('reminds on the day, then tells the office and the leaders once the day has passed with no meeting', async () => {
      expect(await run('2025-04-04T09:00:00+08:00')).toEqual([]);
      // 冶金 is reminded on the day itself (0 days before), its leader only: no unit of it leads.
      expect(named(await run('2025-04-05T20:15:00+08:00'))).toEqual(['due metallurgy 2025-04-05 → xu']);
      const x = await run('2025-04-06T08:15:00+08:00');
      expect(named(x)).toEqual(['missing metallurgy 2025-04-05 → office,xu']);
      const [n] = (await inbox(xu.user.id)).filter((m: { kind: string }) => m.kind === 'meeting-missing');
      expect(n.kind).toBe('meeting-missing');
      expect(n.link).toBe('/meetings/schedule');
      expect(n.title).toContain('冶金');
      expect(n.title).toContain('2025年4月5日');
      expect(await inbox(inactiveOffice)).toEqual([]);
    });

    it('reminds the chair’s office and the leaders within the days before, once though fired at once', async () => {
      const before = (await q(`SELECT count(*)::int AS n FROM notification`))[0].n;
      at('2025-04-07T08:15:00+08:00');
      const runs = await Promise.all([0, 1, 2, 3].map(() => reminders.run(clock.now())));
      expect(named(runs.flat())).toEqual(['due clean-energy 2025-04-10 → energyStaff,xiao']);
      expect((await q(`SELECT count(*)::int AS n FROM notification`))[0].n).toBe(before + 2);
      const [n] = await inbox(energyStaff.user.id);
      expect([n.kind, n.link]).toEqual(['meeting-due', '/meetings/schedule']);
      expect(n.title).toContain('清洁能源产业链');
      expect(n.body).toContain('2025年4月10日');
      expect(await inbox(dataStaff.user.id)).toEqual([]);
      expect(await run('2025-04-08T09:15:00+08:00')).toEqual([]);
      expect(await run('2025-04-10T20:15:00+08:00')).toEqual([]);
      const [sent] = await q(`SELECT month::text, recipients FROM meeting_schedule_notice_sent WHERE chain_id = $1 AND kind = 'due'`, [
        chainIds['clean-energy'],
      ]);
      expect(sent).toEqual({ month: '2025-04-01', recipients: 2 });
    });

    it('then tells the office it is missing, once', async () => {
      at('2025-04-11T08:15:00+08:00');
      const runs = await Promise.all([0, 1, 2].map(() => reminders.run(clock.now())));
      expect(named(runs.flat())).toEqual(['missing clean-energy 2025-04-10 → office,xiao']);
      expect(await run('2025-04-12T08:15:00+08:00')).toEqual([]);
      expect((await inbox(energyStaff.user.id)).map((n: { kind: string }) => n.kind)).toEqual(['meeting-due']);
    });

    it('sends nothing for a chain whose 月调度会 is recorded in the month', async () => {
      const sent = await q(`SELECT kind FROM meeting_schedule_notice_sent WHERE chain_id = $1`, [chainIds['salt-lake-chemical']]);
      expect(sent).toEqual([]);
    });

    it('catches up once, through the queue, after an outage', async () => {
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Meetings));
      const events = new QueueEvents(QueueName.Meetings, {
        connection: { host: '127.0.0.1', port: 6379 },
        prefix: `${t.redisPrefix}:bull`,
      });
      await events.waitUntilReady();
      try {
        // Down from May 1st to the 20th: 清洁能源's reminder window passed unseen; the missing
        // notices go out now, once, though the job fires twice.
        at('2025-05-20T10:15:00+08:00');
        const jobs = await Promise.all([
          queue.add(MEETING_SCHEDULE_REMINDER_JOB, { requestedAt: 'schedule' }),
          queue.add(MEETING_SCHEDULE_REMINDER_JOB, { requestedAt: 'schedule' }),
        ]);
        const results: { sent: MeetingScheduleNoticeSent[] }[] = await Promise.all(
          jobs.map((j) => j.waitUntilFinished(events, 15_000)),
        );
        expect(named(results.flatMap((r) => r.sent))).toEqual([
          'missing clean-energy 2025-05-10 → office,xiao',
          'missing metallurgy 2025-05-05 → office,xu',
          'missing salt-lake-chemical 2025-05-08 → office,xu',
        ]);
        const again = await (await queue.add(MEETING_SCHEDULE_REMINDER_JOB, { requestedAt: 'test' })).waitUntilFinished(events, 15_000);
        expect(again.sent).toEqual([]);
      } finally {
        await events.close();
      }
    });
  });
});
