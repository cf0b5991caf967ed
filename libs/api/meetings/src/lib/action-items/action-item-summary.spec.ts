import { createTestApp, signInAs, unitServingOnly, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, shanghaiToday, type ActionItemSummaryRow, type ActionItemSummaryView } from '@crm/domain';
import request from 'supertest';
import { MeetingsModule } from '../meetings.module';

/**
 * GET /api/action-items/summary: 交办事项完成率, open and overdue at a date, by chain (the chains
 * the user may read) or by owner unit (the items the user may see), checked against counts made
 * by hand from the fixtures below; and the route does not fall into GET /api/action-items/:id.
 */
describe('GET /api/action-items/summary', () => {
  const clock = new ManualClock('2025-03-16T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let energyStaff: SignedInAgent; // unit serving clean-energy, not metallurgy
  let otherStaff: SignedInAgent; // unit serving metallurgy, not clean-energy
  let xiao: SignedInAgent; // leads 清洁能源
  let xu: SignedInAgent; // leads 盐湖化工, 冶金, 陆港物流
  let energy: { id: number; name: string };
  let other: { id: number; name: string };

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);

  async function meeting(heldOn: string, codes: string[]): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO meeting (kind, held_on, chair_name, created_by) VALUES ($1, $2, '主持人', $3) RETURNING id`,
      [codes.length > 1 ? 'joint' : 'monthly-dispatch', heldOn, office.user.id],
    );
    await q(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = ANY ($2)`, [id, codes]);
    return id;
  }

  async function item(meetingId: string, unitId: number, dueOn: string, doneAt: string | null = null): Promise<void> {
    await q(
      `INSERT INTO action_item (meeting_id, text, owner_unit_id, due_on, status, done_note, done_at, created_by)
       VALUES ($1, '事项', $2, $3, $4, $5, $6, $7)`,
      [meetingId, unitId, dueOn, doneAt ? 'done' : 'open', doneAt ? '已办结' : null, doneAt, office.user.id],
    );
  }

  const summary = async (agent: SignedInAgent, query: string): Promise<ActionItemSummaryView> =>
    (await agent.get(`/api/action-items/summary${query}`).expect(200)).body;
  const byCode = (view: ActionItemSummaryView, code: string) => view.rows.find((r) => r.chain?.code === code);
  const byUnit = (view: ActionItemSummaryView, id: number) => view.rows.find((r) => r.unit?.id === id);
  const figures = (r: ActionItemSummaryRow | undefined) =>
    r && { open: r.open, overdue: r.overdue, doneTotal: r.doneTotal, ...r.completion };

  beforeAll(async () => {
    t = await createTestApp([MeetingsModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    energy = await unitServingOnly(t, 'clean-energy', 'metallurgy', shanghaiToday(clock.now()));
    other = await unitServingOnly(t, 'metallurgy', 'clean-energy', shanghaiToday(clock.now()));
    office = await signInAs(t, { roles: ['office'] });
    energyStaff = await signInAs(t, { roles: ['staff'], unit: energy.name });
    otherStaff = await signInAs(t, { roles: ['staff'], unit: other.name });
    xiao = await signInAs(t, { roles: ['leader'], person: '肖军' });
    xu = await signInAs(t, { roles: ['leader'], person: '徐进' });

    const ce = await meeting('2025-03-05', ['clean-energy']);
    const joint = await meeting('2025-03-06', ['clean-energy', 'metallurgy']);
    const met = await meeting('2025-03-07', ['metallurgy']);
    await item(ce, energy.id, '2025-03-10', '2025-03-09T10:00:00+08:00'); // i1 on time
    await item(ce, energy.id, '2025-03-12', '2025-03-15T10:00:00+08:00'); // i2 done late
    await item(ce, energy.id, '2025-03-20'); // i3 not yet due on the 16th
    await item(ce, other.id, '2025-03-08'); // i4 overdue
    await item(joint, other.id, '2025-03-11', '2025-03-11T23:59:00+08:00'); // i5 done, counts for both chains
    await item(joint, energy.id, '2025-03-25'); // i6 not yet due
    await item(met, energy.id, '2025-03-09'); // i7 overdue, a metallurgy meeting's item owned by the energy unit
    await item(met, other.id, '2025-03-09'); // i8 overdue
    await item(met, other.id, '2025-03-14', '2025-03-17T09:00:00+08:00'); // i9 done after the 16th
  }, 120_000);
  afterAll(() => t.close());

  it('is its own route, not an action item called "summary"', async () => {
    const res = await office.get('/api/action-items/summary').expect(200);
    expect(res.body.by).toBe('chain');
    await office.get('/api/action-items/not-a-uuid').expect(400);
    await office.get('/api/action-items/6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11').expect(404);
    await request(t.app.getHttpServer()).get('/api/action-items/summary').expect(401);
  });

  it('by chain: each readable chain’s completion at the date, a joint meeting’s items counting for both', async () => {
    const view = await summary(office, '?by=chain&asOf=2025-03-16');
    expect(view.by).toBe('chain');
    expect(view.asOf).toBe('2025-03-16');
    expect(view.rows).toHaveLength(7);
    expect(view.rows.every((r) => r.unit === null)).toBe(true);
    // clean-energy: i1 i2 i4 i5 due, i1 i2 i5 done; i3 i4 i6 open, i4 overdue.
    expect(figures(byCode(view, 'clean-energy'))).toEqual({ open: 3, overdue: 1, doneTotal: 3, due: 4, done: 3, rate: '75.00' });
    // metallurgy: i5 i7 i8 i9 due, i5 done (i9 only on the 17th); i6 i7 i8 i9 open, i7 i8 i9 overdue.
    expect(figures(byCode(view, 'metallurgy'))).toEqual({ open: 4, overdue: 3, doneTotal: 1, due: 4, done: 1, rate: '25.00' });
    expect(figures(byCode(view, 'salt-lake-chemical'))).toEqual({ open: 0, overdue: 0, doneTotal: 0, due: 0, done: 0, rate: null });
    expect(byCode(view, 'clean-energy')?.chain?.nameZh).toBe('清洁能源产业链');

    // At the month end: i3 and i6 fall due, i9 is done (late).
    const end = await summary(office, '?by=chain&asOf=2025-03-31');
    expect(byCode(end, 'clean-energy')?.completion).toEqual({ due: 6, done: 3, rate: '50.00' });
    expect(byCode(end, 'metallurgy')?.completion).toEqual({ due: 5, done: 2, rate: '40.00' });
  });

  it('by chain: only the chains the user may read', async () => {
    expect((await summary(xiao, '?by=chain&asOf=2025-03-16')).rows.map((r) => r.chain?.code)).toEqual(['clean-energy']);
    const led = await summary(xu, '?by=chain&asOf=2025-03-16');
    expect(led.rows.map((r) => r.chain?.code).sort()).toEqual(['land-port-logistics', 'metallurgy', 'salt-lake-chemical']);
    expect(byCode(led, 'metallurgy')?.completion.rate).toBe('25.00');
    const staffView = await summary(energyStaff, '?by=chain&asOf=2025-03-16');
    expect(staffView.rows.map((r) => r.chain?.code)).toContain('clean-energy');
    expect(staffView.rows.map((r) => r.chain?.code)).not.toContain('metallurgy');
  });

  it('by unit: the office sees every owner unit’s items, each item once', async () => {
    const view = await summary(office, '?by=unit&asOf=2025-03-16');
    expect(view.by).toBe('unit');
    expect(view.rows.every((r) => r.chain === null)).toBe(true);
    expect(view.rows.map((r) => r.unit?.id).sort()).toEqual([energy.id, other.id].sort());
    // energy: i1 i2 i3 i6 i7; due i1 i2 i7, done i1 i2; open i3 i6 i7, overdue i7.
    expect(figures(byUnit(view, energy.id))).toEqual({ open: 3, overdue: 1, doneTotal: 2, due: 3, done: 2, rate: '66.67' });
    expect(byUnit(view, energy.id)?.unit?.name).toBe(energy.name);
    // other: i4 i5 i8 i9; all due, i5 done; open i4 i8 i9, all overdue.
    expect(figures(byUnit(view, other.id))).toEqual({ open: 3, overdue: 3, doneTotal: 1, due: 4, done: 1, rate: '25.00' });
  });

  it('by unit: staff count the items of their chains’ meetings, and all of their own unit’s', async () => {
    const mine = await summary(energyStaff, '?by=unit&asOf=2025-03-16');
    // Their own unit in full, i7 of a metallurgy meeting included.
    expect(figures(byUnit(mine, energy.id))).toEqual({ open: 3, overdue: 1, doneTotal: 2, due: 3, done: 2, rate: '66.67' });
    // The other unit: only i4 and i5, of clean-energy meetings.
    expect(figures(byUnit(mine, other.id))).toEqual({ open: 1, overdue: 1, doneTotal: 1, due: 2, done: 1, rate: '50.00' });

    const theirs = await summary(otherStaff, '?by=unit&asOf=2025-03-16');
    // The energy unit seen from metallurgy: i6 and i7 only.
    expect(figures(byUnit(theirs, energy.id))).toEqual({ open: 2, overdue: 1, doneTotal: 0, due: 1, done: 0, rate: '0.00' });
    expect(byUnit(theirs, other.id)?.completion).toEqual({ due: 4, done: 1, rate: '25.00' });

    // 肖军 leads clean-energy: its meetings' items only, by unit.
    const leader = await summary(xiao, '?by=unit&asOf=2025-03-16');
    expect(byUnit(leader, energy.id)?.completion).toEqual({ due: 2, done: 2, rate: '100.00' });
  });

  it('defaults to by chain at today in Shanghai, and refuses a bad grouping or date', async () => {
    clock.set('2025-03-16T23:30:00+08:00');
    const view = await summary(office, '');
    expect(view).toMatchObject({ by: 'chain', asOf: '2025-03-16' });
    clock.set('2025-03-17T00:30:00+08:00'); // still the 16th in UTC
    expect((await summary(office, '?by=unit')).asOf).toBe('2025-03-17');
    const bad = await office.get('/api/action-items/summary?by=project').expect(400);
    expect(JSON.stringify(bad.body)).toContain('chain 或 unit');
    await office.get('/api/action-items/summary?asOf=2025-02-30').expect(400);
    await office.get('/api/action-items/summary?asOf=2025-3-1').expect(400);
  });
});
