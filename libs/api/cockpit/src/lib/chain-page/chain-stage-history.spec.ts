import { createTestApp, type TestApp } from '@crm/api/testing';
import { STAGES, type Stage } from '@crm/domain';
import { CockpitModule } from '../cockpit.module';
import { STAGE_HISTORY } from './chain-page.queries';
import { ChainStageHistory, type ChainStageHistoryStats } from './chain-stage-history';

/**
 * The leader page's history figures are kept per version (chain_stage_history): after any
 * sequence of changes, written straight in SQL as an import or a bulk load would, what the page
 * reads equals a full recomputation from project and project_stage_move, for every chain.
 */
describe('chain_stage_history kept per version', () => {
  let t: TestApp;
  let history: ChainStageHistory;
  let unitId: number;
  let ownerId: string;
  let chainIds: number[];
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);

  beforeAll(async () => {
    t = await createTestApp([CockpitModule]);
    history = t.app.get(ChainStageHistory);
    [{ id: unitId }] = await q(`SELECT id FROM unit ORDER BY id LIMIT 1`);
    [{ id: ownerId }] = await q(
      `INSERT INTO app_user (username, display_name, password_hash, roles) VALUES ('history-owner', '负责人', 'x', '{staff}') RETURNING id`,
    );
    chainIds = (await q(`SELECT id FROM chain ORDER BY id`)).map((r: { id: number }) => r.id);
  });
  afterAll(async () => {
    await q(`DELETE FROM project WHERE owner_id = $1`, [ownerId]);
    await q(`DELETE FROM app_user WHERE id = $1`, [ownerId]);
    await t.close();
  });

  /** Recomputed from the tables, with nothing kept. */
  async function recomputed(chainId: number): Promise<ChainStageHistoryStats> {
    const [row] = await q(STAGE_HISTORY, [chainId]);
    return { reached: row.reached, completed: row.completed };
  }

  let seq = 0;
  async function newProject(chainId: number, stage: Stage): Promise<string> {
    seq += 1;
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status, stage_entered_at)
       VALUES ($1, $2, '投资方', 'other', $3, $4, $5, 'active', now() - make_interval(days => $6)) RETURNING id`,
      [`历史项目${seq}`, chainId, unitId, ownerId, stage, 5 + (seq % 40)],
    );
    await q(
      `INSERT INTO project_stage_move (project_id, from_stage, to_stage, moved_at, moved_by)
       VALUES ($1, NULL, 'lead', now() - make_interval(days => $2), $3)`,
      [id, 100 + (seq % 50), ownerId],
    );
    return id;
  }

  async function move(id: string, to: Stage, daysAgo: number): Promise<void> {
    await q(
      `WITH p AS (SELECT stage FROM project WHERE id = $1)
       INSERT INTO project_stage_move (project_id, from_stage, to_stage, reason, moved_at, moved_by)
       SELECT $1, p.stage, $2, '调度调整', now() - make_interval(days => $3), $4 FROM p WHERE p.stage <> $2`,
      [id, to, daysAgo, ownerId],
    );
    await q(`UPDATE project SET stage = $2, stage_entered_at = now() - make_interval(days => $3) WHERE id = $1`, [id, to, daysAgo]);
  }

  it('equals a full recomputation after every change, and is reused while nothing changes', async () => {
    let state = 7;
    const rand = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const ids: { id: string; chain: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const chain = chainIds[i % 3];
      ids.push({ id: await newProject(chain, 'lead'), chain });
    }
    // Read once so every chain has a kept answer to go stale.
    for (const c of chainIds.slice(0, 3)) await history.stats(c);

    for (let step = 0; step < 30; step++) {
      const kind = rand(5);
      const target = ids[rand(ids.length)];
      if (kind === 0) {
        const chain = chainIds[rand(3)];
        ids.push({ id: await newProject(chain, STAGES[rand(3)]), chain });
      } else if (kind === 1 || kind === 2) {
        // Forward or back, with a back-dated move (a completed stay of known length).
        await move(target.id, STAGES[rand(STAGES.length)], rand(60));
      } else if (kind === 3) {
        const chain = chainIds[(chainIds.indexOf(target.chain) + 1) % 3];
        await q(`UPDATE project SET chain_id = $2 WHERE id = $1`, [target.id, chain]);
        target.chain = chain;
      } else if (ids.length > 3) {
        await q(`DELETE FROM project WHERE id = $1`, [target.id]);
        ids.splice(ids.indexOf(target), 1);
      }
      for (const c of chainIds.slice(0, 3)) {
        expect({ step, kind, chain: c, stats: await history.stats(c) }).toEqual({
          step,
          kind,
          chain: c,
          stats: await recomputed(c),
        });
      }
    }

    // Nothing changed since the last read: the kept answer is used as is.
    const [kept] = await q(`SELECT version, computed_version, computed_at FROM chain_stage_history WHERE chain_id = $1`, [chainIds[0]]);
    expect(kept.computed_version).toBe(kept.version);
    await history.stats(chainIds[0]);
    const [again] = await q(`SELECT computed_at FROM chain_stage_history WHERE chain_id = $1`, [chainIds[0]]);
    expect(again.computed_at).toEqual(kept.computed_at);
  });

  it('never keeps an answer computed before a change it did not see', async () => {
    const chain = chainIds[4];
    const id = await newProject(chain, 'lead');
    await history.stats(chain);
    // A reader computes at version v …
    const [before] = await q(STAGE_HISTORY, [chain]);
    // … a change commits and bumps the version …
    await move(id, 'negotiation', 3);
    // … and the reader's store, conditional on v, keeps nothing.
    const [, stored] = await q(
      `UPDATE chain_stage_history SET reached = $2, computed_version = $3::bigint WHERE chain_id = $1 AND version = $3::bigint RETURNING 1`,
      [chain, JSON.stringify(before.reached), before.version],
    );
    expect(stored).toBe(0); // rows updated
    const stats = await history.stats(chain);
    expect(stats).toEqual(await recomputed(chain));
    expect(stats.reached.negotiation).toBeGreaterThan(before.reached.negotiation ?? 0);
  });
});
