import { QueueModule, QueueName } from '@crm/api/core';
import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import { defaultOpensAt, dueInstant, ManualClock } from '@crm/domain';
import { REFERENCE_2025 } from '@crm/migrations';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { ReportingJobsModule } from '../reporting.module';
import { MONTHLY_REMINDER_JOB } from './monthly-reminder.job';
import { MonthlyReminderService } from './monthly-reminder.service';

/** The 责任单位 of the reference data. */
const RESPONSIBLE_UNITS = [
  '市能源局',
  '市数据局',
  '昆仑经济技术开发区管委会',
  '市发展和改革委员会',
  '市工业信息化和科技局',
  '陆港园区管委会',
  '市文体旅游广电局',
  '市农牧局',
];
/**
 * Who must report in 2025: the 责任单位, and the units the published 2025 plan makes responsible
 * for a key task (read from the seed's source).
 */
const REPORTING_UNITS = [
  ...new Set([
    ...RESPONSIBLE_UNITS,
    ...REFERENCE_2025.chains.flatMap((c) => c.keyTasks.flatMap((k) => k.units)),
  ]),
];
const N = REPORTING_UNITS.length;

describe('MonthlyReminderJob', () => {
  const clock = new ManualClock('2025-03-01T00:00:00+08:00');
  let t: TestApp;
  let reminders: MonthlyReminderService;
  const users: Record<string, string> = {};

  const run = (at: string) => {
    clock.set(at);
    return reminders.run(clock.now());
  };
  const unitName = async (id: number) =>
    (await t.dataSource.query(`SELECT name FROM unit WHERE id = $1`, [id]))[0]
      .name;
  const namesOf = async (sent: { unitId: number }[]) =>
    (await Promise.all(sent.map((s) => unitName(s.unitId)))).sort();
  const notificationCount = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM notification`))[0]
      .n;
  const submit = async (unit: string, period: string, at: string) => {
    await t.dataSource.query(
      `INSERT INTO reporting_period (period, opens_at, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [period, defaultOpensAt(period), dueInstant(period)],
    );
    await t.dataSource.query(
      `INSERT INTO monthly_report (unit_id, period, state, work_done, submitted_at, late, snapshot)
       VALUES ((SELECT id FROM unit WHERE name = $1), $2, 'submitted', '已报', $3, false, '{}')`,
      [unit, period, at],
    );
  };

  beforeAll(async () => {
    t = await createTestApp([
      QueueModule,
      ReportingJobsModule,
    ], {}, { clock });
    reminders = t.app.get(MonthlyReminderService);
    users['energy'] = (
      await createTestUser(t, { roles: ['staff'], unit: '市能源局' })
    ).id;
    users['energy2'] = (
      await createTestUser(t, { roles: ['staff'], unit: '市能源局' })
    ).id;
    users['data'] = (
      await createTestUser(t, { roles: ['staff'], unit: '市数据局' })
    ).id;
    users['office'] = (await createTestUser(t, { roles: ['office'] })).id;
    users['huhongmei'] = (
      await createTestUser(t, { roles: ['leader'], person: '胡红梅' })
    ).id;
    users['xujin'] = (
      await createTestUser(t, { roles: ['leader'], person: '徐进' })
    ).id;
    await submit('市数据局', '2025-03', '2025-03-18T10:00:00+08:00');
  });
  afterAll(() => t.close());

  it('reminds exactly the units that have not submitted, from the 20th at 09:00 Shanghai time', async () => {
    expect(await run('2025-03-20T08:59:00+08:00')).toEqual([]);
    const sent = await run('2025-03-20T09:00:00+08:00');
    expect(
      sent.every((s) => s.kind === 'before-5d' && s.period === '2025-03'),
    ).toBe(true);
    expect(await namesOf(sent)).toEqual(
      REPORTING_UNITS.filter((u) => u !== '市数据局').sort(),
    );
    const inbox = await t.dataSource.query(
      `SELECT user_id, kind, title FROM notification ORDER BY user_id`,
    );
    expect(inbox.map((n: { user_id: string }) => n.user_id).sort()).toEqual(
      [users['energy'], users['energy2']].sort(),
    );
    expect(inbox[0].title).toContain('2025-03-25');
  });

  it('sends nothing twice when the job runs twice, even at once', async () => {
    const before = await notificationCount();
    const [a, b] = await Promise.all([
      run('2025-03-20T10:00:00+08:00'),
      reminders.run(clock.now()),
    ]);
    expect([...a, ...b]).toEqual([]);
    expect(await notificationCount()).toBe(before);
  });

  it('catches up once on the reminders that fell due while it was down', async () => {
    // Down from the 20th to the 25th at 07:00: the 23rd's reminder goes out now, once.
    const sent = await run('2025-03-25T07:00:00+08:00');
    expect([...new Set(sent.map((s) => s.kind))]).toEqual(['before-2d']);
    expect(sent).toHaveLength(N - 1);
    expect(await run('2025-03-25T07:30:00+08:00')).toEqual([]);
  });

  it('sends the morning-of-the-25th reminder until 23:59 and escalates at 00:01 on the 26th, not before', async () => {
    await submit('市农牧局', '2025-03', '2025-03-25T12:00:00+08:00');
    const morning = await run('2025-03-25T23:59:00+08:00');
    expect(morning.map((s) => s.kind)).toEqual(Array(N - 2).fill('due-day'));
    expect(await namesOf(morning)).not.toContain('市农牧局');

    const escalated = await run('2025-03-26T00:01:00+08:00');
    expect(escalated.map((s) => s.kind)).toEqual(Array(N - 2).fill('escalation'));
    // 市能源局 serves clean-energy and oil-gas-chemical: 胡红梅 leads both, with the office.
    const energyId = (
      await t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`)
    )[0].id;
    expect(escalated.find((s) => s.unitId === energyId)?.recipients).toBe(2);
    const [{ users: told }] = await t.dataSource.query(
      `SELECT array_agg(user_id ORDER BY user_id) AS users FROM notification WHERE kind = 'report-escalation' AND body LIKE '市能源局%'`,
    );
    expect(told).toEqual([users['huhongmei'], users['office']].sort());
    expect(await run('2025-03-26T01:00:00+08:00')).toEqual([]);
  });

  it('uses the 20th, 23rd and 25th in February, and escalates on the 26th', async () => {
    // A month where nothing ran: catching up on the 20th's reminder only.
    expect((await run('2025-02-20T09:30:00+08:00')).map((s) => s.kind)).toEqual(
      Array(N).fill('before-5d'),
    );
    expect(
      (await run('2025-02-25T23:59:00+08:00')).map((s) => s.kind).sort(),
    ).toEqual([...Array(N).fill('before-2d'), ...Array(N).fill('due-day')]);
    expect((await run('2025-02-26T00:01:00+08:00')).map((s) => s.kind)).toEqual(
      Array(N).fill('escalation'),
    );
  });

  it('follows a unit extension: no escalation before the extended deadline', async () => {
    await t.dataSource.query(
      `INSERT INTO reporting_period (period, opens_at, due_at) VALUES ('2025-04', '2025-03-31T16:00:00Z', '2025-04-25T16:00:00Z') ON CONFLICT DO NOTHING`,
    );
    await t.dataSource.query(
      `INSERT INTO unit_deadline_extension (period, unit_id, extended_to, reason)
       VALUES ('2025-04', (SELECT id FROM unit WHERE name = '市能源局'), '2025-04-28', '机构调整')`,
    );
    const energyId = (
      await t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`)
    )[0].id;
    const at26 = await run('2025-04-26T00:01:00+08:00');
    expect(
      at26.filter((s) => s.unitId === energyId).map((s) => s.kind),
    ).toEqual(['before-5d']);
    expect(at26.filter((s) => s.kind === 'escalation')).toHaveLength(N - 1);
    const at29 = await run('2025-04-29T00:00:00+08:00');
    expect(at29.map((s) => [s.unitId, s.kind])).toEqual([
      [energyId, 'escalation'],
    ]);
  });

  it('runs through BullMQ: a duplicate firing sends once, and a worker back after the 20th catches up once', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Reporting));
    const events = new QueueEvents(QueueName.Reporting, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${t.redisPrefix}:bull`,
    });
    await events.waitUntilReady();
    try {
      // The worker was stopped over 2025-05-20; it comes back on the 21st.
      clock.set('2025-05-21T08:00:00+08:00');
      const jobs = await Promise.all([
        queue.add(MONTHLY_REMINDER_JOB, { requestedAt: 'schedule' }),
        queue.add(MONTHLY_REMINDER_JOB, { requestedAt: 'schedule' }),
      ]);
      const results: { sent: { kind: string }[] }[] = await Promise.all(
        jobs.map((j) => j.waitUntilFinished(events, 15_000)),
      );
      const sent = results.flatMap((r) => r.sent);
      expect(sent.map((s) => s.kind)).toEqual(Array(N).fill('before-5d'));
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM reminder_sent WHERE period = '2025-05'`,
      );
      expect(n).toBe(N);
      const again = await (
        await queue.add(MONTHLY_REMINDER_JOB, { requestedAt: 'test' })
      ).waitUntilFinished(events, 15_000);
      expect(again.sent).toEqual([]);
    } finally {
      await events.close();
    }
  });
});
