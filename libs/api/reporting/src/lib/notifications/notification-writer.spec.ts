import { NotificationWriter } from '@crm/api/core';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type NotificationListView } from '@crm/domain';
import { ReportingModule } from '../reporting.module';

/**
 * The one writer of the notification table (NotificationWriter of @crm/api/core), as the bell reads
 * what it writes: in the caller's transaction, at the injected clock's time, titles cut to 200.
 */
describe('NotificationWriter', () => {
  const clock = new ManualClock('2025-05-06T09:30:00+08:00');
  let t: TestApp;
  let writer: NotificationWriter;
  let li: SignedInAgent;
  let wang: SignedInAgent;

  const bell = async (agent: SignedInAgent) => (await agent.get('/api/notifications').expect(200)).body as NotificationListView;

  beforeAll(async () => {
    t = await createTestApp([ReportingModule], {}, { clock });
    writer = t.app.get(NotificationWriter);
    li = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    wang = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
  });
  afterAll(() => t.close());

  it('writes one notification per user at the clock time, ids in the order given, the title cut to 200', async () => {
    const ids = await t.dataSource.transaction((tx) =>
      writer.notify(tx, [wang.user.id, li.user.id], { kind: 'action-item-due', title: '长'.repeat(250), body: '正文', link: '/action-items/x' }),
    );
    expect(ids).toHaveLength(2);
    const rows: { id: string; user_id: string; created_at: Date; title: string }[] = await t.dataSource.query(
      `SELECT id, user_id, created_at, title FROM notification WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
    expect(ids.map((id) => rows.find((r) => r.id === id)?.user_id)).toEqual([wang.user.id, li.user.id]);
    for (const r of rows) {
      expect(r.created_at.toISOString()).toBe(clock.now().toISOString());
      expect(r.title).toHaveLength(200);
      expect(r.title.endsWith('…')).toBe(true);
    }
    const seen = await bell(li);
    expect(seen.unread).toBe(1);
    expect(seen.items[0]).toMatchObject({ kind: 'action-item-due', body: '正文', link: '/action-items/x', createdAt: clock.now().toISOString() });
  });

  it("writes nothing when the caller's transaction rolls back, and nothing for no users", async () => {
    const before = (await bell(wang)).items.length;
    await expect(
      t.dataSource.transaction(async (tx) => {
        await writer.notify(tx, [wang.user.id], { kind: 'report-reminder', title: '催报', body: '请报送' });
        throw new Error('the claim failed');
      }),
    ).rejects.toThrow('the claim failed');
    expect(await t.dataSource.transaction((tx) => writer.notify(tx, [], { kind: 'report-reminder', title: '催报', body: '请报送' }))).toEqual([]);
    expect((await bell(wang)).items).toHaveLength(before);
  });
});
