import { createTestUser, type TestApp } from '@crm/api/testing';
import { statPeriodAt, statPeriodOf, type ChainCode, type ProjectStatus, type Stage } from '@crm/domain';
import Decimal from 'decimal.js';

/*
 * Fixtures of the roll-up's tests, and the figures they should give, computed here from the
 * fixtures alone (Decimal sums in the test, not the service's SQL).
 */

export interface FixtureProject {
  name: string;
  chain: ChainCode;
  stage: Stage;
  status?: ProjectStatus;
  major?: boolean;
  planned?: string;
  /** Shanghai local instant. */
  createdAt: string;
  /** The first is the initial agreement. */
  agreements?: { amount: string; signedOn: string }[];
  funds?: { month: string; amount: string }[];
  /** Stage moves (from a stage, not the creation), at Shanghai local instants. */
  moves?: string[];
  keyTaskSeq?: number;
}

export const PERIOD = '2025-03';

/** Projects across chains, with noise just outside every window. */
export const PROJECTS: FixtureProject[] = [
  {
    name: '光伏制氢一体化',
    chain: 'clean-energy',
    stage: 'signed',
    major: true,
    planned: '150000',
    createdAt: '2025-01-05T09:00:00+08:00',
    agreements: [
      { amount: '80000', signedOn: '2025-02-10' },
      { amount: '30000.25', signedOn: '2025-03-31' },
    ],
    funds: [
      { month: '2025-02', amount: '1200.5' },
      { month: '2025-03', amount: '800.125' },
      { month: '2025-04', amount: '999' },
    ],
    moves: ['2025-02-10T10:00:00+08:00', '2025-03-01T00:00:00+08:00'],
    keyTaskSeq: 1,
  },
  {
    name: '风电装备制造',
    chain: 'clean-energy',
    stage: 'construction',
    planned: '20000',
    createdAt: '2024-11-01T09:00:00+08:00',
    agreements: [{ amount: '12000.5', signedOn: '2025-03-18' }],
    funds: [
      { month: '2024-12', amount: '500' },
      { month: '2025-01', amount: '300' },
    ],
    moves: ['2025-03-31T23:59:00+08:00', '2025-04-01T00:00:00+08:00'],
  },
  {
    // Moved back below signing: its agreement no longer counts.
    name: '储能电站',
    chain: 'clean-energy',
    stage: 'negotiation',
    planned: '5000',
    createdAt: '2025-03-31T23:59:00+08:00',
    agreements: [{ amount: '4000', signedOn: '2025-03-05' }],
  },
  {
    // Dropped after signing: the signing still counts; it leaves the pipeline.
    name: '锂盐深加工',
    chain: 'salt-lake-chemical',
    stage: 'land',
    status: 'dropped',
    planned: '60000',
    createdAt: '2025-02-28T23:30:00+08:00',
    agreements: [{ amount: '50000', signedOn: '2025-03-01' }],
    funds: [{ month: '2025-03', amount: '2500' }],
  },
  {
    name: '盐湖提镁',
    chain: 'salt-lake-chemical',
    stage: 'evaluation',
    status: 'paused',
    major: true,
    planned: '300000',
    createdAt: '2025-03-01T00:00:30+08:00',
    moves: ['2025-03-15T12:00:00+08:00'],
  },
  {
    name: '冷链物流中心',
    chain: 'land-port-logistics',
    stage: 'production',
    planned: '8000',
    createdAt: '2024-06-01T09:00:00+08:00',
    agreements: [
      { amount: '7000', signedOn: '2024-12-31' },
      { amount: '1500', signedOn: '2025-01-15' },
    ],
    funds: [{ month: '2025-03', amount: '600' }],
  },
  {
    name: '文旅综合体',
    chain: 'culture-tourism',
    stage: 'signed',
    planned: '12000',
    createdAt: '2025-04-01T00:00:30+08:00',
    agreements: [{ amount: '11000', signedOn: '2025-01-20' }],
  },
];

export interface ChainTargetRow {
  code: ChainCode;
  signed: string | null;
  funds: string | null;
  big: number | null;
  threshold: string | null;
}

/** The period whose statistical window (the day after the previous 25th to the 25th) holds a date. */
const monthOf = (date: string) => statPeriodOf(date);
const inYear = (month: string) => month >= '2025-01' && month <= PERIOD;
const atOrAfterSigned = (stage: Stage) =>
  ['signed', 'land', 'construction', 'production'].includes(stage);
/** The period whose window holds a local instant (its Asia/Shanghai date). */
const localMonth = (instant: string) => statPeriodAt(new Date(instant));

export interface ExpectedChain {
  signedMonth: { count: number; amount: Decimal };
  signedYear: { count: number; amount: Decimal };
  fundsMonth: Decimal;
  fundsYear: Decimal;
  newLeads: number;
  stageMoves: number;
  big: number;
}

