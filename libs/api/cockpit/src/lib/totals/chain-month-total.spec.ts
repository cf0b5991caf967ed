import { createTestApp, type TestApp } from '@crm/api/testing';
import { STAGES } from '@crm/domain';
import { CockpitModule } from '../cockpit.module';
import { ChainMonthTotalsService } from './chain-month-totals.service';

/** A small deterministic PRNG (mulberry32), so a failing sequence can be replayed by its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

/**
 * chain_month_total is kept by triggers whoever writes. Random sequences of changes, written
 * straight in SQL (as an import or a bulk load would), one statement or several rows at a time;
 * after each change (the office moving a cut-off among them) the kept totals must equal a full
 * recomputation from the ledgers and the statistical windows.
 */
describe('chain_month_total kept on write', () => {
  let t: TestApp;
  let totals: ChainMonthTotalsService;
  let unitId: number;
  let ownerId: string;
  let chainIds: number[];

  beforeAll(async () => {
    t = await createTestApp([CockpitModule]);
    totals = t.app.get(ChainMonthTotalsService);
    [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit ORDER BY id LIMIT 1`);
    [{ id: ownerId }] = await t.dataSource.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles) VALUES ('owner', '负责人', 'x', '{staff}') RETURNING id`,
    );
    chainIds = (await t.dataSource.query(`SELECT id FROM chain ORDER BY id`)).map((r: { id: number }) => r.id);
    // Thresholds low enough that big projects come and go in the sequences.
    await t.dataSource.query(`UPDATE chain_target SET big_project_threshold = 300`);
  });
  afterAll(() => t.close());

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const date = (r: ReturnType<typeof prng>) =>
    `${r.pick([2024, 2025, 2025, 2025])}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;
  const amount = (r: ReturnType<typeof prng>) => `${1 + r.int(400)}.${String(r.int(100)).padStart(2, '0')}`;

  async function projectIds(): Promise<string[]> {
    return (await q(`SELECT id FROM project ORDER BY id`)).map((r: { id: string }) => r.id);
  }

  /** One random change; returns its name for the failure message. */
  async function change(r: ReturnType<typeof prng>, step: number): Promise<string> {
    const ids = await projectIds();
    const one = () => r.pick(ids);
    const kinds = ids.length < 3 ? ['create'] : [
      'create', 'create-many', 'stage', 'stage', 'move-back', 'chain', 'drop', 'sign', 'sign', 'supplement',
      'supplement', 'unsign', 'agreement-edit', 'fund', 'fund', 'fund-many', 'fund-verify', 'fund-edit',
      'fund-delete', 'fund-delete-many', 'delete', 'threshold', 'cutoff', 'cutoff',
    ];
    const kind = r.pick(kinds);
    switch (kind) {
      case 'create':
      case 'create-many': {
        const n = kind === 'create' ? 1 : 2 + r.int(4);
        const values = Array.from({ length: n }, (_, i) =>
          `('项目${step}-${i}', ${r.pick(chainIds)}, '投资方', 'other', ${unitId}, '${ownerId}', '${r.pick(STAGES)}')`,
        ).join(', ');
        await q(`INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage)
                 VALUES ${values}`);
        break;
      }
      case 'stage':
        await q(`UPDATE project SET stage = $2 WHERE id = $1`, [one(), r.pick(STAGES)]);
        break;
      case 'move-back':
        await q(`UPDATE project SET stage = 'negotiation' WHERE stage >= 'signed' AND id = ANY ($1)`, [
          ids.filter(() => r.next() < 0.3),
        ]);
        break;
      case 'chain':
        await q(`UPDATE project SET chain_id = $2 WHERE id = $1`, [one(), r.pick(chainIds)]);
        break;
      case 'drop':
        await q(`UPDATE project SET status = 'dropped', status_reason = '终止' WHERE id = $1`, [one()]);
        break;
      case 'sign':
        await q(
          `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref)
           SELECT $1, 'initial', $2, $3, 'A' || $4 WHERE NOT EXISTS
             (SELECT 1 FROM project_agreement WHERE project_id = $1 AND kind = 'initial')`,
          [one(), amount(r), date(r), step],
        );
        break;
      case 'supplement':
        await q(
          `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'supplementary', $2, $3, 'S' || $4)`,
          [one(), amount(r), date(r), step],
        );
        break;
      case 'unsign':
        await q(`DELETE FROM project_agreement WHERE id IN (SELECT id FROM project_agreement ORDER BY random() LIMIT 1)`);
        break;
      case 'agreement-edit':
        await q(
          `UPDATE project_agreement SET amount = $1, signed_on = $2 WHERE id IN (SELECT id FROM project_agreement ORDER BY id LIMIT 1 OFFSET $3)`,
          [amount(r), date(r), r.int(5)],
        );
        break;
      case 'fund':
        await q(`INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, $2, $3)`, [one(), date(r).slice(0, 7), amount(r)]);
        break;
      case 'fund-many':
        await q(
          `INSERT INTO fund_arrival (project_id, month, amount)
           SELECT id, $1, $2 FROM project WHERE id = ANY ($3)`,
          [date(r).slice(0, 7), amount(r), ids.filter(() => r.next() < 0.4)],
        );
        break;
      case 'fund-verify':
        await q(
          `UPDATE fund_arrival SET verified = NOT verified, verified_at = CASE WHEN verified THEN NULL ELSE now() END
           WHERE id IN (SELECT id FROM fund_arrival ORDER BY id LIMIT 3 OFFSET $1)`,
          [r.int(4)],
        );
        break;
      case 'fund-edit':
        await q(
          `UPDATE fund_arrival SET month = $1, amount = $2 WHERE id IN (SELECT id FROM fund_arrival ORDER BY id LIMIT 1 OFFSET $3)`,
          [date(r).slice(0, 7), amount(r), r.int(5)],
        );
        break;
      case 'fund-delete':
        await q(`DELETE FROM fund_arrival WHERE id IN (SELECT id FROM fund_arrival ORDER BY id LIMIT 1 OFFSET $1)`, [r.int(5)]);
        break;
      case 'fund-delete-many':
        await q(`DELETE FROM fund_arrival WHERE project_id = ANY ($1)`, [ids.filter(() => r.next() < 0.3)]);
        break;
      case 'delete':
        await q(`DELETE FROM project WHERE id = $1`, [one()]);
        break;
      case 'cutoff': {
        // The office moves a period's cut-off within its month (December's stays the 31st), or restores it.
        const m = 1 + r.int(11);
        const period = `${r.pick([2024, 2025])}-${String(m).padStart(2, '0')}`;
        if (r.next() < 0.3) await q(`DELETE FROM stat_period_cutoff WHERE period = $1`, [period]);
        else
          await q(
            `INSERT INTO stat_period_cutoff (period, cutoff) VALUES ($1, $2)
             ON CONFLICT (period) DO UPDATE SET cutoff = excluded.cutoff`,
            [period, `${period}-${String(15 + r.int(14)).padStart(2, '0')}`],
          );
        break;
      }
      case 'threshold':
        await q(`UPDATE chain_target SET big_project_threshold = $2 WHERE chain_id = $1`, [r.pick(chainIds), r.pick([100, 300, 600])]);
        break;
    }
    return kind;
  }

  it.each([1, 2, 3, 4, 5])('equals a full recomputation after every change of random sequence %i', async (seed) => {
    const r = prng(seed);
    const done: string[] = [];
    for (let step = 0; step < 60; step++) {
      done.push(await change(r, seed * 1000 + step));
      const found = await totals.discrepancies();
      expect({ after: done, found }).toEqual({ after: done, found: [] });
    }
    // The sequences did move the figures: something was signed, funded and big at some point.
    const [kept] = await q(
      `SELECT count(*) FILTER (WHERE signed_amount <> 0) AS signed, count(*) FILTER (WHERE funds_in_place <> 0) AS funds
       FROM chain_month_total`,
    );
    expect(Number(kept.signed) + Number(kept.funds)).toBeGreaterThan(0);
  });

  it('keeps the totals when several changes land in one transaction', async () => {
    await t.dataSource.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage)
         VALUES ('一个事务', $1, '投资方', 'other', $2, $3, 'signed') RETURNING id`,
        [chainIds[0], unitId, ownerId],
      );
      await tx.query(
        `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES
           ($1, 'initial', 200, '2025-02-03', 'TX-1'), ($1, 'supplementary', 150, '2025-05-06', 'TX-2')`,
        [id],
      );
      await tx.query(`INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, '2025-03', 80)`, [id]);
      await tx.query(`UPDATE project SET chain_id = $2 WHERE id = $1`, [id, chainIds[1]]);
    });
    expect(await totals.discrepancies()).toEqual([]);
  });

  it('fills the totals for projects that existed before the migration', async () => {
    // What the migration does for existing data: recompute every project's share from scratch.
    await q(`TRUNCATE chain_month_total, project_month_share`);
    expect((await totals.discrepancies()).length).toBeGreaterThan(0);
    await q(`SELECT chain_month_refresh(ARRAY(SELECT id FROM project))`);
    expect(await totals.discrepancies()).toEqual([]);
  });
});
