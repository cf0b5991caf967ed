import { ReferenceModule } from '@crm/api/reference';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import type { ChainView } from '@crm/domain';
import { PlanModule } from '../plan.module';

/** A leader's post changed from a date, and a unit merged into another: the past reads as it was. */
describe('people and units over time', () => {
  let t: TestApp;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  // A year after the seeded plan's: the fixture's changes happen in it.
  let year: number;

  beforeAll(async () => {
    t = await createTestApp([ReferenceModule, PlanModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    office = await signInAs(t, { roles: ['office'] });
    leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
    const [row] = await t.dataSource.query(`SELECT max(year) AS year FROM annual_plan WHERE status = 'published'`);
    year = row.year + 1;
  });
  afterAll(() => t.close());

  const chainOn = async (code: string, on: string): Promise<ChainView> => (await leader.get(`/api/chains/${code}?on=${on}`).expect(200)).body;

  it('changes a leader’s post from a date; chains read before the date show the former post', async () => {
    const [person] = await t.dataSource.query(`SELECT id, position FROM person WHERE name = '徐进'`);
    await leader.post(`/api/plans/people/${person.id}/posts`, { position: '州委常委、市委书记', from: `${year}-07-01` }).expect(403);
    const same = await office.post(`/api/plans/people/${person.id}/posts`, { position: person.position, from: `${year}-07-01` }).expect(422);
    expect(Object.keys(same.body.errors)).toEqual(['position']);
    const posts = (await office.post(`/api/plans/people/${person.id}/posts`, { position: '州委常委、市委书记', from: `${year}-07-01` }).expect(201))
      .body;
    expect(posts).toEqual([
      { position: person.position, validFrom: null, validTo: `${year}-06-30` },
      { position: '州委常委、市委书记', validFrom: `${year}-07-01`, validTo: null },
    ]);
    const early = await office.post(`/api/plans/people/${person.id}/posts`, { position: '另一职务', from: `${year}-07-01` }).expect(422);
    expect(Object.keys(early.body.errors)).toEqual(['from']);
    expect((await chainOn('metallurgy', `${year}-06-30`)).liaisonLeader?.position).toBe(person.position);
    expect((await chainOn('metallurgy', `${year}-07-01`)).liaisonLeader?.position).toBe('州委常委、市委书记');
    expect((await leader.get(`/api/plans/people/${person.id}/posts`).expect(200)).body).toEqual(posts);
  });

  it('merges a unit into another from a date: its roles, duties and users pass on, its past stays', async () => {
    const [unit] = await t.dataSource.query(`INSERT INTO unit (name, kind) VALUES ('测试旅游服务中心', 'bureau') RETURNING id`);
    const [into] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市文体旅游广电局'`);
    await t.dataSource.query(
      `INSERT INTO chain_unit (chain_id, unit_id, role, is_lead, sort_order)
       SELECT id, $1, 'cooperating', false, 9 FROM chain WHERE code = 'land-port-logistics'`,
      [unit.id],
    );
    const user = await createTestUser(t, { roles: ['staff'], unit: '测试旅游服务中心' });
    await office.post(`/api/plans/units/${unit.id}/merge`, { intoUnitId: unit.id, on: `${year}-03-01` }).expect(422);
    const merged = await office.post(`/api/plans/units/${unit.id}/merge`, { intoUnitId: into.id, on: `${year}-03-01` }).expect(200);
    expect(merged.body).toEqual(expect.objectContaining({ rolesPassed: 1, usersMoved: 1, on: `${year}-03-01` }));
    const names = (chain: ChainView) => chain.cooperatingUnits.map((u) => u.unit.name);
    expect(names(await chainOn('land-port-logistics', `${year}-02-28`))).toContain('测试旅游服务中心');
    expect(names(await chainOn('land-port-logistics', `${year}-03-01`))).not.toContain('测试旅游服务中心');
    expect(names(await chainOn('land-port-logistics', `${year}-03-01`))).toContain('市文体旅游广电局');
    const [moved] = await t.dataSource.query(`SELECT unit_id FROM app_user WHERE id = $1`, [user.id]);
    expect(moved.unit_id).toBe(into.id);
    const owing = async (d: string) =>
      (await t.dataSource.query(`SELECT unit_id FROM reporting_units_on($1::date)`, [d])).map((r: { unit_id: number }) => r.unit_id);
    // A cooperating unit owes no report; the merged unit is simply gone from the chain after the date.
    expect(await owing(`${year}-03-31`)).not.toContain(unit.id);
    const again = await office.post(`/api/plans/units/${unit.id}/merge`, { intoUnitId: into.id, on: `${year}-05-01` }).expect(422);
    expect(Object.keys(again.body.errors)).toEqual(['intoUnitId']);
    const [audit] = await t.dataSource.query(`SELECT after FROM audit_log WHERE entity_type = 'unit' AND entity_id = $1`, [String(unit.id)]);
    expect(audit.after.mergedInto.id).toBe(into.id);
  });
});
