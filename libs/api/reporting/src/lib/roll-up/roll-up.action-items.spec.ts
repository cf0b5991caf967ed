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
  RANKING_WEIGHTS,
  statWindow,
  type RollUpFigures,
  type RollUpView,
} from '@crm/domain';
import Decimal from 'decimal.js';
import { ReportingModule } from '../reporting.module';
import { rollUpTables } from './roll-up-report.tables';
import { actionItemsAsOf, rollUpFigures } from './roll-up.figures';
import { draftNarrative } from './roll-up.narrative';

/**
 * 交办事项完成率 in the roll-up: per chain at the last day of the period's window (the 25th), equal
 * to a count made here from the fixtures (a joint meeting's items, done late, done after the window
 * — also just after midnight Shanghai time, the UTC date still the 25th — and not yet due).
 */
const PERIOD = '2025-03';

interface Fixture {
  name: string;
  meeting: 'ce' | 'joint' | 'og-april';
  dueOn: string;
  /** Instant of done, Shanghai time; null while open. */
  doneAt: string | null;
}

const MEETINGS = {
  ce: { kind: 'monthly-dispatch', heldOn: '2025-03-05', chains: ['clean-energy'] },
  joint: { kind: 'joint', heldOn: '2025-03-12', chains: ['clean-energy', 'oil-gas-chemical'] },
  'og-april': { kind: 'monthly-dispatch', heldOn: '2025-04-02', chains: ['oil-gas-chemical'] },
} as const;

const ITEMS: Fixture[] = [
  { name: 'on time', meeting: 'ce', dueOn: '2025-03-10', doneAt: '2025-03-08T16:00:00+08:00' },
  { name: 'done late', meeting: 'ce', dueOn: '2025-03-15', doneAt: '2025-03-20T09:00:00+08:00' },
  { name: 'done after month end', meeting: 'ce', dueOn: '2025-03-20', doneAt: '2025-04-02T10:00:00+08:00' },
  // 2025-03-25T16:30Z: still the 25th in UTC, already the 26th (past March's window) in Shanghai.
  { name: 'done just after midnight', meeting: 'ce', dueOn: '2025-03-20', doneAt: '2025-03-26T00:30:00+08:00' },
  { name: "due on the window's last day", meeting: 'ce', dueOn: '2025-03-25', doneAt: null },
  { name: 'due after the window', meeting: 'ce', dueOn: '2025-03-31', doneAt: null },
  { name: 'not yet due', meeting: 'ce', dueOn: '2025-04-15', doneAt: null },
  { name: 'joint, done', meeting: 'joint', dueOn: '2025-03-24', doneAt: '2025-03-23T11:00:00+08:00' },
  { name: 'joint, open', meeting: 'joint', dueOn: '2025-03-25', doneAt: null },
  { name: 'april meeting', meeting: 'og-april', dueOn: '2025-04-10', doneAt: null },
];

/** Shanghai calendar date of an instant. */
const shanghaiDate = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The expected figures, counted item by item in JavaScript. */
function expected(chain: string, asOf: string) {
  const mine = ITEMS.filter((i) => (MEETINGS[i.meeting].chains as readonly string[]).includes(chain));
  const doneBy = (i: Fixture) => i.doneAt !== null && shanghaiDate(i.doneAt) <= asOf;
  const due = mine.filter((i) => i.dueOn <= asOf);
  const done = due.filter(doneBy);
  const open = mine.filter((i) => MEETINGS[i.meeting].heldOn <= asOf && !doneBy(i));
  return {
    due: due.length,
    done: done.length,
    rate: due.length
      ? new Decimal(done.length).times(100).div(due.length).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
      : null,
    open: open.length,
    overdue: open.filter((i) => i.dueOn < asOf).length,
  };
}

