import { createTestApp, createTestUser, signInAs, unitServingOnly, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, shanghaiToday, type ActionItemView, type MeetingView } from '@crm/domain';
import { MeetingsModule } from './meetings.module';

/**
 * Meetings and action items through the HTTP API: who records and who reads them, per chain;
 * the owner told in the transaction that creates an item; the status moves and their notes.
 */
describe('meetings and action items', () => {
  let t: TestApp;
  const clock = new ManualClock('2025-03-10T10:00:00+08:00');
  let office: SignedInAgent;
  let energyStaff: SignedInAgent; // staff of a unit serving clean-energy but not metallurgy
  let otherStaff: SignedInAgent; // staff of a unit serving metallurgy but not clean-energy
  let xiao: SignedInAgent; // 肖军: leads 清洁能源
  let xu: SignedInAgent; // 徐进: leads 盐湖化工, 冶金, 陆港物流 (not 清洁能源)
  let energyUnitId: number;
  let otherUnitId: number;
  let colleagueId: string; // a second staff member of the energy unit
  let xiaoPersonId: number;
  let metallurgyProject: string;
  let energyProject: string;
  let meeting: MeetingView;

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);

  async function project(name: string, chain: string, unitId: number, ownerId: string): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status)
       VALUES ($1, (SELECT id FROM chain WHERE code = $2), '投资方', 'other', $3, $4, 'lead', 'active') RETURNING id`,
      [name, chain, unitId, ownerId],
    );
    return id;
  }

  const monthly = (over: Record<string, unknown> = {}) => ({
    kind: 'monthly-dispatch',
    heldOn: '2025-03-10',
    chains: ['clean-energy'],
    chairPersonId: xiaoPersonId,
    attendingUnitIds: [energyUnitId],
    attendees: ['张三', '李四'],
    agenda: '一、审议项目推进情况',
    minutes: '会议听取了清洁能源产业链项目进展汇报。',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp([MeetingsModule], {}, { clock });
    const energy = await unitServingOnly(t, 'clean-energy', 'metallurgy', shanghaiToday(clock.now()));
    const other = await unitServingOnly(t, 'metallurgy', 'clean-energy', shanghaiToday(clock.now()));
    energyUnitId = energy.id;
    otherUnitId = other.id;
    office = await signInAs(t, { roles: ['office'] });
    energyStaff = await signInAs(t, { roles: ['staff'], unit: energy.name });
    otherStaff = await signInAs(t, { roles: ['staff'], unit: other.name });
    xiao = await signInAs(t, { roles: ['leader'], person: '肖军' });
    xu = await signInAs(t, { roles: ['leader'], person: '徐进' });
    colleagueId = (await createTestUser(t, { roles: ['staff'], unit: energy.name })).id;
    [{ id: xiaoPersonId }] = await q(`SELECT id FROM person WHERE name = '肖军'`);
    energyProject = await project('光伏制氢', 'clean-energy', energyUnitId, energyStaff.user.id);
    metallurgyProject = await project('电解铝', 'metallurgy', otherUnitId, otherStaff.user.id);
  });
  afterAll(() => t.close());

  describe('meetings', () => {
    it('lets staff of the chain’s unit record a meeting, audited', async () => {
      const res = await energyStaff.post('/api/meetings', monthly()).expect(201);
      meeting = res.body;
      expect(meeting).toMatchObject({
        kind: 'monthly-dispatch',
        heldOn: '2025-03-10',
        chains: [{ code: 'clean-energy' }],
        chair: { personId: xiaoPersonId, name: '肖军' },
        attendingUnits: [{ id: energyUnitId }],
        attendees: ['张三', '李四'],
        openItems: 0,
        overdueItems: 0,
      });
      const [audit] = await q(`SELECT action, after FROM audit_log WHERE entity_type = 'meeting' AND entity_id = $1`, [meeting.id]);
      expect(audit.action).toBe('create');
      expect(audit.after.chains).toEqual(['clean-energy']);
    });

    it('refuses staff of another chain, a leader, and several chains for a non-joint meeting', async () => {
      await otherStaff.post('/api/meetings', monthly()).expect(403);
      await xiao.post('/api/meetings', monthly()).expect(403);
      await office.post('/api/meetings', monthly({ chains: ['clean-energy', 'metallurgy'] })).expect(422);
      await office.post('/api/meetings', monthly({ chairPersonId: null })).expect(422);
      await office.post('/api/meetings', monthly({ attendingUnitIds: [999999] })).expect(422);
      await office.post('/api/meetings', monthly({ kind: 'weekly' })).expect(400);
      // A joint meeting names a chain the staff may not read: the office records it.
      await energyStaff
        .post('/api/meetings', monthly({ kind: 'joint', chains: ['clean-energy', 'metallurgy'] }))
        .expect(403);
    });

    it('shows a chain’s meetings only to those who may read the chain', async () => {
      const joint = (
        await office
          .post('/api/meetings', monthly({ kind: 'joint', chains: ['clean-energy', 'metallurgy'], heldOn: '2025-03-05' }))
          .expect(201)
      ).body as MeetingView;
      const ids = (res: { body: MeetingView[] }) => res.body.map((m) => m.id);
      expect(ids(await xiao.get('/api/meetings?chain=clean-energy').expect(200))).toEqual([meeting.id, joint.id]);
      expect(ids(await office.get('/api/meetings').expect(200))).toEqual([meeting.id, joint.id]);
      await xu.get('/api/meetings?chain=clean-energy').expect(403);
      await xu.get(`/api/meetings/${meeting.id}`).expect(404);
      expect(ids(await xu.get('/api/meetings').expect(200))).toEqual([joint.id]);
      expect(ids(await xu.get('/api/meetings?chain=metallurgy').expect(200))).toEqual([joint.id]);
      await xu.patch(`/api/meetings/${meeting.id}`, { minutes: 'x', version: 1 }).expect(403);
      await otherStaff.patch(`/api/meetings/${meeting.id}`, { minutes: 'x', version: 1 }).expect(404);
      await xiao.get('/api/meetings?chain=no-such-chain').expect(404);
    });

    it('edits a meeting, keeping the other fields, audited with before and after', async () => {
      const res = await energyStaff.patch(`/api/meetings/${meeting.id}`, { minutes: '纪要（修订）', version: meeting.version }).expect(200);
      expect(res.body.version).toBe(meeting.version + 1);
      expect(res.body).toMatchObject({ minutes: '纪要（修订）', agenda: meeting.agenda, chair: meeting.chair });
      const [audit] = await q(
        `SELECT before, after FROM audit_log WHERE entity_type = 'meeting' AND entity_id = $1 AND action = 'update'`,
        [meeting.id],
      );
      expect([audit.before.minutes, audit.after.minutes]).toEqual([meeting.minutes, '纪要（修订）']);
      await energyStaff.patch(`/api/meetings/${meeting.id}`, { chains: ['clean-energy', 'metallurgy'], version: res.body.version }).expect(403);
      await office.patch(`/api/meetings/${meeting.id}`, { chains: ['clean-energy', 'metallurgy'], version: res.body.version }).expect(422);
    });

    it('refuses a save made on a version someone else has changed, with the current meeting (409)', async () => {
      const current = (await office.get(`/api/meetings/${meeting.id}`).expect(200)).body as MeetingView;
      const saved = await office.patch(`/api/meetings/${meeting.id}`, { agenda: '议程甲', version: current.version }).expect(200);
      const stale = await energyStaff.patch(`/api/meetings/${meeting.id}`, { minutes: '另一人的修改', version: current.version }).expect(409);
      expect(stale.body.message).toContain('已被他人修改，请刷新后再试');
      expect(stale.body.current).toMatchObject({ agenda: '议程甲', version: saved.body.version, minutes: current.minutes });
      const after = (await office.get(`/api/meetings/${meeting.id}`).expect(200)).body as MeetingView;
      expect(after).toMatchObject({ minutes: current.minutes, version: saved.body.version });
      await office.patch(`/api/meetings/${meeting.id}`, { minutes: 'x' }).expect(400);
    });

    it('refuses impossible and implausible dates with a field message, storing nothing', async () => {
      const count = async () => (await q(`SELECT count(*)::int AS n FROM meeting`))[0].n;
      const n = await count();
      const year = Number(shanghaiToday(clock.now()).slice(0, 4));
      for (const heldOn of [`${year}-02-30`, `${year + 3}-01-01`, '1999-12-31', `${year}-13-01`]) {
        const res = await office.post('/api/meetings', monthly({ heldOn })).expect(400);
        expect(res.body.errors.heldOn[0]).toContain('会议日期');
      }
      const patched = await office.patch(`/api/meetings/${meeting.id}`, { heldOn: `${year}-02-30`, version: 1 }).expect(400);
      expect(Object.keys(patched.body.errors)).toEqual(['heldOn']);
      expect(await count()).toBe(n);
    });
  });

  describe('action items', () => {
    let item: ActionItemView;

    it('creates an item and tells the owner unit’s staff in the same transaction', async () => {
      const res = await office
        .post(`/api/meetings/${meeting.id}/action-items`, {
          text: '协调解决光伏制氢项目用地指标',
          projectId: energyProject,
          ownerUnitId: energyUnitId,
          dueOn: '2025-03-20',
        })
        .expect(201);
      item = res.body;
      expect(item).toMatchObject({
        meeting: { id: meeting.id },
        chains: [{ code: 'clean-energy' }],
        project: { id: energyProject, name: '光伏制氢' },
        ownerUnit: { id: energyUnitId },
        ownerUser: null,
        dueOn: '2025-03-20',
        status: 'open',
        overdue: false,
      });
      const told = await q(
        `SELECT user_id, kind, link FROM notification WHERE kind = 'action-item-assigned' ORDER BY user_id`,
      );
      expect(told).toEqual(
        [energyStaff.user.id, colleagueId]
          .sort()
          .map((u) => ({ user_id: u, kind: 'action-item-assigned', link: `/action-items/${item.id}` })),
      );
      const [audit] = await q(`SELECT after FROM audit_log WHERE entity_type = 'action_item' AND entity_id = $1`, [item.id]);
      expect(audit.after.notified.sort()).toEqual([energyStaff.user.id, colleagueId].sort());
    });

    it('tells only the owner user when one is named, and refuses what does not fit', async () => {
      const before = (await q(`SELECT count(*)::int AS n FROM notification`))[0].n;
      const created = await energyStaff
        .post(`/api/meetings/${meeting.id}/action-items`, {
          text: '报送项目前期手续清单',
          ownerUnitId: energyUnitId,
          ownerUserId: colleagueId,
          dueOn: '2025-04-10',
        })
        .expect(201);
      // Notifications carry the clock's time (fixed here), so find this one by its link, not as the latest.
      const after = await q(`SELECT user_id FROM notification WHERE link = $1`, [`/action-items/${created.body.id}`]);
      expect((await q(`SELECT count(*)::int AS n FROM notification`))[0].n).toBe(before + 1);
      expect(after.map((r: { user_id: string }) => r.user_id)).toEqual([colleagueId]);
      const post = (body: Record<string, unknown>) =>
        office.post(`/api/meetings/${meeting.id}/action-items`, { text: '事项', ownerUnitId: energyUnitId, dueOn: '2025-04-01', ...body });
      await post({ projectId: metallurgyProject }).expect(422);
      await post({ ownerUnitId: 999999 }).expect(422);
      await post({ ownerUserId: otherStaff.user.id }).expect(422);
      await post({ dueOn: '4月1日' }).expect(400);
      // Nothing of the refused attempts was stored, nor anyone told.
      expect((await q(`SELECT count(*)::int AS n FROM action_item`))[0].n).toBe(2);
      expect((await q(`SELECT count(*)::int AS n FROM notification`))[0].n).toBe(before + 1);
      await xiao.post(`/api/meetings/${meeting.id}/action-items`, { text: '事项', ownerUnitId: energyUnitId, dueOn: '2025-04-01' }).expect(403);
      await otherStaff.post(`/api/meetings/${meeting.id}/action-items`, { text: '事项', ownerUnitId: energyUnitId, dueOn: '2025-04-01' }).expect(404);
    });

    it('lists a chain’s and a unit’s items only to those who may see them', async () => {
      const texts = (res: { body: ActionItemView[] }) => res.body.map((i) => i.text);
      expect(texts(await xiao.get('/api/action-items?chain=clean-energy').expect(200))).toEqual([
        '协调解决光伏制氢项目用地指标',
        '报送项目前期手续清单',
      ]);
      expect(texts(await energyStaff.get(`/api/action-items?unitId=${energyUnitId}`).expect(200))).toHaveLength(2);
      await xu.get('/api/action-items?chain=clean-energy').expect(403);
      expect(texts(await xu.get('/api/action-items').expect(200))).toEqual([]);
      expect(texts(await xu.get(`/api/action-items?unitId=${energyUnitId}`).expect(200))).toEqual([]);
      expect(texts(await otherStaff.get('/api/action-items').expect(200))).toEqual([]);
      expect(texts(await xiao.get(`/api/action-items?meetingId=${meeting.id}`).expect(200))).toHaveLength(2);
      expect(texts(await xu.get(`/api/action-items?meetingId=${meeting.id}`).expect(200))).toEqual([]);
      await xu.get(`/api/action-items/${item.id}`).expect(404);
      await xiao.get(`/api/action-items/${item.id}`).expect(200);
    });

    it('moves open → in-progress → done, closing only with a note, by the owner or the office', async () => {
      await xiao.post(`/api/action-items/${item.id}/status`, { status: 'in-progress', version: 1 }).expect(403);
      await xu.post(`/api/action-items/${item.id}/status`, { status: 'in-progress', version: 1 }).expect(404);
      await energyStaff.post(`/api/action-items/${item.id}/notes`, { text: '已与自然资源局对接' }).expect(201);
      await energyStaff.post(`/api/action-items/${item.id}/status`, { status: 'in-progress', version: 1 }).expect(201);
      // A second person acting on the version they read gets the current item back.
      const stale = await office.post(`/api/action-items/${item.id}/status`, { status: 'done', note: '已办结', version: 1 }).expect(409);
      expect(stale.body.message).toContain('已被他人修改，请刷新后再试');
      expect(stale.body.current).toMatchObject({ status: 'in-progress', version: 2 });
      await energyStaff.post(`/api/action-items/${item.id}/status`, { status: 'done', version: 2 }).expect(422);
      await energyStaff.post(`/api/action-items/${item.id}/status`, { status: 'done', note: '  ', version: 2 }).expect(422);
      const done = (
        await energyStaff.post(`/api/action-items/${item.id}/status`, { status: 'done', note: '用地指标已落实', version: 2 }).expect(201)
      ).body as ActionItemView;
      expect(done.version).toBe(3);
      expect(done).toMatchObject({ status: 'done', doneNote: '用地指标已落实', overdue: false });
      expect(done.notes.map((n) => [n.status, n.text])).toEqual([
        [null, '已与自然资源局对接'],
        ['in-progress', '状态改为 in-progress / Status set to in-progress'],
        ['done', '用地指标已落实'],
      ]);
      await office.post(`/api/action-items/${item.id}/status`, { status: 'open', version: 3 }).expect(422);
      const audits = await q(
        `SELECT after->>'status' AS status FROM audit_log WHERE entity_type = 'action_item' AND entity_id = $1 AND action = 'update' ORDER BY id`,
        [item.id],
      );
      expect(audits.map((a: { status: string }) => a.status)).toEqual(['in-progress', 'done']);
    });

    it('derives overdue from the due date in Shanghai, and lists the open and the overdue', async () => {
      const open = async () => (await energyStaff.get(`/api/action-items?unitId=${energyUnitId}`).expect(200)).body as ActionItemView[];
      const overdue = async () =>
        (await energyStaff.get(`/api/action-items?unitId=${energyUnitId}&filter=overdue`).expect(200)).body as ActionItemView[];
      expect((await open()).map((i) => i.text)).toEqual(['报送项目前期手续清单']);
      clock.set('2025-04-10T23:59:00+08:00');
      expect(await overdue()).toEqual([]);
      clock.set('2025-04-11T00:00:00+08:00');
      expect((await overdue()).map((i) => [i.text, i.overdue])).toEqual([['报送项目前期手续清单', true]]);
      const [m] = (await xiao.get('/api/meetings?chain=clean-energy').expect(200)).body as MeetingView[];
      expect([m.openItems, m.overdueItems]).toEqual([1, 1]);
      const all = (await office.get(`/api/action-items?chain=clean-energy&filter=all`).expect(200)).body as ActionItemView[];
      expect(all).toHaveLength(2);
    });

    it('says whether anyone was told: a unit with no user accounts is notified of nothing', async () => {
      const [unit] = await q(
        `SELECT u.id FROM unit u WHERE NOT EXISTS (SELECT 1 FROM app_user x WHERE x.unit_id = u.id) ORDER BY u.id LIMIT 1`,
      );
      const notifications = async () => (await q(`SELECT count(*)::int AS n FROM notification`))[0].n;
      const before = await notifications();
      const res = await office
        .post(`/api/meetings/${meeting.id}/action-items`, { text: '无账号单位的事项', ownerUnitId: unit.id, dueOn: '2025-05-10' })
        .expect(201);
      expect(res.body).toMatchObject({ notified: 0, ownerAccounts: 0 });
      expect(await notifications()).toBe(before);
      const told = await office
        .post(`/api/meetings/${meeting.id}/action-items`, { text: '有账号单位的事项', ownerUnitId: energyUnitId, dueOn: '2025-05-10' })
        .expect(201);
      expect(told.body.notified).toBe(told.body.ownerAccounts);
      expect(told.body.notified).toBeGreaterThan(0);
      expect(await notifications()).toBe(before + told.body.notified);
    });
  });
});
