import { QueueModule, QueueName } from '@crm/api/core';
import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import { ManualClock } from '@crm/domain';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { ReportingJobsModule } from '../reporting.module';
import { DAILY_REMINDER_JOB } from './daily-reminder.job';
import {
  DailyReminderService,
  type DailyReminderSent,
} from './daily-reminder.service';

/**
 * 跟进提醒 and 久未跟进提醒: each falls due at 08:00 Shanghai time on its date, goes to the project's
 * owner once, and is caught up after an outage.
 */
describe('DailyReminderJob', () => {
  const clock = new ManualClock('2025-03-01T00:00:00+08:00');
  let t: TestApp;
  let reminders: DailyReminderService;
  const owners: Record<string, string> = {};
  const projects: Record<string, string> = {};

  const run = (at: string) => {
    clock.set(at);
    return reminders.run(clock.now());
  };
  const named = (sent: DailyReminderSent[]) =>
    sent
      .map((s) => {
        const name = Object.keys(projects).find(
          (k) => projects[k] === s.projectId,
        );
        const owner = Object.keys(owners).find(
          (k) => owners[k] === s.recipient,
        );
        return `${s.kind} ${name} ${s.onDate} → ${owner}`;
      })
      .sort();
  const project = async (
    name: string,
    owner: string,
    createdAt: string,
    status: 'active' | 'paused' | 'dropped' = 'active',
  ) => {
    [{ id: projects[name] }] = await t.dataSource.query(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, created_at, status, status_reason)
       VALUES ($1, (SELECT id FROM chain WHERE code = 'clean-energy'), '某公司', 'through-firms',
               (SELECT id FROM unit WHERE name = '市能源局'), $2, $3, $4, $5) RETURNING id`,
      [
        name,
        owners[owner],
        createdAt,
        status,
        status === 'active' ? null : '原因',
      ],
    );
  };
  const activity = (name: string, on: string, followUp: string | null) =>
    t.dataSource.query(
      `INSERT INTO project_activity (project_id, kind, occurred_on, summary, next_follow_up_on) VALUES ($1, 'visit', $2, '走访', $3)`,
      [projects[name], on, followUp],
    );
  const inboxOf = (owner: string) =>
    t.dataSource.query(
      `SELECT kind, title, body, link FROM notification WHERE user_id = $1 ORDER BY created_at, title`,
      [owners[owner]],
    );

  beforeAll(async () => {
    t = await createTestApp([
      QueueModule,
      ReportingJobsModule,
    ], {}, { clock });
    reminders = t.app.get(DailyReminderService);
    for (const name of ['li', 'wang', 'gone'])
      owners[name] = (
        await createTestUser(t, { roles: ['staff'], unit: '市能源局' })
      ).id;
    await t.dataSource.query(
      `UPDATE app_user SET active = false WHERE id = $1`,
      [owners['gone']],
    );
    await project('光伏', 'li', '2025-01-05T10:00:00+08:00');
    await activity('光伏', '2025-03-10', '2025-03-20');
    await project('储能', 'li', '2025-01-05T10:00:00+08:00');
    await activity('储能', '2025-03-12', '2025-03-21');
    await project('氢能', 'wang', '2025-01-05T10:00:00+08:00');
    await activity('氢能', '2025-03-11', '2025-03-20');
    // Dropped, or owned by someone who left: nobody is reminded.
    await project('终止项目', 'li', '2025-01-05T10:00:00+08:00', 'dropped');
    await activity('终止项目', '2025-03-10', '2025-03-20');
    await project('离职', 'gone', '2025-01-05T10:00:00+08:00');
    await activity('离职', '2025-03-10', '2025-03-20');
    // A follow-up date long past when the job first sees it: left to the idle reminder.
    await project('锂电', 'wang', '2025-01-05T10:00:00+08:00');
    await activity('锂电', '2025-02-20', '2025-03-01');
    // Idle: last activity on 10 February; never any activity since creation on 1 February (the
    // local date: 23:30 UTC on 31 January); paused (not reminded).
    await project('风电', 'wang', '2025-01-05T10:00:00+08:00');
    await activity('风电', '2025-02-10', null);
    await project('新线索', 'li', '2025-01-31T23:30:00Z');
    await project('暂缓', 'li', '2024-06-01T10:00:00+08:00', 'paused');
  });
  afterAll(() => t.close());

  it('sends the follow-ups due on the 20th at 08:00 Shanghai time, not at 07:59, and idle projects after 30 days', async () => {
    expect(named(await run('2025-03-20T07:59:00+08:00'))).toEqual([
      'project-idle 新线索 2025-02-01 → li',
      'project-idle 风电 2025-02-10 → wang',
    ]);
    expect(named(await run('2025-03-20T08:00:00+08:00'))).toEqual([
      'follow-up-due 光伏 2025-03-20 → li',
      'follow-up-due 氢能 2025-03-20 → wang',
    ]);
    const li = await inboxOf('li');
    expect(li.map((n: { kind: string }) => n.kind)).toEqual([
      'project-idle',
      'follow-up-due',
    ]);
    expect(li[0].title).toContain('新线索');
    expect(li[0].title).toContain('47 天');
    expect(li[1]).toMatchObject({
      title: '跟进提醒：光伏（2025-03-20）/ Follow-up due: 光伏 (2025-03-20)',
      link: `/projects/${projects['光伏']}`,
    });
  });

  it('sends nothing twice when the job runs twice, even at once', async () => {
    const [a, b] = await Promise.all([
      run('2025-03-20T09:00:00+08:00'),
      reminders.run(clock.now()),
    ]);
    expect([...a, ...b]).toEqual([]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notification`,
    );
    expect(n).toBe(4);
  });

  it('catches up once, through the queue, on what fell due while the worker was down', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Reporting));
    const events = new QueueEvents(QueueName.Reporting, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${t.redisPrefix}:bull`,
    });
    await events.waitUntilReady();
    try {
      // Down from the 20th to the 23rd: 储能's follow-up of the 21st, and 锂电 idle since
      // 20 February (due on 22 March), go out now, once, though the job fires twice.
      clock.set('2025-03-23T10:00:00+08:00');
      const jobs = await Promise.all([
        queue.add(DAILY_REMINDER_JOB, { requestedAt: 'schedule' }),
        queue.add(DAILY_REMINDER_JOB, { requestedAt: 'schedule' }),
      ]);
      const results: { sent: DailyReminderSent[] }[] = await Promise.all(
        jobs.map((j) => j.waitUntilFinished(events, 15_000)),
      );
      expect(named(results.flatMap((r) => r.sent))).toEqual([
        'follow-up-due 储能 2025-03-21 → li',
        'project-idle 锂电 2025-02-20 → wang',
      ]);
      const again = await (
        await queue.add(DAILY_REMINDER_JOB, { requestedAt: 'test' })
      ).waitUntilFinished(events, 15_000);
      expect(again.sent).toEqual([]);
    } finally {
      await events.close();
    }
  });

  it('reminds of an idle project again only after a new stretch without activity, and follows the office setting', async () => {
    await activity('风电', '2025-03-23', null);
    expect(named(await run('2025-04-21T08:00:00+08:00'))).toEqual([
      'project-idle 储能 2025-03-12 → li',
      'project-idle 光伏 2025-03-10 → li',
      'project-idle 氢能 2025-03-11 → wang',
    ]);
    const [grouped] = await t.dataSource.query(
      `SELECT title, body, link FROM notification WHERE user_id = $1 AND kind = 'project-idle' ORDER BY created_at DESC LIMIT 1`,
      [owners['li']],
    );
    expect(grouped.title).toContain('2 个项目超过 30 天');
    expect(grouped.body).toContain('光伏');
    expect(grouped.body).toContain('储能');
    expect(grouped.link).toBe('/projects');
    expect(await run('2025-04-22T07:59:00+08:00')).toEqual([]);
    expect(named(await run('2025-04-22T08:00:00+08:00'))).toEqual([
      'project-idle 风电 2025-03-23 → wang',
    ]);

    await t.dataSource.query(
      `UPDATE office_setting SET value = 10 WHERE key = 'project-idle-days'`,
    );
    await activity('氢能', '2025-04-22', null);
    expect(await run('2025-05-01T08:00:00+08:00')).toEqual([]);
    expect(named(await run('2025-05-02T08:00:00+08:00'))).toEqual([
      'project-idle 氢能 2025-04-22 → wang',
    ]);
  });
});