describe('roll-up 交办事项完成率', () => {
  const clock = new ManualClock('2025-04-05T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let chains: { code: string }[];

  beforeAll(async () => {
    t = await createTestApp([QueueModule, ReportingModule], {
      SIGN_IN_RATE_PER_MINUTE: '1000',
    }, { clock });
    office = await signInAs(t, { roles: ['office'] });
    chains = await t.dataSource.query(`SELECT code FROM chain ORDER BY sort_order, id`);
    const [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`);
    const meetingIds: Record<string, string> = {};
    for (const [key, m] of Object.entries(MEETINGS)) {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO meeting (kind, held_on, chair_name, created_by) VALUES ($1, $2, '主持人', $3) RETURNING id`,
        [m.kind, m.heldOn, office.user.id],
      );
      await t.dataSource.query(
        `INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = ANY ($2)`,
        [id, m.chains],
      );
      meetingIds[key] = id;
    }
    for (const i of ITEMS) {
      await t.dataSource.query(
        `INSERT INTO action_item (meeting_id, text, owner_unit_id, due_on, status, done_note, done_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          meetingIds[i.meeting],
          i.name,
          unitId,
          i.dueOn,
          i.doneAt ? 'done' : 'open',
          i.doneAt ? '已办结' : null,
          i.doneAt,
          office.user.id,
        ],
      );
    }
  }, 120_000);
  afterAll(() => t.close());

  it("counts at the window's last day (the 25th; 31 December), or at the day the figures are taken if earlier", () => {
    const march = statWindow(PERIOD);
    expect(actionItemsAsOf(march, new Date('2025-04-05T10:00:00+08:00'))).toBe('2025-03-25');
    expect(actionItemsAsOf(march, new Date('2025-03-16T10:00:00+08:00'))).toBe('2025-03-16');
    expect(actionItemsAsOf(statWindow('2024-12'), new Date('2025-01-01T00:00:00+08:00'))).toBe('2024-12-31');
    // 26 March 00:30 in Shanghai is already past the window: its last day.
    expect(actionItemsAsOf(march, new Date('2025-03-25T16:30:00Z'))).toBe('2025-03-25');
  });

  it('per chain equals the count from the fixtures, in the roll-up, its ranking, narrative and tables', async () => {
    const res = await office.post(`/api/roll-ups/${PERIOD}/build`, {}).expect(200);
    const f: RollUpFigures = (res.body as RollUpView).figures;
    for (const { code } of chains) {
      const c = f.chains.find((x) => x.chainCode === code);
      expect({ code, ...c?.actionItems }).toEqual({ code, ...expected(code, '2025-03-25') });
      expect(f.quarter.rows.find((r) => r.chainCode === code)?.actionItemRate).toBe(expected(code, '2025-03-25').rate);
    }
    // The fixtures exercise what they claim (no vacuous zeros): 3 of 7 done by the 25th (what is
    // done or due after it belongs to April's window), 1 of 2 for the joint one.
    expect(f.chains.find((c) => c.chainCode === 'clean-energy')?.actionItems).toEqual({
      due: 7,
      done: 3,
      rate: '42.86',
      open: 6,
      overdue: 2,
    });
    expect(f.chains.find((c) => c.chainCode === 'oil-gas-chemical')?.actionItems).toMatchObject({
      due: 2,
      done: 1,
      rate: '50.00',
    });
    expect(f.chains.find((c) => c.chainCode === 'salt-lake-chemical')?.actionItems).toEqual({
      due: 0,
      done: 0,
      rate: null,
      open: 0,
      overdue: 0,
    });
    // Shown beside the score, not weighted: the formula says so and no chain scores for it.
    expect(f.quarter.formula).toEqual(quarterRankingFormula(RANKING_WEIGHTS));
    expect(f.quarter.formula.zh).toContain('交办事项完成率仅作参考列示，不计入得分');
    expect(f.quarter.rows.every((r) => r.score === '0.00')).toBe(true);

    expect(res.body.narrative).toContain('清洁能源产业链');
    expect(res.body.narrative).toContain('交办事项完成率42.86%（应办结7件，已办结3件）');

    const tables = rollUpTables(f);
    const perChain = tables.find((x) => x.title === '分产业链完成情况');
    const col = perChain?.headers.indexOf('交办事项完成率(%)') ?? -1;
    expect(col).toBeGreaterThan(0);
    const ce = perChain?.rows.find((r) => r[0] === '清洁能源产业链');
    expect(ce?.slice(col - 2, col + 3)).toEqual([7, 3, { rate: '42.86' }, 6, 2]);
    const ranking = tables.find((x) => x.title === '第1季度评比');
    const rankCol = ranking?.headers.indexOf('交办事项完成率(%)') ?? -1;
    expect(rankCol).toBeGreaterThan(0);
    expect(ranking?.rows.find((r) => r[1] === '油气能源化工产业链')?.[rankCol]).toEqual({ rate: '50.00' });
  });

  it('counts only what was due and done by the day the figures are taken, mid-month', async () => {
    const f = await rollUpFigures(t.dataSource.manager, PERIOD, new Date('2025-03-16T10:00:00+08:00'));
    expect(f.chains.find((c) => c.chainCode === 'clean-energy')?.actionItems).toEqual({
      ...expected('clean-energy', '2025-03-16'),
      due: 2,
      done: 1,
      rate: '50.00',
    });
    // The joint meeting was held on the 12th: its items are open, not yet due.
    expect(f.chains.find((c) => c.chainCode === 'oil-gas-chemical')?.actionItems).toEqual({
      due: 0,
      done: 0,
      rate: null,
      open: 2,
      overdue: 0,
    });
  });

  it('reads a snapshot taken before the figure existed as null, and still drafts and lays out tables', async () => {
    const old = await rollUpFigures(t.dataSource.manager, '2025-02', new Date('2025-03-01T10:00:00+08:00'));
    const stripped = {
      ...old,
      chains: old.chains.map(({ actionItems: _drop, ...c }) => c),
      quarter: { ...old.quarter, rows: old.quarter.rows.map(({ actionItemRate: _drop, ...r }) => r) },
    };
    await t.dataSource.query(
      `INSERT INTO reporting_period (period, opens_at, due_at) VALUES ('2025-02', '2025-02-20T00:00:00+08:00', '2025-02-26T00:00:00+08:00')
       ON CONFLICT (period) DO NOTHING`,
    );
    await t.dataSource.query(
      `INSERT INTO roll_up_snapshot (period, figures, taken_at) VALUES ('2025-02', $1, $2)`,
      [JSON.stringify(stripped), new Date('2025-03-01T10:00:00+08:00')],
    );
    await office.post('/api/reporting-periods/2025-02/lock').expect(200);
    const res = await office.post('/api/roll-ups/2025-02/build', {}).expect(200);
    const f: RollUpFigures = res.body.figures;
    expect(res.body.fromSnapshot).toBe(true);
    expect(f.chains.map((c) => c.actionItems)).toEqual(f.chains.map(() => null));
    expect(f.quarter.rows.map((r) => r.actionItemRate)).toEqual(f.quarter.rows.map(() => null));
    expect(res.body.narrative).not.toMatch(/交办事项完成率[\d.]+%/);
    expect(draftNarrative(stripped as unknown as RollUpFigures)).not.toMatch(/交办事项完成率[\d.]+%/);
    expect(() => rollUpTables(stripped as unknown as RollUpFigures)).not.toThrow();
    const read = await office.get('/api/roll-ups/2025-02').expect(200);
    expect(read.body.figures.chains[0].actionItems).toBeNull();
  });
});
