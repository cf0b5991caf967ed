import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import {
  ManualClock,
  statPeriodAt,
  statPeriodOf,
  type CockpitView,
  type MonthlyReportView,
  type RollUpView,
  type StatCutoffs,
  type StatWindow,
} from '@crm/domain';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { AppModule } from './app.module';

/**
 * 统计区间 (issue 16 §1): the twelve windows of a year tile it, and every screen counts an event in
 * the same one. Random events across 2024 (a leap year), their instants drawn mostly from the edges
 * (the 25th 23:59:59 and the 26th 00:00 in Shanghai, a month's first and last second, 29 February,
 * 31 December), with some of the office's cut-offs moved: each event falls in exactly one window,
 * the twelve periods add up to the year, and the units' reports, the roll-up and the cockpit's
 * months give, period by period, what the rule of libs/domain (statPeriodAt) says.
 */
const YEAR = 2024;
const PERIODS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);
const PREFIX = '统计区间-';

/** Cut-offs the office may set (each within its month); a run takes a random subset. */
const CUTOFF_CHOICES: [string, string][] = [
  ['2024-02', '2024-02-29'],
  ['2024-06', '2024-06-01'],
  ['2024-09', '2024-09-30'],
  ['2024-11', '2024-11-20'],
];

type Kind = 'lead' | 'move' | 'sign' | 'fund' | 'done';
interface Event {
  kind: Kind;
  pair: 0 | 1;
  /** An instant written in Shanghai time, YYYY-MM-DDTHH:MM:SS+08:00. */
  at: string;
  amount: number;
}

const local = (day: string, time: string) => `${day}T${time}+08:00`;
const lastDay = (m: number) => new Date(Date.UTC(YEAR, m, 0)).getUTCDate();
const EDGES: string[] = [
  ...PERIODS.flatMap((p, i) => [
    local(`${p}-25`, '23:59:59'),
    local(`${p}-26`, '00:00:00'),
    local(`${p}-01`, '00:00:00'),
    local(`${p}-${lastDay(i + 1)}`, '23:59:59'),
  ]),
  local('2024-02-29', '12:00:00'),
  local('2024-12-31', '23:59:59'),
  local('2024-01-01', '00:00:00'),
  local('2024-06-01', '00:00:00'),
  local('2024-09-30', '23:59:59'),
  local('2024-11-20', '23:59:59'),
  local('2024-11-21', '00:00:00'),
];
const YEAR_START = Date.parse(local('2024-01-01', '00:00:00'));
const YEAR_END = Date.parse(local('2025-01-01', '00:00:00'));
/** An instant as Shanghai writes it. */
const shanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';

const instant = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGES) },
  { weight: 1, arbitrary: fc.integer({ min: YEAR_START / 1000, max: YEAR_END / 1000 - 1 }).map((s) => shanghai(s * 1000)) },
);
const event: fc.Arbitrary<Event> = fc.record({
  kind: fc.constantFrom<Kind>('lead', 'move', 'sign', 'fund', 'done'),
  pair: fc.constantFrom<0 | 1>(0, 1),
  at: instant,
  amount: fc.integer({ min: 1, max: 90_000 }),
});

/** The period an event counts in by the rule of libs/domain: a fund entry by its month. */
function periodOf(e: Event, cutoffs: StatCutoffs): string {
  return e.kind === 'fund' ? e.at.slice(0, 7) : statPeriodAt(new Date(e.at), cutoffs);
}

interface Pair {
  chainId: number;
  chainCode: string;
  unitId: number;
  unitName: string;
  staff: SignedInAgent;
  carrierId: string;
  meetingId: string;
}

