import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { PipelineModule, PipelineTotalsService } from '@crm/api/pipeline';
import { EVALUATION_DIMENSIONS, STAGES, type Stage } from '@crm/domain';
import { prng } from '../../test/cockpit-fixtures';
import { CockpitModule } from '../cockpit.module';
import { ChainMonthTotalsService } from './chain-month-totals.service';

/**
 * The same check through the real routes: a random sequence of what staff and the office do
 * (create, sign through the gates, add a supplementary agreement, record and verify funds, delete
 * a fund entry, move back below signing, drop), the totals checked after every step.
 */
/** A ledger entry dated where the ledger's date rules refuse it (random dates do that); fine. */
function refusedForDates(res: { status: number; body: unknown }): boolean {
  if (res.status === 400 || res.status === 422) return true;
  throw new Error(`unexpected answer ${res.status}: ${JSON.stringify(res.body)}`);
}

describe('chain_month_total through the API', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let office: SignedInAgent;
  let unitId: number;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    [staff, office] = await Promise.all([signInAs(t, { roles: ['staff'], unit: '市数据局' }), signInAs(t, { roles: ['office'] })]);
    [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市数据局'`);
    // Low enough that one agreement or two make a big project.
    await t.dataSource.query(`UPDATE chain_target SET big_project_threshold = 1500`);
  });
  afterAll(() => t.close());

  const version = async (id: string): Promise<number> =>
    (await t.dataSource.query(`SELECT version FROM project WHERE id = $1`, [id]))[0].version;
  const stageOf = async (id: string): Promise<Stage> =>
    (await t.dataSource.query(`SELECT stage FROM project WHERE id = $1`, [id]))[0].stage;

  async function sign(id: string, n: number, r: ReturnType<typeof prng>) {
    await staff
      .post(`/api/projects/${id}/activities`, { kind: 'visit', occurredOn: '2025-01-10', summary: '走访', ourParticipants: ['张三'] })
      .expect(201);
    await staff.patch(`/api/projects/${id}`, { plannedInvestment: '2000', version: await version(id) }).expect(200);
    await staff.post(`/api/projects/${id}/stage-moves`, { to: 'negotiation', version: await version(id) }).expect(201);
    const opened = await staff
      .post(`/api/projects/${id}/evaluations`, {
        dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合' })),
        eliminatedCategory: false,
      })
      .expect(201);
    await staff
      .post(`/api/projects/${id}/evaluations/${opened.body.id}/conclusion`, {
        conclusion: 'pass',
        concludedOn: '2025-02-01',
        version: opened.body.version,
      })
      .expect(200);
    await staff.post(`/api/projects/${id}/stage-moves`, { to: 'evaluation', version: await version(id) }).expect(201);
    await staff
      .post(`/api/projects/${id}/stage-moves`, {
        to: 'signed',
        version: await version(id),
        signedAmount: String(500 + r.int(1000)),
        signedOn: `2025-0${1 + r.int(9)}-1${r.int(10)}`,
        agreementRef: `QY-${n}`,
      })
      .expect(201);
  }

  it('equals a full recomputation after every step of a random sequence', async () => {
    const r = prng(6);
    const ids: string[] = [];
    const done: string[] = [];
    for (let step = 0; step < 70; step++) {
      const kind = ids.length < 2 ? 'create' : r.pick(['create', 'sign', 'sign', 'supplement', 'fund', 'fund', 'verify', 'unfund', 'back', 'drop']);
      const id = r.pick(ids.length ? ids : ['']);
      const stage = id ? await stageOf(id) : 'lead';
      const signed = STAGES.indexOf(stage) >= STAGES.indexOf('signed');
      const [status] = id ? await t.dataSource.query(`SELECT status FROM project WHERE id = $1`, [id]) : [{ status: 'active' }];
      if (kind === 'create') {
        const res = await staff
          .post('/api/projects', {
            name: `随机项目${step}`,
            chain: r.pick(['clean-energy']),
            investorName: '某公司',
            sourceChannel: 'through-firms',
            responsibleUnitId: unitId,
          });
        expect([res.status, res.body]).toEqual([201, expect.anything()]);
        ids.push(res.body.id);
      } else if (kind === 'sign' && stage === 'lead' && status.status === 'active') {
        await sign(id, step, r);
      } else if (kind === 'supplement') {
        const [target] = await t.dataSource.query(
          `SELECT id FROM project WHERE stage >= 'signed' AND status <> 'dropped' ORDER BY updated_at DESC, id LIMIT 1`,
        );
        if (!target) continue;
        const ok = await staff
          .post(`/api/projects/${target.id}/agreements`, {
            amount: String(100 + r.int(900)),
            signedOn: `2025-${10 + r.int(3)}-0${1 + r.int(9)}`,
            agreementRef: `BC-${step}`,
          })
          .then((res) => res.status === 201 || !refusedForDates(res));
        if (!ok) continue;
      } else if (kind === 'fund' && signed && status.status !== 'dropped') {
        const res = await staff.post(`/api/projects/${id}/fund-arrivals`, {
          month: `2025-${String(1 + r.int(12)).padStart(2, '0')}`,
          amount: String(10 + r.int(500)),
        });
        if (res.status !== 201 && refusedForDates(res)) continue;
      } else if (kind === 'verify' || kind === 'unfund') {
        const [entry] = await t.dataSource.query(`SELECT id, project_id, verified FROM fund_arrival ORDER BY random() LIMIT 1`);
        if (!entry) continue;
        if (kind === 'verify') {
          await office
            .patch(`/api/projects/${entry.project_id}/fund-arrivals/${entry.id}/verification`, { verified: !entry.verified })
            .expect(200);
        } else {
          const res = await staff.delete(`/api/projects/${entry.project_id}/fund-arrivals/${entry.id}`);
          // A verified entry stays (the ledger refuses it); either way the totals must hold.
          expect([200, 204, 409, 422]).toContain(res.status);
        }
      } else if (kind === 'back' && signed && status.status === 'active') {
        await staff
          .post(`/api/projects/${id}/stage-moves`, { to: 'evaluation', reason: '协议需重新谈判', version: await version(id) })
          .expect(201);
      } else if (kind === 'drop' && status.status === 'active') {
        await staff.post(`/api/projects/${id}/status`, { status: 'dropped', reason: '企业放弃投资', version: await version(id) }).expect(200);
      } else {
        continue;
      }
      done.push(kind);
      const found = await t.app.get(ChainMonthTotalsService).discrepancies();
      expect({ after: done, found }).toEqual({ after: done, found: [] });
    }
    expect(await t.app.get(PipelineTotalsService).discrepancies()).toEqual([]);
    // The sequence did each kind of change at least once.
    expect(new Set(done)).toEqual(new Set(['create', 'sign', 'supplement', 'fund', 'verify', 'unfund', 'back', 'drop']));
  });
});
