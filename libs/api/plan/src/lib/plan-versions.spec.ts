import { ReferenceModule } from '@crm/api/reference';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type AnnualPlanView, type ChainRoleView } from '@crm/domain';
import { PlanModule } from './plan.module';

/**
 * Two people editing one plan record: a goal's achieved figure, the dates of a chain role and a past
 * year's funds baseline each carry a version; an edit on a stale one answers 409 with the record as
 * it is now and writes nothing (no row change, no audit row).
 */
describe('plan records: optimistic versions', () => {
  let t: TestApp;
  let office: SignedInAgent;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  let year: number;

  beforeAll(async () => {
    t = await createTestApp([ReferenceModule, PlanModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    office = await signInAs(t, { roles: ['office'] });
    [{ year }] = await t.dataSource.query(`SELECT max(year) AS year FROM annual_plan WHERE status = 'published'`);
  });
  afterAll(() => t.close());

  const auditCount = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_log`))[0].n);

  it('refuses a goal’s achieved figure on a stale version, with the goal as it is now', async () => {
    const plan: AnnualPlanView = (await office.get(`/api/plans/${year}`).expect(200)).body;
    const task = plan.keyTasks.find((k) => k.goals.length > 0);
    if (!task) throw new Error('the seeded plan has no goal');
    const goal = task.goals[0];
    const url = `/api/plans/${year}/key-tasks/${task.id}/goals/${goal.id}`;

    const first = await office.put(url, { achieved: '11', achievedOn: `${year}-05-31`, version: goal.version }).expect(200);
    expect(first.body).toEqual(expect.objectContaining({ achieved: '11.0000', version: goal.version + 1 }));
    const audits = await auditCount();
    const stale = await office.put(url, { achieved: '12', achievedOn: `${year}-06-30`, version: goal.version }).expect(409);
    expect(stale.body.message).toContain('该量化目标已被他人修改');
    expect(stale.body.current).toEqual(expect.objectContaining({ id: goal.id, achieved: '11.0000', version: goal.version + 1 }));
    expect(await auditCount()).toBe(audits);
    await office.put(url, { achieved: '12', achievedOn: `${year}-06-30`, version: goal.version + 1 }).expect(200);
  });

  it('refuses ending a chain role on a stale version, with the role as it is now', async () => {
    const roles: ChainRoleView[] = (await office.get('/api/plans/roles?chain=metallurgy').expect(200)).body;
    const role = roles.find((r) => r.kind === 'unit' && r.validTo === null);
    if (!role) throw new Error('no open unit role on metallurgy');
    const url = `/api/plans/roles/unit/${role.id}`;

    await office.patch(url, { validTo: `${year + 5}-12-31`, version: role.version }).expect(200);
    const audits = await auditCount();
    const stale = await office.patch(url, { validTo: `${year + 6}-12-31`, version: role.version }).expect(409);
    expect(stale.body.message).toContain('该任职记录已被他人修改');
    expect(stale.body.current).toEqual(expect.objectContaining({ id: role.id, validTo: `${year + 5}-12-31`, version: role.version + 1 }));
    const [row] = await t.dataSource.query(`SELECT to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM chain_unit WHERE id = $1`, [role.id]);
    expect(row.valid_to).toBe(`${year + 5}-12-31`);
    expect(await auditCount()).toBe(audits);
    // Without a version the edit goes through (API clients that never read one).
    await office.patch(url, { validTo: null }).expect(200);
  });

  it('refuses a funds baseline on a stale version; version 0 means “there was no row”', async () => {
    const key = { year: year - 3, chainCode: 'clean-energy', sector: 'manufacturing' };
    const created = await office.put('/api/plans/baselines', { ...key, amount: '100', version: 0 }).expect(200);
    expect(created.body).toEqual(expect.objectContaining({ amount: '100.000000', version: 1 }));
    const audits = await auditCount();
    // A second person who also saw the cell empty.
    const raced = await office.put('/api/plans/baselines', { ...key, amount: '200', version: 0 }).expect(409);
    expect(raced.body.message).toContain('该往年实绩已被他人修改');
    expect(raced.body.current).toEqual(expect.objectContaining({ amount: '100.000000', version: 1 }));
    await office.put('/api/plans/baselines', { ...key, amount: '300', version: 1 }).expect(200);
    await office.put('/api/plans/baselines', { ...key, amount: '400', version: 1 }).expect(409);
    const [row] = await t.dataSource.query(
      `SELECT amount::text, version FROM funds_baseline b JOIN chain c ON c.id = b.chain_id
       WHERE b.year = $1 AND c.code = $2 AND b.sector = $3`,
      [key.year, key.chainCode, key.sector],
    );
    expect(row).toEqual({ amount: '300.000000', version: 2 });
    expect(await auditCount()).toBe(audits + 1);
  });
});