describe('statistical windows: every event in exactly one period, the same on every screen', () => {
  const clock = new ManualClock('2025-01-10T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let pairs: Pair[];
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    t.dataSource.query(sql, params);

  beforeAll(async () => {
    t = await createTestApp([AppModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    office = await signInAs(t, { roles: ['office'] });
    // Two units each serving a different chain for good (no dates), and no other projects around.
    const rows = await q<{ chain_id: number; code: string; unit_id: number; name: string }>(
      `SELECT DISTINCT ON (cu.unit_id) cu.chain_id, c.code, cu.unit_id, u.name
       FROM chain_unit cu JOIN chain c ON c.id = cu.chain_id JOIN unit u ON u.id = cu.unit_id
       WHERE cu.valid_from IS NULL AND cu.valid_to IS NULL
       ORDER BY cu.unit_id, cu.chain_id`,
    );
    const picked = [rows[0], rows.find((r) => r.chain_id !== rows[0].chain_id && r.unit_id !== rows[0].unit_id)];
    pairs = [];
    for (const r of picked) {
      if (!r) throw new Error('the reference data should have two units on two chains');
      const staff = await signInAs(t, { roles: ['staff'], unit: r.name });
      pairs.push({
        chainId: r.chain_id,
        chainCode: r.code,
        unitId: r.unit_id,
        unitName: r.name,
        staff,
        carrierId: '',
        meetingId: '',
      });
    }
  }, 180_000);
  afterAll(() => t.close());

  async function clean(): Promise<void> {
    await q(`DELETE FROM project WHERE name LIKE $1`, [`${PREFIX}%`]);
    await q(`DELETE FROM meeting WHERE chair_name = $1`, [PREFIX]);
    await q(`DELETE FROM stat_period_cutoff`);
  }

  /** Writes the events as the ledgers hold them; carriers exist before the year (not leads of it). */
  async function insert(events: Event[]): Promise<void> {
    for (const p of pairs) {
      [{ id: p.carrierId }] = await q<{ id: string }>(
        `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, created_at)
         VALUES ($1, $2, '投资方', 'other', $3, $4, 'signed', '2023-06-01T10:00:00+08:00') RETURNING id`,
        [`${PREFIX}载体${p.unitId}`, p.chainId, p.unitId, p.staff.user.id],
      );
      [{ id: p.meetingId }] = await q<{ id: string }>(
        `INSERT INTO meeting (kind, held_on, chair_name, created_by) VALUES ('monthly-dispatch', '2024-01-01', $1, $2) RETURNING id`,
        [PREFIX, office.user.id],
      );
      await q(`INSERT INTO meeting_chain (meeting_id, chain_id) VALUES ($1, $2)`, [p.meetingId, p.chainId]);
    }
    let n = 0;
    for (const e of events) {
      const p = pairs[e.pair];
      n++;
      switch (e.kind) {
        case 'lead':
          await q(
            `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, created_at)
             VALUES ($1, $2, '投资方', 'other', $3, $4, $5)`,
            [`${PREFIX}线索${n}`, p.chainId, p.unitId, p.staff.user.id, e.at],
          );
          break;
        case 'move':
          await q(
            `INSERT INTO project_stage_move (project_id, from_stage, to_stage, moved_at) VALUES ($1, 'lead', 'negotiation', $2)`,
            [p.carrierId, e.at],
          );
          break;
        case 'sign':
          // The first is the initial agreement, the others supplementary; dated by the Shanghai day.
          await q(
            `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref)
             VALUES ($1, CASE WHEN EXISTS (SELECT 1 FROM project_agreement WHERE project_id = $1 AND kind = 'initial')
                              THEN 'supplementary' ELSE 'initial' END::agreement_kind, $2, $3, $4)`,
            [p.carrierId, e.amount, e.at.slice(0, 10), `XY-${n}`],
          );
          break;
        case 'fund':
          await q(`INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, $2, $3)`, [
            p.carrierId,
            e.at.slice(0, 7),
            e.amount,
          ]);
          break;
        case 'done':
          await q(
            `INSERT INTO action_item (meeting_id, text, owner_unit_id, due_on, status, done_note, done_at, created_by)
             VALUES ($1, $2, $3, '2024-01-01', 'done', '已办结', $4, $5)`,
            [p.meetingId, `交办${n}`, p.unitId, e.at, office.user.id],
          );
          break;
      }
    }
  }

  const money = (v: Decimal | string) => new Decimal(v).toFixed(2);
  const sum = (es: Event[]) => es.reduce((s, e) => s.plus(e.amount), new Decimal(0));

  it('agrees with the rule in libs/domain for 20–30 random years of events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 10, maxLength: 30 }),
        fc.subarray(CUTOFF_CHOICES),
        async (events, chosen) => {
          await clean();
          const cutoffs: StatCutoffs = Object.fromEntries(chosen);
          try {
            // The office moves the cut-offs through the API (refreshing the kept totals as it goes).
            for (const [period, cutoff] of chosen) {
              await office.put(`/api/reporting-periods/${period}/cutoff`, { cutoff }).expect(200);
            }
            await insert(events);
            const byPeriod = new Map(PERIODS.map((p) => [p, events.filter((e) => periodOf(e, cutoffs) === p)]));

            const windows: StatWindow[] = [];
            const cockpit: CockpitView = (await office.get(`/api/cockpit?year=${YEAR}&month=12`).expect(200)).body;
            const totals = pairs.map(() => ({ leads: 0, moves: 0, signed: new Decimal(0), funds: new Decimal(0) }));
            let doneBefore = pairs.map(() => 0);
            for (const [m, period] of PERIODS.entries()) {
              const mine = byPeriod.get(period) ?? [];
              const rollUp: RollUpView = (await office.post(`/api/roll-ups/${period}/build`, {}).expect(200)).body;
              expect(rollUp.figures.window).toBeDefined();
              windows.push(rollUp.figures.window as StatWindow);
              for (const [i, p] of pairs.entries()) {
                const of = (kind: Kind) => mine.filter((e) => e.pair === i && e.kind === kind);
                const want = {
                  period,
                  leads: of('lead').length,
                  moves: of('move').length,
                  signed: money(sum(of('sign'))),
                  funds: money(sum(of('fund'))),
                };
                // The unit's report, pre-filled for the period.
                const report: MonthlyReportView = (await p.staff.get(`/api/monthly-reports/mine/${period}`).expect(200)).body;
                expect(report.figures.window).toEqual(rollUp.figures.window);
                const section = report.figures.chains.find((c) => c.chainId === p.chainId);
                expect({
                  period,
                  leads: section?.newLeads,
                  moves: section?.stageMoves,
                  signed: money(section?.signings.amount ?? '0'),
                  funds: money(section?.fundsInPlace ?? '0'),
                }).toEqual(want);
                // The roll-up, the chain's row.
                const chain = rollUp.figures.chains.find((c) => c.chainId === p.chainId);
                expect({
                  period,
                  leads: chain?.newLeads,
                  moves: chain?.stageMoves,
                  signed: money(chain?.signedMonth.amount ?? '0'),
                  funds: money(chain?.fundsMonth ?? '0'),
                }).toEqual(want);
                // 交办事项 closed in the period: done by the window's last day, less those done before.
                const done = chain?.actionItems.done ?? 0;
                expect({ period, closed: done - doneBefore[i] }).toEqual({ period, closed: of('done').length });
                doneBefore = doneBefore.map((d, k) => (k === i ? done : d));
                // The cockpit's month of the trend.
                const series = cockpit.trend.series.find((s) => s.chain?.code === p.chainCode);
                expect({ period, signed: money(series?.signedAmount[m] ?? '0'), funds: money(series?.fundsInPlace[m] ?? '0') }).toEqual({
                  period,
                  signed: want.signed,
                  funds: want.funds,
                });
                totals[i].leads += chain?.newLeads ?? 0;
                totals[i].moves += chain?.stageMoves ?? 0;
                totals[i].signed = totals[i].signed.plus(chain?.signedMonth.amount ?? 0);
                totals[i].funds = totals[i].funds.plus(chain?.fundsMonth ?? 0);
              }
            }
            // The windows tile the year: January from the 1st, each from the day after the last, December to the 31st.
            expect(windows[0].from).toBe('2024-01-01');
            expect(windows[11].to).toBe('2024-12-31');
            for (let i = 1; i < 12; i++) {
              const next = new Date(Date.parse(`${windows[i - 1].to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
              expect(windows[i].from).toBe(next);
            }
            // Every dated event in exactly one window, the one the rule names.
            for (const e of events.filter((x) => x.kind !== 'fund')) {
              const day = e.at.slice(0, 10);
              const holding = PERIODS.filter((_, i) => windows[i].from <= day && day <= windows[i].to);
              expect({ at: e.at, holding }).toEqual({ at: e.at, holding: [statPeriodOf(day, cutoffs)] });
            }
            // The twelve periods add up to the year.
            for (const [i] of pairs.entries()) {
              const of = (kind: Kind) => events.filter((e) => e.pair === i && e.kind === kind);
              expect({
                leads: totals[i].leads,
                moves: totals[i].moves,
                signed: money(totals[i].signed),
                funds: money(totals[i].funds),
                closed: doneBefore[i],
              }).toEqual({
                leads: of('lead').length,
                moves: of('move').length,
                signed: money(sum(of('sign'))),
                funds: money(sum(of('fund'))),
                closed: of('done').length,
              });
            }
          } finally {
            await clean();
          }
        },
      ),
      { numRuns: Number(process.env.STAT_WINDOW_RUNS ?? 20), seed: 16, endOnFailure: true },
    );
  }, 900_000);
});
