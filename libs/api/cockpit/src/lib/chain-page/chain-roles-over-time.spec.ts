import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type ChainCockpitView } from '@crm/domain';
import { CockpitModule } from '../cockpit.module';

/**
 * The leader page and 批示 ask who leads and serves the chain on a date: 冶金's 包联领导 is replaced on
 * 1 July 2026 and 经开区 hands the chain to a new unit the same day. One clock for the session (auth)
 * and the cockpit, as in production.
 */
describe('the chain page and instructions over a change of leader and unit (1 July 2026)', () => {
  const clock = new ManualClock('2026-06-20T10:00:00+08:00');
  const code = 'metallurgy';
  const OLD_UNIT = '昆仑经济技术开发区管委会';
  const NEW_UNIT = '格尔木冶金产业园管委会';
  let t: TestApp;
  let before: SignedInAgent;
  let after: SignedInAgent;
  let projectId: string;
  let renamedId: number;

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const page = async (agent: SignedInAgent, query: string) =>
    (await agent.get(`/api/cockpit/chains/${code}?${query}`).expect(200)).body as ChainCockpitView;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    const [{ id: chainId }] = await q(`SELECT id FROM chain WHERE code = $1`, [code]);
    const [old] = await q(
      `SELECT l.id, p.name FROM chain_leader l JOIN person p ON p.id = l.person_id WHERE l.chain_id = $1 AND l.role = 'liaison'`,
      [chainId],
    );
    await q(`UPDATE chain_leader SET valid_to = '2026-06-30' WHERE id = $1`, [old.id]);
    await q(`INSERT INTO person (name, position) VALUES ('接任领导', '副市长')`);
    await q(
      `INSERT INTO chain_leader (chain_id, person_id, role, sort_order, valid_from)
       SELECT $1, id, 'liaison', 0, '2026-07-01' FROM person WHERE name = '接任领导'`,
      [chainId],
    );
    await q(`INSERT INTO unit (name, kind) VALUES ($1, 'committee')`, [NEW_UNIT]);
    await q(`UPDATE chain_unit SET valid_to = '2026-06-30' WHERE chain_id = $1 AND unit_id = (SELECT id FROM unit WHERE name = $2)`, [
      chainId,
      OLD_UNIT,
    ]);
    await q(
      `INSERT INTO chain_unit (chain_id, unit_id, role, is_lead, sort_order, valid_from)
       SELECT $1, id, 'responsible', true, 0, '2026-07-01' FROM unit WHERE name = $2`,
      [chainId, NEW_UNIT],
    );
    // A cooperating unit renamed on 1 March 2026: its March report shows the new name.
    const [coop] = await q(
      `SELECT u.id, u.name FROM chain_unit cu JOIN unit u ON u.id = cu.unit_id
       WHERE cu.chain_id = $1 AND cu.role = 'cooperating' ORDER BY cu.sort_order LIMIT 1`,
      [chainId],
    );
    renamedId = coop.id;
    await q(`UPDATE unit SET name = $2 WHERE id = $1`, [renamedId, `${coop.name}（新）`]);
    await q(`INSERT INTO unit_name (unit_id, name, valid_to) VALUES ($1, $2, '2026-02-28')`, [renamedId, coop.name]);
    await q(
      `INSERT INTO reporting_period (period, opens_at, due_at) VALUES ('2026-02', '2026-01-31T16:00Z', '2026-02-25T16:00Z')`,
    );
    await q(
      `INSERT INTO monthly_report (unit_id, period, state, work_done, problems, submitted_at, late, snapshot)
       VALUES ($1, '2026-02', 'submitted', '二月', '', '2026-02-20T10:00:00+08:00', false, '{}')`,
      [renamedId],
    );
    const owner = await createTestUser(t, { roles: ['staff'], unit: OLD_UNIT });
    [{ id: projectId }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id)
       VALUES ('批示项目', $1, '投资方', 'other', (SELECT id FROM unit WHERE name = $2), $3) RETURNING id`,
      [chainId, OLD_UNIT, owner.id],
    );
    // The old leader is also staff of a unit serving the chain: they still read it after July.
    before = await signInAs(t, { roles: ['leader', 'staff'], person: old.name, unit: `${coop.name}（新）` });
    after = await signInAs(t, { roles: ['leader'], person: '接任领导' });
  });
  afterAll(() => t.close());

  it('lets the leader of the day write an instruction, and no one else', async () => {
    clock.set('2026-06-30T23:00:00+08:00');
    await before.post(`/api/projects/${projectId}/instructions`, { text: '六月批示' }).expect(201);
    await after.post(`/api/projects/${projectId}/instructions`, { text: '尚未到任' }).expect(404);
    clock.set('2026-07-01T08:00:00+08:00');
    await after.post(`/api/projects/${projectId}/instructions`, { text: '七月批示' }).expect(201);
    // Still able to read the project, no longer leading its chain: refused.
    await before.get(`/api/projects/${projectId}/instructions`).expect(200);
    await before.post(`/api/projects/${projectId}/instructions`, { text: '已离任' }).expect(403);
    const texts = (await q(`SELECT text FROM project_instruction WHERE project_id = $1 ORDER BY created_at`, [projectId])).map(
      (r: { text: string }) => r.text,
    );
    expect(texts).toEqual(['六月批示', '七月批示']);
  });

  it('lists the units serving the chain in the month shown, under the names of their reports’ periods', async () => {
    clock.set('2026-12-10T10:00:00+08:00');
    const june = await page(after, 'year=2026&month=6');
    const august = await page(after, 'year=2026&month=8');
    expect(june.reports.map((r) => r.unit.name)).toContain(OLD_UNIT);
    expect(june.reports.map((r) => r.unit.name)).not.toContain(NEW_UNIT);
    expect(august.reports.map((r) => r.unit.name)).toContain(NEW_UNIT);
    expect(august.reports.map((r) => r.unit.name)).not.toContain(OLD_UNIT);
    expect(august.reports.find((r) => r.unit.name === NEW_UNIT)).toMatchObject({ role: 'responsible', isLead: true });
    const [{ name: oldName }] = await q(`SELECT name FROM unit_name WHERE unit_id = $1`, [renamedId]);
    expect(august.reports.find((r) => r.unit.id === renamedId)).toMatchObject({ unit: { name: oldName }, period: '2026-02' });
  });
});
