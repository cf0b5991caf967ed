import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import { calendarMonthWindow, instructionCounts } from './roll-up.instructions';
import { rollUpFigures } from './roll-up.figures';

/**
 * 领导批示 in the roll-up (批示 N件, 已回复 M件, 未回复 K件): written within the period's window (the
 * Asia/Shanghai calendar month), replied by its end; checked against fixtures on both sides of
 * each bound, midnight in Shanghai (16:00 UTC) included.
 */
describe('roll-up: 批示 counts', () => {
  let t: TestApp;
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  let chain: Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp([]);
    chain = Object.fromEntries((await q(`SELECT code, id FROM chain`)).map((r: { code: string; id: number }) => [r.code, r.id]));
    const leader = await createTestUser(t, { roles: ['leader'], person: '徐进' });
    const owner = await createTestUser(t, { roles: ['staff'], unit: '昆仑经济技术开发区管委会' });
    const [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '昆仑经济技术开发区管委会'`);
    const project = async (code: string) =>
      (
        await q(
          `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status)
           VALUES ('批示统计' || $1 || random(), $1::smallint, '投资方', 'other', $2, $3, 'lead', 'active') RETURNING id`,
          [chain[code], unitId, owner.id],
        )
      )[0].id as string;
    const metallurgy = await project('metallurgy');
    const saltLake = await project('salt-lake-chemical');
    const instruct = (projectId: string, at: string, repliedAt: string | null) =>
      q(
        `INSERT INTO project_instruction (project_id, author_id, text, created_at, replied_at, acknowledged_at)
         VALUES ($1, $2, '批示', $3, $4, $4)`,
        [projectId, leader.id, at, repliedAt],
      );
    // September 2040 in Shanghai: 2040-08-31T16:00Z to 2040-09-30T16:00Z.
    await instruct(metallurgy, '2040-08-31T15:59:59Z', null); // 31 August 23:59:59: August
    await instruct(metallurgy, '2040-08-31T16:00:00Z', '2040-09-02T02:00:00Z'); // 1 September 00:00: replied within
    await instruct(metallurgy, '2040-09-15T02:00:00Z', '2040-09-30T16:00:00Z'); // replied on 1 October 00:00: open then
    await instruct(saltLake, '2040-09-30T15:59:59Z', '2040-09-30T15:59:59Z'); // replied the last second
    await instruct(saltLake, '2040-09-30T16:00:00Z', null); // 1 October: next month
  });
  afterAll(() => t.close());

  it('counts the month’s 批示 per chain and city-wide; the rest of the month after takenAt not yet', async () => {
    const after = new Date('2040-10-05T02:00:00Z');
    const { city, byChain } = await instructionCounts(t.dataSource.manager, calendarMonthWindow('2040-09'), after);
    expect(city).toEqual({ written: 3, replied: 2, open: 1 });
    expect(byChain.get(chain['metallurgy'])).toEqual({ written: 2, replied: 1, open: 1 });
    expect(byChain.get(chain['salt-lake-chemical'])).toEqual({ written: 1, replied: 1, open: 0 });
    expect(byChain.has(chain['clean-energy'])).toBe(false);

    // Taken on 10 September: what was written and replied by then.
    const early = await instructionCounts(t.dataSource.manager, calendarMonthWindow('2040-09'), new Date('2040-09-10T00:00:00Z'));
    expect(early.city).toEqual({ written: 1, replied: 1, open: 0 });
    const none = await instructionCounts(t.dataSource.manager, calendarMonthWindow('2040-07'), after);
    expect(none.city).toEqual({ written: 0, replied: 0, open: 0 });
    expect(calendarMonthWindow('2040-02')).toEqual({ from: '2040-02-01', to: '2040-02-29' });
  });

  it('is part of the roll-up’s figures, per chain and for the city, counted over the roll-up’s own window', async () => {
    const takenAt = new Date('2040-10-05T02:00:00Z');
    const figures = await rollUpFigures(t.dataSource.manager, '2040-09', takenAt);
    // The roll-up's statistical window when it carries one, else the calendar month.
    const window = (figures as { window?: { from: string; to: string } }).window ?? calendarMonthWindow('2040-09');
    const expected = await instructionCounts(t.dataSource.manager, window, takenAt);
    expect(figures.instructions).toEqual(expected.city);
    expect(expected.city.written).toBeGreaterThan(0);
    const of = (code: string) => figures.chains.find((c) => c.chainCode === code)?.instructions;
    expect(of('metallurgy')).toEqual(expected.byChain.get(chain['metallurgy']));
    expect(of('clean-energy')).toEqual({ written: 0, replied: 0, open: 0 });
  });
});
