import { QueueModule } from '@crm/api/core';
import {
  createTestApp,
  signInAs,
  type SignedInAgent,
  type TestApp,
} from '@crm/api/testing';
import {
  ManualClock,
  quarterRankingFormula,
  rankChains,
  RANKING_WEIGHTS,
  type RankingWeights,
  type RollUpFigures,
  type RollUpRankingRow,
  type RollUpView,
} from '@crm/domain';
import Decimal from 'decimal.js';
import {
  chainTargets,
  expectedChain,
  insertFixtures,
  money,
  PERIOD,
  rateOf,
  type ChainTargetRow,
} from '../../test/roll-up-world';
import { ReportingModule } from '../reporting.module';
import { rollUpTables } from './roll-up-report.tables';
import { rollUpFigures } from './roll-up.figures';
import { bulletinAmount } from './roll-up.narrative';
import { RollUpService } from './roll-up.service';

const NARRATIVE = { workDone: '走访企业', nextMonthPlan: '推进签约' };

describe('roll-up /api/roll-ups', () => {
  const clock = new ManualClock('2025-03-20T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  let admin: SignedInAgent;
  let staff: SignedInAgent;
  let targets: ChainTargetRow[];
  let service: RollUpService;

  const submit = async (agent: SignedInAgent, problems: string, at: string) => {
    clock.set(at);
    await agent
      .put(`/api/monthly-reports/mine/${PERIOD}`, {
        ...NARRATIVE,
        problems,
        version: 0,
      })
      .expect(200);
    await agent
      .post(`/api/monthly-reports/mine/${PERIOD}/submit`, { version: 1 })
      .expect(200);
  };
  const withoutTime = (f: RollUpFigures) => ({ ...f, takenAt: undefined });

  beforeAll(async () => {
    t = await createTestApp([QueueModule, ReportingModule], {
      SIGN_IN_RATE_PER_MINUTE: '1000',
    }, { clock });
    service = t.app.get(RollUpService);
    office = await signInAs(t, { roles: ['office'] });
    leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
    admin = await signInAs(t, { roles: ['admin'] });
    staff = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    const data = await signInAs(t, { roles: ['staff'], unit: '市数据局' });
    await insertFixtures(t);
    targets = await chainTargets(t);
    await submit(
      staff,
      '光伏项目用地指标需市级协调。',
      '2025-03-20T10:00:00+08:00',
    );
    await submit(data, '', '2025-03-26T00:01:00+08:00');
    // Five argon2 sign-ins and the fixtures: slow on a busy machine.
  }, 120_000);
  afterAll(() => t.close());

  it('is built by the schedule once the deadline has passed, and only once', async () => {
    // February's deadline has passed, March's not yet (00:00 on the 26th).
    expect(
      await service.buildDue(new Date('2025-03-25T23:59:00+08:00')),
    ).toEqual(['2025-02']);
    expect(
      await service.buildDue(new Date('2025-03-25T23:59:30+08:00')),
    ).toEqual([]);
    clock.set('2025-03-26T01:00:00+08:00');
    expect(await service.buildDue(clock.now())).toEqual([PERIOD]);
    expect(await service.buildDue(clock.now())).toEqual([]);
    const built = await office.get(`/api/roll-ups/${PERIOD}`).expect(200);
    expect(built.body).toMatchObject({
      period: PERIOD,
      builtBy: null,
      locked: false,
      fromSnapshot: false,
      version: 1,
    });
    await office.get('/api/roll-ups/2025-05').expect(404);
  });

  it('equals the sums computed from the fixtures, per chain and for the city against 220亿 / 100亿', async () => {
    clock.set('2025-03-27T10:00:00+08:00');
    const res = await office
      .post(`/api/roll-ups/${PERIOD}/build`, {})
      .expect(200);
    const view: RollUpView = res.body;
    expect(view.builtBy?.id).toBe(office.user.id);
    const f = view.figures;
    expect(f).toMatchObject({
      period: PERIOD,
      year: 2025,
      yearToDateLabel: '1-3月',
    });
    expect(f.chains.map((c) => c.chainCode)).toEqual(
      targets.map((x) => x.code),
    );

    let city = {
      signedM: new Decimal(0),
      signedY: new Decimal(0),
      fundsM: new Decimal(0),
      fundsY: new Decimal(0),
    };
    let counts = { signedM: 0, signedY: 0, leads: 0, moves: 0, big: 0 };
    for (const target of targets) {
      const e = expectedChain(target.code, target);
      const c = f.chains.find((x) => x.chainCode === target.code);
      expect({ chain: target.code, ...c }).toMatchObject({
        chain: target.code,
        signedMonth: {
          count: e.signedMonth.count,
          amount: money(e.signedMonth.amount),
        },
        signedYearToDate: {
          count: e.signedYear.count,
          actual: money(e.signedYear.amount),
          target: target.signed && money(target.signed),
          rate: rateOf(e.signedYear.amount, target.signed),
        },
        fundsMonth: money(e.fundsMonth),
        fundsYearToDate: {
          actual: money(e.fundsYear),
          rate: rateOf(e.fundsYear, target.funds),
        },
        bigProjects: {
          count: e.big,
          target: target.big,
          rate: rateOf(e.big, target.big),
        },
        newLeads: e.newLeads,
        stageMoves: e.stageMoves,
      });
      city = {
        signedM: city.signedM.plus(e.signedMonth.amount),
        signedY: city.signedY.plus(e.signedYear.amount),
        fundsM: city.fundsM.plus(e.fundsMonth),
        fundsY: city.fundsY.plus(e.fundsYear),
      };
      counts = {
        signedM: counts.signedM + e.signedMonth.count,
        signedY: counts.signedY + e.signedYear.count,
        leads: counts.leads + e.newLeads,
        moves: counts.moves + e.stageMoves,
        big: counts.big + e.big,
      };
    }
    // The fixtures do exercise every window (none of these is a vacuous zero); what falls after the
    // 25th (a stage move on the 31st, the agreement that would make a second big project) is April's.
    expect([
      counts.signedM,
      counts.signedY,
      counts.leads,
      counts.moves,
      counts.big,
    ]).toEqual([2, 4, 2, 2, 1]);
    const bigTarget = targets.reduce((s, x) => s + (x.big ?? 0), 0);
    expect(f.city).toEqual({
      signedMonth: { count: counts.signedM, amount: money(city.signedM) },
      signedYearToDate: {
        count: counts.signedY,
        actual: money(city.signedY),
        target: money('2200000'),
        rate: rateOf(city.signedY, '2200000'),
      },
      fundsMonth: money(city.fundsM),
      fundsYearToDate: {
        actual: money(city.fundsY),
        target: money('1000000'),
        rate: rateOf(city.fundsY, '1000000'),
      },
      bigProjects: {
        count: counts.big,
        target: bigTarget,
        rate: rateOf(counts.big, bigTarget),
      },
      newLeads: counts.leads,
      stageMoves: counts.moves,
      majorProjectCount: 2,
      // The plan's city totals: 220亿元以上 (at least), 100亿元 (exact).
      signedAtLeast: true,
      fundsAtLeast: false,
      // 同比 and 资金到位率 from the one definition (their values are the year-on-year spec's);
      // here: this year's side is the same figures, and the ratio is funds over signed.
      yearOnYear: expect.objectContaining({
        month: 3,
        fundsToSignedRate: rateOf(city.fundsY, city.signedY.toFixed()),
        signedAmount: expect.objectContaining({ thisYear: money(city.signedY) }),
        fundsInPlace: expect.objectContaining({ thisYear: money(city.fundsY) }),
        signedProjects: expect.objectContaining({ thisYear: counts.signedY }),
      }),
    });
    expect(f.plan).toBeNull();

    // Pipeline now: active and paused only (the dropped project left it).
    const salt = f.chains.find((c) => c.chainCode === 'salt-lake-chemical');
    expect(salt?.pipeline.find((s) => s.stage === 'evaluation')).toEqual({
      stage: 'evaluation',
      count: 1,
      plannedInvestment: money('300000'),
      signedAmount: money('0'),
    });
    expect(salt?.pipeline.find((s) => s.stage === 'land')?.count).toBe(0);
    expect(salt?.majorProjects.map((p) => p.name)).toEqual(['盐湖提镁']);
    const clean = f.chains.find((c) => c.chainCode === 'clean-energy');
    expect(clean?.keyTasks.find((k) => k.seq === 1)).toMatchObject({
      projectCount: 1,
      signedProjectCount: 1,
    });

    // The year's series adds up month by month.
    expect(f.yearView.months.map((m) => [m.period, m.signed.amount])).toEqual([
      ['2025-01', money('12500')],
      ['2025-02', money('80000')],
      ['2025-03', money(city.signedM)],
    ]);
  });

  it('lists every reporting unit on time, late or missing, and gathers the problems from the submitted reports', async () => {
    const { body } = await office.get(`/api/roll-ups/${PERIOD}`).expect(200);
    const f: RollUpFigures = body.figures;
    const byName = Object.fromEntries(f.units.map((u) => [u.unitName, u]));
    expect(byName['市能源局']).toMatchObject({
      status: 'on-time',
      late: false,
      submittedAt: '2025-03-20T02:00:00.000Z',
    });
    expect(byName['市数据局']).toMatchObject({ status: 'late', late: true });
    expect(byName['市农牧局']).toMatchObject({
      status: 'missing',
      submittedAt: null,
      dueAt: '2025-03-25T16:00:00.000Z',
    });
    expect(f.units.filter((u) => u.status === 'missing')).toHaveLength(
      f.units.length - 2,
    );
    expect(f.problems).toEqual([
      {
        unitId: byName['市能源局'].unitId,
        unitName: '市能源局',
        // The chains of its report: those it serves, and 冶金, whose 2025 key tasks it has.
        chainCodes: ['clean-energy', 'metallurgy', 'oil-gas-chemical'],
        chainNames: ['清洁能源产业链', '金属冶金产业链', '油气能源化工产业链'],
        text: '光伏项目用地指标需市级协调。',
      },
    ]);
  });

  it('ranks the quarter\'s own results as rankChains does on the independently computed rates, with the year to date beside', async () => {
    const { body } = await office.get(`/api/roll-ups/${PERIOD}`).expect(200);
    // The first quarter to March: its own results against a quarter of each annual target.
    const quarterOf = (w?: RankingWeights) =>
      rankChains(
        targets.map((target) => {
          const e = expectedChain(target.code, target);
          return {
            chainCode: target.code,
            signedRate: rateOf(e.signedYear.amount.times(4), target.signed),
            fundsRate: rateOf(e.fundsYear.times(4), target.funds),
            bigProjectRate: rateOf(e.big * 4, target.big),
          };
        }),
        w,
      );
    const yearToDate = rankChains(
      targets.map((target) => {
        const e = expectedChain(target.code, target);
        return {
          chainCode: target.code,
          signedRate: rateOf(e.signedYear.amount, target.signed),
          fundsRate: rateOf(e.fundsYear, target.funds),
          bigProjectRate: rateOf(e.big, target.big),
        };
      }),
    );
    const expected = quarterOf();
    expect(body.figures.quarter).toMatchObject({
      year: 2025,
      quarter: 1,
      fromPeriod: '2025-01',
      toPeriod: PERIOD,
      basis: 'quarter',
      weights: RANKING_WEIGHTS,
      formula: quarterRankingFormula(RANKING_WEIGHTS),
      // March is not locked: the ranking is not offered yet, and says when it will be.
      offered: false,
      offeredWhen: '第一季度评比将于2025年3月报告期锁定后（2025年3月26日起）发布',
    });
    expect(
      body.figures.quarter.rows.map((r: RollUpRankingRow) => [r.chainCode, r.score, r.rank]),
    ).toEqual(expected.map((r) => [r.chainCode, r.score, r.rank]));
    expect(body.figures.quarter.rows[0].score).not.toBe('0.00');
    for (const r of body.figures.quarter.rows as RollUpRankingRow[]) {
      const y = yearToDate.find((x) => x.chainCode === r.chainCode);
      expect([r.chainCode, r.yearToDate?.score, r.yearToDate?.rank]).toEqual([r.chainCode, y?.score, y?.rank]);
    }
    // The quarter's own rates are not the year's (a quarter of the target, not all of it).
    expect(expected.map((r) => r.score)).not.toEqual(yearToDate.map((r) => r.score));
    // Not offered: the text says when, ranks nobody, and prints the rule as the office's.
    expect(body.narrative).toContain(
      '第1季度评比（截至3月）：第一季度评比将于2025年3月报告期锁定后（2025年3月26日起）发布。评分办法（市招商办制定）：得分 = 本季签约额完成率 × 40%',
    );
    expect(body.narrative).not.toMatch(/按本季实绩完成率排名/);
    expect(body.narrative).not.toContain('年度工作方案规定');
    const table = rollUpTables(body.figures).find((x) => x.title === '第1季度评比');
    expect(table?.rows.every((r) => r[0] === '—')).toBe(true);
    expect(table?.note).toContain('下表为截至3月的本季进度，仅供参考，不排名');
    expect(table?.note).toContain('评分办法（市招商办制定）：');

    // The weights are the office's setting: changed, the next build scores and prints them.
    await office.put('/api/office-settings/ranking-weight-signed', { value: 60 }).expect(200);
    await office.put('/api/office-settings/ranking-weight-big-projects', { value: 0 }).expect(200);
    const weights = { signed: 60, funds: 40, bigProjects: 0 };
    const rescored = await rollUpFigures(t.dataSource.manager, PERIOD, clock.now());
    expect(rescored.quarter.weights).toEqual(weights);
    expect(rescored.quarter.formula.zh).toContain(
      '得分 = 本季签约额完成率 × 60% + 本季到位资金完成率 × 40% + 本季亿元以上项目完成率 × 0%',
    );
    expect(rescored.quarter.rows.map((r) => [r.chainCode, r.score, r.rank])).toEqual(
      quarterOf(weights).map((r) => [r.chainCode, r.score, r.rank]),
    );
    await office.put('/api/office-settings/ranking-weight-signed', { value: 40 }).expect(200);
    await office.put('/api/office-settings/ranking-weight-big-projects', { value: 20 }).expect(200);
  });

  it('drafts the narrative in the bulletin style, keeps an edit across rebuilds, and redrafts on request', async () => {
    const { body } = await office.get(`/api/roll-ups/${PERIOD}`).expect(200);
    const c = body.figures.city;
    expect(body.narrative).toContain(
      `2025年1-3月，全市招商引资签约项目${c.signedYearToDate.count}个，签约金额${bulletinAmount(c.signedYearToDate.actual)}，`,
    );
    expect(body.narrative).toContain(`完成年度目标（220亿元以上）的${c.signedYearToDate.rate}%`);
    expect(body.narrative).toContain(`到位资金${bulletinAmount(c.fundsYearToDate.actual)}`);
    expect(body.narrative).toContain(`完成年度目标（100亿元）的${c.fundsYearToDate.rate}%`);
    expect(body.narrative).toContain('未报送');
    expect(body.narrative).toContain(
      '1. 市能源局（清洁能源产业链、金属冶金产业链、油气能源化工产业链）：光伏项目用地指标需市级协调',
    );
    expect(body.narrativeEdited).toBe(false);

    const edited = '2025年1-3月，全市招商引资工作稳步推进。（办公室修改）';
    await office
      .put(`/api/roll-ups/${PERIOD}/narrative`, {
        narrative: edited,
        version: body.version - 1,
      })
      .expect(409);
    await office
      .put(`/api/roll-ups/${PERIOD}/narrative`, {
        narrative: 5,
        version: body.version,
      })
      .expect(400);
    const saved = await office
      .put(`/api/roll-ups/${PERIOD}/narrative`, {
        narrative: edited,
        version: body.version,
      })
      .expect(200);
    expect(saved.body).toMatchObject({
      narrative: edited,
      narrativeEdited: true,
      version: body.version + 1,
    });

    const rebuilt = await office
      .post(`/api/roll-ups/${PERIOD}/build`, {})
      .expect(200);
    expect(rebuilt.body).toMatchObject({
      narrative: edited,
      narrativeEdited: true,
      version: body.version + 2,
    });
    const redrafted = await office
      .post(`/api/roll-ups/${PERIOD}/build`, { regenerateNarrative: true })
      .expect(200);
    expect(redrafted.body).toMatchObject({
      narrative: body.narrative,
      narrativeEdited: false,
    });

    const audit = await t.dataSource.query(
      `SELECT action, user_id, after FROM audit_log WHERE entity_type = 'roll_up' AND entity_id = $1 ORDER BY id`,
      [PERIOD],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'create',
      'update',
      'update',
      'update',
      'update',
    ]);
    expect(audit[0].user_id).toBeNull();
    expect(audit[2].after.narrative).toBe(edited);
  });

  it('after the lock, rebuilds from the month-end snapshot: later project edits change nothing', async () => {
    const before: RollUpFigures = (
      await office.post(`/api/roll-ups/${PERIOD}/build`, {}).expect(200)
    ).body.figures;
    // The month's window has closed (a lock before 00:00 on the 1st is refused).
    clock.set('2025-04-01T09:00:00+08:00');
    await office.post(`/api/reporting-periods/${PERIOD}/lock`).expect(200);
    // The schedule rebuilds it once from the snapshot, then leaves it alone.
    expect(await service.buildDue(clock.now())).toEqual([PERIOD]);
    expect(await service.buildDue(clock.now())).toEqual([]);

    const [{ id }] = await t.dataSource.query(
      `SELECT id FROM project WHERE name = '风电装备制造'`,
    );
    await t.dataSource.query(
      `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'supplementary', '9999', '2025-03-20', 'XY-late')`,
      [id],
    );
    await t.dataSource.query(
      `INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, '2025-03', '777')`,
      [id],
    );
    await t.dataSource.query(`UPDATE project SET major = true WHERE id = $1`, [
      id,
    ]);
    // The live figures did move...
    const live = await rollUpFigures(t.dataSource.manager, PERIOD, clock.now());
    expect(live.city.signedMonth.amount).not.toBe(
      before.city.signedMonth.amount,
    );

    clock.set('2025-04-10T09:00:00+08:00');
    const after = await office
      .post(`/api/roll-ups/${PERIOD}/build`, {})
      .expect(200);
    // ...the locked roll-up did not.
    expect(after.body).toMatchObject({
      locked: true,
      fromSnapshot: true,
      snapshotTakenAt: '2025-04-01T01:00:00.000Z',
    });
    // The snapshot was taken with March locked: the quarter's ranking is offered, by name.
    expect(after.body.figures.quarter).toMatchObject({ offered: true, offeredWhen: null });
    expect(withoutTime({ ...after.body.figures, quarter: before.quarter })).toEqual(withoutTime(before));
    expect(after.body.figures.quarter.rows).toEqual(before.quarter.rows);
    expect(after.body.narrative).toMatch(
      /第1季度评比（截至3月）：按本季实绩完成率排名，[^。]+（\d+\.\d{2}分，年度累计\d+\.\d{2}分）[^。]*位列前\d。评分办法（市招商办制定）：/,
    );
    const ranked = rollUpTables(after.body.figures).find((x) => x.title === '第1季度评比');
    expect(ranked?.rows.map((r) => r[0])).toEqual(after.body.figures.quarter.rows.map((r: RollUpRankingRow) => r.rank));
    const again = await office
      .post(`/api/roll-ups/${PERIOD}/build`, {})
      .expect(200);
    expect(again.body.figures).toEqual(after.body.figures);
  });

  it('lets leaders and admins read, only the office build and edit, and refuses staff', async () => {
    await staff.get(`/api/roll-ups/${PERIOD}`).expect(403);
    await staff.post(`/api/roll-ups/${PERIOD}/build`, {}).expect(403);
    await staff
      .post(`/api/roll-ups/${PERIOD}/exports`, { format: 'docx' })
      .expect(403);
    const read = await leader.get(`/api/roll-ups/${PERIOD}`).expect(200);
    await admin.get(`/api/roll-ups/${PERIOD}`).expect(200);
    await leader.post(`/api/roll-ups/${PERIOD}/build`, {}).expect(403);
    await leader
      .put(`/api/roll-ups/${PERIOD}/narrative`, {
        narrative: 'x',
        version: read.body.version,
      })
      .expect(403);
    await admin.post(`/api/roll-ups/${PERIOD}/build`, {}).expect(403);
    await admin
      .put(`/api/roll-ups/${PERIOD}/narrative`, {
        narrative: 'x',
        version: read.body.version,
      })
      .expect(403);
    await office.post('/api/roll-ups/2099-01/build', {}).expect(422);
    await office.get('/api/roll-ups/2025-3').expect(400);
  });
});
