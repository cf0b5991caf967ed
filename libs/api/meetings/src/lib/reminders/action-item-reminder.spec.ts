import { QueueModule, QueueName } from '@crm/api/core';
import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import { ManualClock } from '@crm/domain';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { MeetingsJobsModule } from '../meetings.module';
import { ACTION_ITEM_REMINDER_JOB } from './action-item-reminder.job';
import { ActionItemReminderService, type ActionItemReminderSent } from './action-item-reminder.service';

/**
 * 交办事项提醒: 3 days (the office setting) before the due date at 08:00 Shanghai time, and the
 * overdue notice the morning after it; each once, also when the job fires twice, and caught up
 * after an outage.
 */
describe('ActionItemReminderJob', () => {
  const clock = new ManualClock('2025-03-01T10:00:00+08:00');
  let t: TestApp;
  let reminders: ActionItemReminderService;
  const users: Record<string, string> = {};
  const items: Record<string, string> = {};
  let meetingId: string;
  let unitId: number;

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const run = (at: string) => {
    clock.set(at);
    return reminders.run(clock.now());
  };
  const named = (sent: ActionItemReminderSent[]) =>
    sent
      .map((s) => {
        const item = Object.keys(items).find((k) => items[k] === s.actionItemId);
        const to = s.recipients.map((r) => Object.keys(users).find((k) => users[k] === r)).sort();
        return `${s.kind} ${item} ${s.dueOn} → ${to.join(',')}`;
      })
      .sort();
  const item = async (name: string, dueOn: string, ownerUser: string | null = null) => {
    const [{ id }] = await q(
      `INSERT INTO action_item (meeting_id, text, owner_unit_id, owner_user_id, due_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [meetingId, name, unitId, ownerUser ? users[ownerUser] : null, dueOn, users['office']],
    );
    items[name] = id;
  };
  const inbox = (user: string) =>
    q(`SELECT kind, title, link FROM notification WHERE user_id = $1 ORDER BY created_at, title`, [users[user]]);

  beforeAll(async () => {
    t = await createTestApp([QueueModule, MeetingsJobsModule], {}, { clock });
    reminders = t.app.get(ActionItemReminderService);
    [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '市能源局'`);
    users['office'] = (await createTestUser(t, { roles: ['office'] })).id;
    for (const name of ['li', 'wang']) users[name] = (await createTestUser(t, { roles: ['staff'], unit: '市能源局' })).id;
    users['gone'] = (await createTestUser(t, { roles: ['staff'], unit: '市能源局' })).id;
    await q(`UPDATE app_user SET active = false WHERE id = $1`, [users['gone']]);
    [{ id: meetingId }] = await q(
      `INSERT INTO meeting (kind, held_on, chair_name, created_by) VALUES ('monthly-dispatch', '2025-03-01', '主持人', $1) RETURNING id`,
      [users['office']],
    );
    await q(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = 'clean-energy'`, [meetingId]);
    await item('用地', '2025-03-10'); // the unit's staff are told
    await item('环评', '2025-03-10', 'wang'); // only wang
    await item('融资', '2025-03-20', 'li');
    await item('已办结', '2025-03-10', 'li');
    await q(`UPDATE action_item SET status = 'done', done_note = '已办', done_at = now() WHERE id = $1`, [items['已办结']]);
  });
  afterAll(() => t.close());

  it('reminds 3 days before the due date from 08:00 Shanghai time, not at 07:59, and not of done items', async () => {
    expect(await run('2025-03-07T07:59:00+08:00')).toEqual([]);
    expect(named(await run('2025-03-07T08:00:00+08:00'))).toEqual([
      'action-item-due 环评 2025-03-10 → wang',
      'action-item-due 用地 2025-03-10 → li,wang',
    ]);
    expect((await inbox('li')).map((n: { kind: string; link: string }) => [n.kind, n.link])).toEqual([
      ['action-item-due', `/action-items/${items['用地']}`],
    ]);
    expect(await inbox('gone')).toEqual([]);
    // Later the same day and the days up to the due date: nothing new.
    expect(await run('2025-03-07T20:00:00+08:00')).toEqual([]);
    expect(await run('2025-03-10T09:00:00+08:00')).toEqual([]);
  });

  it('marks overdue the morning after the due date, once, and tells the owner', async () => {
    expect(await run('2025-03-11T07:59:00+08:00')).toEqual([]);
    expect(named(await run('2025-03-11T08:00:00+08:00'))).toEqual([
      'action-item-overdue 环评 2025-03-10 → wang',
      'action-item-overdue 用地 2025-03-10 → li,wang',
    ]);
    const marked = await q(`SELECT text, overdue_marked_at FROM action_item WHERE overdue_marked_at IS NOT NULL ORDER BY text`);
    expect(marked.map((r: { text: string }) => r.text).sort()).toEqual(['环评', '用地'].sort());
    expect(new Date(marked[0].overdue_marked_at).toISOString()).toBe('2025-03-11T00:00:00.000Z');
    expect(await run('2025-03-12T08:00:00+08:00')).toEqual([]);
  });

  it('sends nothing twice when the job runs twice, even at once', async () => {
    const before = (await q(`SELECT count(*)::int AS n FROM notification`))[0].n;
    clock.set('2025-03-12T09:00:00+08:00');
    const [a, b] = await Promise.all([reminders.run(clock.now()), reminders.run(clock.now())]);
    expect([...a, ...b]).toEqual([]);
    expect((await q(`SELECT count(*)::int AS n FROM notification`))[0].n).toBe(before);
  });

  it('catches up once, through the queue, on what fell due while the worker was down', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Meetings));
    const events = new QueueEvents(QueueName.Meetings, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${t.redisPrefix}:bull`,
    });
    await events.waitUntilReady();
    try {
      // Down from the 12th to the 22nd: 融资's reminder window (17th–20th) passed unseen; its
      // overdue notice goes out now, once, though the job fires twice.
      clock.set('2025-03-22T10:00:00+08:00');
      const jobs = await Promise.all([
        queue.add(ACTION_ITEM_REMINDER_JOB, { requestedAt: 'schedule' }),
        queue.add(ACTION_ITEM_REMINDER_JOB, { requestedAt: 'schedule' }),
      ]);
      const results: { sent: ActionItemReminderSent[] }[] = await Promise.all(
        jobs.map((j) => j.waitUntilFinished(events, 15_000)),
      );
      expect(named(results.flatMap((r) => r.sent))).toEqual(['action-item-overdue 融资 2025-03-20 → li']);
      const again = await (await queue.add(ACTION_ITEM_REMINDER_JOB, { requestedAt: 'test' })).waitUntilFinished(events, 15_000);
      expect(again.sent).toEqual([]);
    } finally {
      await events.close();
    }
  });

  it('reminds again for a new due date, and follows the office setting', async () => {
    await q(`UPDATE office_setting SET value = 5 WHERE key = 'action-item-reminder-days'`);
    await q(`UPDATE action_item SET due_on = '2025-04-10', overdue_marked_at = NULL WHERE id = $1`, [items['融资']]);
    expect(await run('2025-04-04T09:00:00+08:00')).toEqual([]);
    expect(named(await run('2025-04-05T09:00:00+08:00'))).toEqual(['action-item-due 融资 2025-04-10 → li']);
    expect(await run('2025-04-06T09:00:00+08:00')).toEqual([]);
  });
});