/** Each chain's figures for PERIOD, from the fixtures. */
export function expectedChain(
  code: ChainCode,
  target: ChainTargetRow,
): ExpectedChain {
  const e: ExpectedChain = {
    signedMonth: { count: 0, amount: new Decimal(0) },
    signedYear: { count: 0, amount: new Decimal(0) },
    fundsMonth: new Decimal(0),
    fundsYear: new Decimal(0),
    newLeads: 0,
    stageMoves: 0,
    big: 0,
  };
  for (const p of PROJECTS.filter((x) => x.chain === code)) {
    const signed = atOrAfterSigned(p.stage);
    const agreements = p.agreements ?? [];
    for (const a of agreements) {
      if (!signed) continue;
      if (inYear(monthOf(a.signedOn)))
        e.signedYear.amount = e.signedYear.amount.plus(a.amount);
      if (monthOf(a.signedOn) === PERIOD)
        e.signedMonth.amount = e.signedMonth.amount.plus(a.amount);
    }
    const initial = agreements[0];
    if (signed && initial && inYear(monthOf(initial.signedOn))) {
      e.signedYear.count++;
      if (monthOf(initial.signedOn) === PERIOD) e.signedMonth.count++;
      const total = agreements
        .filter((a) => monthOf(a.signedOn) <= PERIOD)
        .reduce((s, a) => s.plus(a.amount), new Decimal(0));
      if (target.threshold !== null && total.gte(target.threshold)) e.big++;
    }
    for (const f of p.funds ?? []) {
      if (inYear(f.month)) e.fundsYear = e.fundsYear.plus(f.amount);
      if (f.month === PERIOD) e.fundsMonth = e.fundsMonth.plus(f.amount);
    }
    if (localMonth(p.createdAt) === PERIOD) e.newLeads++;
    e.stageMoves += (p.moves ?? []).filter(
      (m) => localMonth(m) === PERIOD,
    ).length;
  }
  return e;
}

/** Percent, two decimals, rounded half up; null without a target. */
export function rateOf(
  actual: Decimal | number,
  target: string | number | null,
): string | null {
  if (target === null || new Decimal(target).isZero()) return null;
  return new Decimal(actual)
    .times(100)
    .div(target)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
}

/** The same amount, however many trailing zeros PostgreSQL prints. */
export const money = (value: string | Decimal) => new Decimal(value).toFixed(6);

/** Inserts the fixtures: projects, agreements, funds, stage moves. */
export async function insertFixtures(t: TestApp): Promise<void> {
  const owner = await createTestUser(t, { roles: ['staff'], unit: '市能源局' });
  for (const p of PROJECTS) {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, planned_investment,
                            stage, status, status_reason, major, created_at, key_task_id)
       VALUES ($1, (SELECT id FROM chain WHERE code = $2), '某投资方', 'through-firms', (SELECT id FROM unit WHERE name = '市能源局'),
               $3, $4, $5, $6, $7, $8, $9,
               (SELECT k.id FROM key_task k JOIN chain c ON c.id = k.chain_id WHERE c.code = $2 AND k.year = 2025 AND k.seq = $10))
       RETURNING id`,
      [
        p.name,
        p.chain,
        owner.id,
        p.planned ?? null,
        p.stage,
        p.status ?? 'active',
        p.status === 'dropped' ? '投资方撤回' : null,
        p.major ?? false,
        p.createdAt,
        p.keyTaskSeq ?? null,
      ],
    );
    for (const [i, a] of (p.agreements ?? []).entries()) {
      await t.dataSource.query(
        `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, $2, $3, $4, $5)`,
        [
          id,
          i === 0 ? 'initial' : 'supplementary',
          a.amount,
          a.signedOn,
          `XY-${p.name}-${i}`,
        ],
      );
    }
    for (const f of p.funds ?? []) {
      await t.dataSource.query(
        `INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, $2, $3)`,
        [id, f.month, f.amount],
      );
    }
    await t.dataSource.query(
      `INSERT INTO project_stage_move (project_id, from_stage, to_stage, moved_at) VALUES ($1, NULL, 'lead', $2)`,
      [id, p.createdAt],
    );
    for (const m of p.moves ?? []) {
      await t.dataSource.query(
        `INSERT INTO project_stage_move (project_id, from_stage, to_stage, moved_at) VALUES ($1, 'lead', 'negotiation', $2)`,
        [id, m],
      );
    }
  }
}

export async function chainTargets(t: TestApp): Promise<ChainTargetRow[]> {
  return t.dataSource.query(
    `SELECT c.code, t.signed_amount::text AS signed, t.funds_in_place::text AS funds, t.big_project_min_count AS big,
            t.big_project_threshold::text AS threshold
     FROM chain c LEFT JOIN chain_target t ON t.chain_id = c.id AND t.year = 2025 ORDER BY c.sort_order, c.id`,
  );
}
