import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type ChainCode, type CurrentUserView, type ProjectPage } from '@crm/domain';
import { REFERENCE_2025 } from '@crm/migrations';

/**
 * Who reads and edits which chain, on a date (chain_access): a leader replaced on 1 July 2026
 * reads the chain until 30 June and the new one from 1 July, in the same sessions, as the auth
 * clock moves; a unit the year's published plan makes responsible for a key task of a chain it
 * does not serve reads that chain (never edits it), for that year only.
 */
describe('chain access follows the plan on the date (chain_access)', () => {
  const clock = new ManualClock('2026-06-30T12:00:00+08:00');
  let t: TestApp;
  let owner: string;

  const me = async (agent: SignedInAgent) => (await agent.get('/api/auth/me').expect(200)).body as CurrentUserView;
  const chainId = async (code: string): Promise<number> =>
    (await t.dataSource.query(`SELECT id FROM chain WHERE code = $1`, [code]))[0].id;
  const newProject = async (code: string, unitName: string): Promise<string> => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id)
       VALUES ($1, $2, '某投资方', 'through-firms', (SELECT id FROM unit WHERE name = $3), $4) RETURNING id`,
      [`${code} 测试项目`, await chainId(code), unitName, owner],
    );
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp([PipelineModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    owner = (await createTestUser(t, { roles: ['staff'], unit: '昆仑经济技术开发区管委会' })).id;
  });
  afterAll(() => t.close());

  describe('a leader replaced on 1 July 2026', () => {
    let before: SignedInAgent;
    let after: SignedInAgent;
    const code = 'metallurgy';

    beforeAll(async () => {
      const [old] = await t.dataSource.query(
        `SELECT l.id, p.name FROM chain_leader l JOIN person p ON p.id = l.person_id
         WHERE l.chain_id = $1 AND l.role = 'liaison'`,
        [await chainId(code)],
      );
      await t.dataSource.query(`UPDATE chain_leader SET valid_to = '2026-06-30' WHERE id = $1`, [old.id]);
      await t.dataSource.query(`INSERT INTO person (name, position) VALUES ('接任领导', '副市长')`);
      await t.dataSource.query(
        `INSERT INTO chain_leader (chain_id, person_id, role, sort_order, valid_from)
         VALUES ($1, (SELECT id FROM person WHERE name = '接任领导'), 'liaison', 0, '2026-07-01')`,
        [await chainId(code)],
      );
      before = await signInAs(t, { roles: ['leader'], person: old.name });
      after = await signInAs(t, { roles: ['leader'], person: '接任领导' });
    });

    it('gives the chain to the old leader up to 30 June and to the new one from 1 July, in the same sessions', async () => {
      clock.set('2026-06-30T23:59:59+08:00');
      expect((await me(before)).chainCodes).toContain(code);
      expect((await me(after)).chainCodes).toEqual([]);
      await before.get(`/api/chains/${code}/board`).expect(200);
      await after.get(`/api/chains/${code}/board`).expect(404);

      // 2026-06-30T16:00Z is 1 July 00:00 in Shanghai: the day turns there, not at UTC midnight.
      clock.set('2026-06-30T16:00:00Z');
      expect((await me(before)).chainCodes).not.toContain(code);
      expect((await me(after)).chainCodes).toEqual([code]);
      await before.get(`/api/chains/${code}/board`).expect(404);
      await after.get(`/api/chains/${code}/board`).expect(200);
      // Leading reads, it never edits.
      expect((await me(after)).editableChainCodes).toEqual([]);
    });
  });

  describe('key-task duty in the 2025 plan', () => {
    interface Pair {
      code: ChainCode;
      unit: string;
    }
    let pairs: Pair[];

    beforeAll(async () => {
      // The 2025 plan, published (as the annex was).
      await t.dataSource.query(
        `INSERT INTO annual_plan (year, status, published_at) VALUES (2025, 'published', '2025-02-01T00:00:00+08:00')
         ON CONFLICT (year) DO UPDATE SET status = 'published', published_at = coalesce(annual_plan.published_at, EXCLUDED.published_at)`,
      );
      // Units responsible for a 2025 key task of a chain they do not serve, from the seeded tables.
      pairs = await t.dataSource.query(
        `SELECT DISTINCT c.code, u.name AS unit, c.sort_order FROM key_task k
         JOIN key_task_unit ku ON ku.key_task_id = k.id
         JOIN chain c ON c.id = k.chain_id JOIN unit u ON u.id = ku.unit_id
         WHERE k.year = 2025
           AND NOT EXISTS (SELECT 1 FROM chain_unit cu WHERE cu.chain_id = k.chain_id AND cu.unit_id = ku.unit_id)
         ORDER BY c.sort_order, u.name`,
      );
      pairs = pairs.map(({ code, unit }) => ({ code, unit }));
    });

    it('are the pairs the annex gives', () => {
      // Read independently from the seed's source: key-task units not among the chain's units.
      const expected = REFERENCE_2025.chains.flatMap((c) => {
        const serving = new Set([...c.responsibleUnits.map((u) => u.unit), ...c.cooperatingUnits]);
        return [...new Set(c.keyTasks.flatMap((k) => k.units).filter((u) => !serving.has(u)))].map((unit) => ({
          code: c.code,
          unit,
        }));
      });
      const key = (p: Pair) => `${p.code}|${p.unit}`;
      expect(pairs.map(key).sort()).toEqual(expected.map(key).sort());
      expect(pairs).toContainEqual({ code: 'metallurgy', unit: '市能源局' });
    });

    it('grants each unit read access to the chain, never edit, in 2025 only', async () => {
      clock.set('2025-06-15T10:00:00+08:00');
      const projects = new Map<string, string>();
      for (const code of new Set(pairs.map((p) => p.code))) {
        const [serving] = await t.dataSource.query(
          `SELECT u.name FROM chain_unit cu JOIN unit u ON u.id = cu.unit_id
           WHERE cu.chain_id = $1 AND cu.role = 'responsible' ORDER BY cu.sort_order LIMIT 1`,
          [await chainId(code)],
        );
        projects.set(code, await newProject(code, serving.name));
      }
      const agents = new Map<string, SignedInAgent>();
      for (const unit of new Set(pairs.map((p) => p.unit))) {
        agents.set(unit, await signInAs(t, { roles: ['staff'], unit }));
      }
      for (const { code, unit } of pairs) {
        const agent = agents.get(unit) as SignedInAgent;
        const view = await me(agent);
        expect({ code, unit, reads: view.chainCodes.includes(code) }).toEqual({ code, unit, reads: true });
        expect({ code, unit, edits: view.editableChainCodes.includes(code) }).toEqual({ code, unit, edits: false });
        const page = (await agent.get(`/api/projects?chain=${code}`).expect(200)).body as ProjectPage;
        const listed = page.items.map((p) => p.id).includes(projects.get(code) as string);
        expect({ code, unit, listed }).toEqual({ code, unit, listed: true });
        await agent.get(`/api/projects/${projects.get(code)}`).expect(200);
        const patch = await agent.patch(`/api/projects/${projects.get(code)}`, { version: 1, industry: '改写' });
        expect({ code, unit, status: patch.status }).toEqual({ code, unit, status: 403 });
      }
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM project WHERE id = ANY ($1::uuid[]) AND (industry = '改写' OR version <> 1)`,
        [[...projects.values()]],
      );
      expect(n).toBe(0);

      // The duty is the year's: with no key tasks in a 2026 plan, the chains not served are closed.
      clock.set('2026-06-15T10:00:00+08:00');
      for (const { code, unit } of pairs) {
        const view = await me(agents.get(unit) as SignedInAgent);
        expect({ code, unit, reads: view.chainCodes.includes(code) }).toEqual({ code, unit, reads: false });
      }
    });

    it('leaves editing to the units serving the chain', async () => {
      clock.set('2025-06-15T10:00:00+08:00');
      const id = await newProject('metallurgy', '昆仑经济技术开发区管委会');
      const kunlun = await signInAs(t, { roles: ['staff'], unit: '昆仑经济技术开发区管委会' });
      expect((await me(kunlun)).editableChainCodes).toContain('metallurgy');
      await kunlun.patch(`/api/projects/${id}`, { version: 1, industry: '有色冶金' }).expect(200);
      const energy = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
      const view = await me(energy);
      expect(view.chainCodes).toContain('metallurgy');
      expect(view.editableChainCodes).not.toContain('metallurgy');
      await energy.patch(`/api/projects/${id}`, { version: 2, industry: '改写' }).expect(403);
    });
  });
});
