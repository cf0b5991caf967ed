import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type TestApp } from '@crm/api/testing';
import { addDays, ManualClock, shanghaiToday, type AlertSettingsView, type AlertThresholds } from '@crm/domain';
import type { Job } from 'bullmq';
import { CockpitModule } from '../cockpit.module';
import { CockpitChains, type CockpitChain } from '../common/cockpit-chains';
import { prng } from '../../test/cockpit-fixtures';
import { AlertSettingsService } from './alert-settings.service';
import { ALERTS_PER_KIND, AlertService, alertSettingsKey, directAlertCounts, directAlerts } from './alert.service';
import { AlertsRefreshJob, type AlertsRefreshJobData } from './alerts-refresh.job';

/**
 * The alerts kept per day and data version in alert_memo (issue 23 §2): any set of chains read
 * from the memo gets exactly what the direct SQL computes; a write is seen by the next read (a new
 * version, a new memo); the worker's alerts-refresh computes today's memo once per version.
 */
describe('the alerts memo', () => {
  let t: TestApp;
  let service: AlertService;
  let chains: CockpitChain[];
  let settings: AlertSettingsView;
  const year = Number(shanghaiToday().slice(0, 4));
  // Today: Shanghai noon of 15 June.
  const clock = new ManualClock(`${year}-06-15T04:00:00.000Z`);
  const today = `${year}-06-15`;
  const days = [today, `${year}-05-31`, `${year - 1}-12-31`, addDays(today, 45)];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const q = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(sql, params);
  const version = async () => Number((await q<{ v: string }>(`SELECT version::text AS v FROM answer_version WHERE id = 1`))[0].v);

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], {}, { clock });
    service = t.app.get(AlertService);
    chains = await t.app.get(CockpitChains).all();
    settings = await t.app.get(AlertSettingsService).read();
    const staff = await signInAs(t, { roles: ['staff'], unit: '市数据局' });
    const [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '市数据局'`);
    // 700 projects over the chains, in every stage and status, with stage dates and contacts spread
    // over three years: several hundred alerts of each kind, many of them on the same day.
    const r = prng(23);
    const stages = ['lead', 'negotiation', 'evaluation', 'signed', 'land', 'construction', 'production'];
    const rows = Array.from({ length: 700 }, (_, i) => ({
      name: `预警备忘${i}`,
      chain: r.pick(chains).id,
      stage: r.pick(stages),
      status: r.next() < 0.8 ? 'active' : r.pick(['paused', 'dropped']),
      reached: addDays(today, -r.int(1100)),
      touch: r.next() < 0.2 ? null : addDays(today, -r.int(400)),
      created: addDays(today, -r.int(1200)),
    }));
    await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status,
         status_reason, stage_reached_on, last_activity_on, created_at)
       SELECT x.name, x.chain, '某投资方', 'other', $2, $3, x.stage::project_stage, x.status::project_status,
              CASE WHEN x.status = 'active' THEN NULL ELSE '原因' END, x.reached::date, x.touch::date,
              (x.created::date + time '10:00') AT TIME ZONE 'Asia/Shanghai'
       FROM jsonb_to_recordset($1::jsonb) AS x(name text, chain smallint, stage text, status text, reached text, touch text, created text)`,
      [JSON.stringify(rows), unitId, staff.user.id],
    );
    // Reporting periods past due at the days asked for, and extensions: units late with their reports.
    for (const period of [`${year - 1}-11`, `${year}-04`, `${year}-05`]) {
      const [y, m] = period.split('-').map(Number);
      await q(
        `INSERT INTO reporting_period (period, opens_at, due_at)
         VALUES ($1, ($2::date - 1)::timestamp AT TIME ZONE 'Asia/Shanghai', ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
         ON CONFLICT DO NOTHING`,
        [period, `${period}-01`, `${y}-${String(m).padStart(2, '0')}-25`],
      );
    }
    await q(
      `INSERT INTO unit_deadline_extension (period, unit_id, extended_to, reason)
       SELECT $1, u.id, CASE WHEN u.id % 2 = 0 THEN $2::date ELSE $3::date END, '延期'
       FROM unit u WHERE u.id % 3 = 0`,
      [`${year}-05`, `${year}-06-05`, `${year}-07-20`],
    );
  }, 120_000);
  afterAll(() => t?.close());

  /** Random subsets of the chains, in random order: none, one, some, all. */
  function subsets(seed: number): CockpitChain[][] {
    const r = prng(seed);
    const out: CockpitChain[][] = [[], [chains[r.int(chains.length)]], [...chains]];
    for (let i = 0; i < 6; i++) {
      const picked = chains.filter(() => r.next() < 0.5);
      out.push(picked.sort(() => r.next() - 0.5));
    }
    return out;
  }

  /** counts() reads the Ns in force; alerts() is given them (as the meeting pack does). */
  async function expectSameAsDirect(seed: number, thresholds: AlertSettingsView, asOf: string[], inForce = true) {
    for (const day of asOf) {
      for (const subset of subsets(seed)) {
        const label = { day, chains: subset.map((c) => c.code) };
        if (inForce) {
          const [memoCounts, directCounts] = [await service.counts(subset, day), await directAlertCounts(t.dataSource, subset, thresholds, day)];
          expect({ ...label, counts: memoCounts }).toStrictEqual({ ...label, counts: directCounts });
        }
        const [memo, direct] = [await service.alerts(subset, thresholds, day), await directAlerts(t.dataSource, subset, thresholds, day)];
        expect({ ...label, counts: memo.counts }).toStrictEqual({ ...label, counts: direct.counts });
        expect({ ...label, items: memo.items }).toStrictEqual({ ...label, items: direct.items });
      }
    }
  }

  it('answers any set of chains on any day exactly as the direct SQL does', async () => {
    // The fixture makes the top-N merge matter: more alerts of a kind than are listed.
    const all = await directAlertCounts(t.dataSource, chains, settings, today);
    expect(Math.max(all['idle'], all['signed-no-land'], all['land-not-started'])).toBeGreaterThan(ALERTS_PER_KIND);
    expect(all['report-late']).toBeGreaterThan(0);
    await expectSameAsDirect(1, settings, days);
    // One memo per day asked for, all at the current version (the later days did not drop the earlier).
    const memos = await q(`SELECT as_of::text AS as_of, version::text AS version FROM alert_memo WHERE settings_key = $1 ORDER BY 1`, [
      alertSettingsKey(settings),
    ]);
    expect(memos.map((m) => m.as_of)).toEqual([...days].sort());
    expect(new Set(memos.map((m) => Number(m.version)))).toEqual(new Set([await version()]));
    // list() (GET /api/cockpit/alerts) is built on the same.
    const listed = await service.list(chains, today);
    expect(listed.items).toStrictEqual((await directAlerts(t.dataSource, chains, settings, today)).items);
    expect(listed.asOf).toBe(today);
  }, 300_000);

  it('keeps one memo per set of Ns: other Ns are computed apart and answered exactly', async () => {
    const other: AlertSettingsView = { ...settings, signedNoLandMonths: 2, landNotStartedMonths: 9, constructionMonths: 6, idleDays: 45 };
    const [before] = await q(`SELECT count(*)::integer AS n FROM alert_memo`);
    await expectSameAsDirect(2, other, [today], false);
    const [after] = await q(`SELECT count(*)::integer AS n FROM alert_memo WHERE settings_key = $1`, [alertSettingsKey(other as AlertThresholds)]);
    expect(after.n).toBe(1);
    expect((await q(`SELECT count(*)::integer AS n FROM alert_memo`))[0].n).toBe(before.n + 1);
  }, 300_000);

  it('sees a write at the next read: a new version, a new memo, the old ones dropped', async () => {
    const v0 = await version();
    const before = await service.alerts(chains, settings, today);
    // A project listed with a stage alert moves on to production; another listed as idle is dropped.
    const staged = before.items.find((a) => a.kind === 'land-not-started' || a.kind === 'signed-no-land');
    const idle = before.items.find((a) => a.kind === 'idle' && a.project?.id !== staged?.project?.id);
    if (!staged?.project || !idle?.project) throw new Error('the fixture lists no stage alert or no idle alert');
    const [stagedId, idleId, kind] = [staged.project.id, idle.project.id, staged.kind];
    await q(`UPDATE project SET stage = 'production' WHERE id = $1`, [stagedId]);
    await q(`UPDATE project SET status = 'dropped', status_reason = '放弃' WHERE id = $1`, [idleId]);
    const v1 = await version();
    expect(v1).toBeGreaterThan(v0);
    const after = await service.alerts(chains, settings, today);
    expect(after.items.some((a) => a.project?.id === stagedId && a.kind === kind)).toBe(false);
    expect(after.items.some((a) => a.project?.id === idleId)).toBe(false);
    expect(after.counts[kind]).toBe(before.counts[kind] - 1);
    expect(after).toStrictEqual(await directAlerts(t.dataSource, chains, settings, today));
    // The memo read is the new version's; the older versions' rows are gone.
    const memos = await q(`SELECT DISTINCT version::text AS version FROM alert_memo`);
    expect(memos.map((m) => Number(m.version))).toEqual([v1]);
    // A rename (a project's columns) shows in the list, read live at each call.
    await q(`UPDATE project SET name = '改名后的项目' WHERE id = $1`, [after.items[0].project?.id]);
    const renamed = await service.alerts(chains, settings, today);
    expect(renamed.items[0].project?.name).toBe('改名后的项目');
    await expectSameAsDirect(3, settings, [today, `${year}-05-31`]);
  }, 300_000);

  it('the worker job computes today’s memo once, and nothing more until something changes', async () => {
    const job = new AlertsRefreshJob(service);
    const run = (id: string) => job.run({ id, data: { requestedAt: 'test' } } as Job<AlertsRefreshJobData>);
    // A change: the next run computes for it.
    await q(`UPDATE project SET last_activity_on = $1 WHERE id = (SELECT id FROM project WHERE status = 'active' ORDER BY id LIMIT 1)`, [today]);
    const v = await version();
    const key = alertSettingsKey(settings);
    const rowsOfToday = () =>
      q<{ version: string; computed_at: Date }>(`SELECT version::text AS version, computed_at FROM alert_memo WHERE as_of = $1 AND settings_key = $2`, [
        today,
        key,
      ]);
    // Today's memo of the version before the change is there, none of this version.
    expect((await rowsOfToday()).map((r) => Number(r.version))).toEqual([expect.any(Number)]);
    expect((await rowsOfToday()).filter((r) => Number(r.version) === v)).toEqual([]);
    expect(await run('1')).toEqual({ asOf: today, version: v, computed: true });
    // Stored under the new version; the older one dropped.
    const [stored, ...more] = await rowsOfToday();
    expect(more).toEqual([]);
    expect(Number(stored.version)).toBe(v);
    // Without a change: found, not computed, not written again.
    clock.advance(60_000);
    expect(await run('2')).toEqual({ asOf: today, version: v, computed: false });
    expect(await rowsOfToday()).toEqual([stored]);
    // A reader uses the worker's memo (no new row) and answers as the direct SQL does.
    expect(await service.counts(chains)).toStrictEqual(await directAlertCounts(t.dataSource, chains, settings, today));
    expect(await rowsOfToday()).toEqual([stored]);
    // After midnight: a new day, computed once.
    clock.set(`${year}-06-15T16:30:00.000Z`);
    const tomorrow = addDays(today, 1);
    expect(await run('3')).toEqual({ asOf: tomorrow, version: v, computed: true });
    expect(await run('4')).toEqual({ asOf: tomorrow, version: v, computed: false });
    // The day before, at the same version, stays (the cockpit may ask for it).
    expect(await rowsOfToday()).toEqual([stored]);
    clock.set(`${year}-06-15T04:00:00.000Z`);
  }, 120_000);
});
