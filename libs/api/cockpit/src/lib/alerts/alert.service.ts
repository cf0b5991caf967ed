import {
  ALERT_KINDS,
  STAGES,
  shanghaiToday,
  type AlertKind,
  type AlertListView,
  type AlertSettingsView,
  type AlertThresholds,
  type AlertView,
  type ProjectListQuery,
} from '@crm/domain';
import { CLOCK, dataVersionOf, type Clock } from '@crm/api/core';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { chainRef, type CockpitChain } from '../common/cockpit-chains';
import { PROJECT_REF_COLUMNS, PROJECT_REF_JOINS, toProjectRef, type ProjectRefRow } from '../common/project-ref.rows';
import { AlertSettingsService } from './alert-settings.service';

/**
 * The date a project's current stage began: the stage's business date (project.stage_since: its own
 * fact where recorded, else the day it was reached as the user gave it, else the day it was
 * entered). The same column as GET /api/projects?stageSinceTo= and the leader page's 停滞最久的项目.
 */
const STAGE_SINCE = `p.stage_since`;
/** The last contact, or the day the project was created when there was none (as ?idleDays=). */
const LAST_TOUCH = `coalesce(p.last_activity_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date)`;

/**
 * The alerts that fire among the active projects picked by `where` (a condition on `p`): a stage
 * alert when the stage began on or before today ($2) minus N months ($3..$5), the idle alert when
 * the last touch is on or before today minus N days ($6).
 */
function firedAlerts(where: string): string {
  return `
  base AS (
    SELECT p.id, p.chain_id, p.stage, ${STAGE_SINCE} AS since, ${LAST_TOUCH} AS touch
    FROM project p
    WHERE ${where} AND p.status = 'active'
  ), fired AS (
    -- At most one stage alert per project (it has one stage), read in one pass …
    SELECT CASE b.stage WHEN 'signed' THEN 'signed-no-land' WHEN 'land' THEN 'land-not-started' ELSE 'not-producing' END AS kind,
           -- … not-producing counts from the planned date: construction start + the standard period.
           CASE WHEN b.stage = 'construction' THEN (b.since + make_interval(months => $5::integer))::date ELSE b.since END AS since,
           CASE WHEN b.stage = 'construction'
                THEN greatest(0, $2::date - (b.since + make_interval(months => $5::integer))::date)
                ELSE $2::date - b.since END AS days,
           b.chain_id, b.id AS project_id
    FROM base b
    WHERE (b.stage = 'signed' AND b.since <= ($2::date - make_interval(months => $3::integer))::date)
       OR (b.stage = 'land' AND b.since <= ($2::date - make_interval(months => $4::integer))::date)
       OR (b.stage = 'construction' AND b.since <= ($2::date - make_interval(months => $5::integer))::date)
    UNION ALL
    -- … and the idle alert beside it.
    SELECT 'idle', b.touch, $2::date - b.touch, b.chain_id, b.id
    FROM base b
    WHERE b.stage <> 'production' AND b.touch <= $2::date - $6::integer
  )`;
}

/**
 * Project alerts of the chains asked for ($1), computed directly: per kind, the count and the
 * longest-standing $7 by a top-N sort (not a sort of them all).
 */
const PROJECT_ALERTS = `
  WITH ${firedAlerts('p.chain_id = ANY ($1::smallint[])')}
  , totals AS (SELECT kind, count(*)::integer AS total FROM fired GROUP BY kind)
  SELECT t.kind, x.since::text AS since, x.days, x.chain_id, x.project_id, x.n, t.total
  FROM totals t
  CROSS JOIN LATERAL (
    SELECT f.since, f.days, f.chain_id, f.project_id, row_number() OVER (ORDER BY f.days DESC, f.project_id) AS n
    FROM (SELECT * FROM fired f WHERE f.kind = t.kind ORDER BY f.days DESC, f.project_id LIMIT $7) f
  ) x
  ORDER BY t.kind, x.n`;

/**
 * Project alerts of every chain in one pass (the memo): per chain and kind, the count and the
 * longest-standing $1, in the order of PROJECT_ALERTS (days, then project id).
 */
const PROJECT_ALERTS_BY_CHAIN = `
  WITH ${firedAlerts('true')}
  , ranked AS (
    SELECT f.kind, f.since, f.days, f.chain_id, f.project_id,
           row_number() OVER (PARTITION BY f.chain_id, f.kind ORDER BY f.days DESC, f.project_id) AS n,
           count(*) OVER (PARTITION BY f.chain_id, f.kind)::integer AS total
    FROM fired f
  )
  SELECT r.kind, r.since::text AS since, r.days, r.chain_id, r.project_id, r.total
  FROM ranked r
  WHERE r.n <= $1
  ORDER BY r.chain_id, r.kind, r.n`;

/** The counts alone, in one pass over the active projects (the city view needs no more). */
const PROJECT_ALERT_COUNTS = `
  SELECT
    count(*) FILTER (WHERE p.stage = 'signed'
      AND ${STAGE_SINCE} <= ($2::date - make_interval(months => $3::integer))::date)::integer AS "signed-no-land",
    count(*) FILTER (WHERE p.stage = 'land'
      AND ${STAGE_SINCE} <= ($2::date - make_interval(months => $4::integer))::date)::integer AS "land-not-started",
    count(*) FILTER (WHERE p.stage = 'construction'
      AND ${STAGE_SINCE} <= ($2::date - make_interval(months => $5::integer))::date)::integer AS "not-producing",
    count(*) FILTER (WHERE p.stage <> 'production' AND ${LAST_TOUCH} <= $2::date - $6::integer)::integer AS idle
  FROM project p
  WHERE p.chain_id = ANY ($1::smallint[]) AND p.status = 'active'`;

/** The project columns of the alerts listed (at most ALERTS_PER_KIND of each kind). */
const PROJECT_REFS = `SELECT ${PROJECT_REF_COLUMNS} FROM project p ${PROJECT_REF_JOINS} WHERE p.id = ANY ($1::uuid[])`;

/** Alerts listed per kind, the longest first; the counts cover them all. */
export const ALERTS_PER_KIND = 100;

/**
 * Late reports: for the latest reporting period whose deadline has passed, each unit owing it for
 * the chains picked by `where` (a condition on `ru.chain_id`; reporting_units_on the period's last
 * day: a 责任单位 of the chain then, or responsible for one of its key tasks in the year's published
 * plan) that has submitted nothing by its own deadline (extension included), under the name it had
 * then. "Passed" by the start of today (`today`, the caller's clock): deadlines fall at Shanghai
 * midnights, so that is the same as now.
 */
function reportAlerts(today: string, where: string): string {
  return `
  WITH today AS (SELECT (${today}::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS at),
  period AS (
    SELECT period, due_at, (to_date(period, 'YYYY-MM') + interval '1 month' - interval '1 day')::date AS last_day
    FROM reporting_period, today WHERE due_at <= today.at ORDER BY period DESC LIMIT 1
  )
  SELECT ru.chain_id, u.id AS unit_id, unit_name_on(u.id, period.last_day) AS unit_name, period.period::text AS period,
         coalesce(e.extended_to, (period.period || '-25')::date)::text AS since,
         ${today}::date - coalesce(e.extended_to, (period.period || '-25')::date) AS days
  FROM period CROSS JOIN today
  CROSS JOIN LATERAL reporting_units_on(period.last_day) ru
  JOIN unit u ON u.id = ru.unit_id
  LEFT JOIN unit_deadline_extension e ON e.period = period.period AND e.unit_id = u.id
  WHERE ${where}
    AND coalesce((e.extended_to + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', period.due_at) <= today.at
    AND NOT EXISTS (SELECT 1 FROM monthly_report r
                    WHERE r.unit_id = u.id AND r.period = period.period AND r.submitted_at IS NOT NULL)`;
}

/** Late reports of the chains asked for ($1) as of $2. */
const REPORT_ALERTS = reportAlerts('$2', 'ru.chain_id = ANY ($1::smallint[])');
/** Late reports of every chain as of $1 (the memo). */
const REPORT_ALERTS_BY_CHAIN = `${reportAlerts('$1', 'true')}\n  ORDER BY ru.chain_id, u.id`;

/** One project alert: the longest-standing first, by days then project id. */
export interface ProjectAlertRow {
  kind: AlertKind;
  since: string;
  days: number;
  chain_id: number;
  project_id: string;
}

/** One unit late with its report. */
export interface ReportAlertRow {
  chain_id: number;
  unit_id: number;
  unit_name: string;
  period: string;
  since: string;
  days: number;
}

/** A chain's alerts in the memo: every count, the longest-standing ALERTS_PER_KIND of each project kind, every late report. */
export interface ChainAlerts {
  counts: Partial<Record<AlertKind, number>>;
  projects: ProjectAlertRow[];
  reports: ReportAlertRow[];
}

/** alert_memo.chains: by chain id (chains without any alert are absent). */
export type AlertMemoChains = Record<string, ChainAlerts>;

/** What a memo look-up found or made. */
export interface AlertMemoRead {
  asOf: string;
  /** The data version the memo was computed at. */
  version: number;
  settingsKey: string;
  /** Whether this call computed (and stored) it; false when it was found. */
  computed: boolean;
  chains: AlertMemoChains;
}

/** The memo's key for a set of Ns (and the length of the lists kept). */
export function alertSettingsKey(settings: AlertThresholds): string {
  return [
    settings.signedNoLandMonths,
    settings.landNotStartedMonths,
    settings.constructionMonths,
    settings.idleDays,
    ALERTS_PER_KIND,
  ].join('/');
}

function noCounts(): Record<AlertKind, number> {
  return Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>;
}

/** PROJECT_ALERTS' order within a kind: the most days first, then the project id (uuid order: its lower-case text). */
function longestFirst(a: ProjectAlertRow, b: ProjectAlertRow): number {
  return b.days - a.days || (a.project_id < b.project_id ? -1 : a.project_id > b.project_id ? 1 : 0);
}

/**
 * The alerts of a set of chains from the memo: counts add up over the chains; each kind's
 * longest-standing `limit` (at most ALERTS_PER_KIND) are among the union of each chain's (the same order).
 */
export function alertsFromMemo(
  memo: AlertMemoChains,
  chainIds: number[],
  limit = ALERTS_PER_KIND,
): { counts: Record<AlertKind, number>; found: ProjectAlertRow[]; reports: ReportAlertRow[] } {
  const counts = noCounts();
  const byKind = new Map<AlertKind, ProjectAlertRow[]>();
  const reports: ReportAlertRow[] = [];
  for (const id of new Set(chainIds)) {
    const chain = memo[String(id)];
    if (!chain) continue;
    for (const kind of ALERT_KINDS) counts[kind] += chain.counts[kind] ?? 0;
    for (const row of chain.projects) {
      const rows = byKind.get(row.kind) ?? [];
      rows.push(row);
      byKind.set(row.kind, rows);
    }
    reports.push(...chain.reports);
  }
  const found: ProjectAlertRow[] = [];
  for (const kind of ALERT_KINDS) {
    const rows = byKind.get(kind);
    if (rows) found.push(...rows.sort(longestFirst).slice(0, Math.min(limit, ALERTS_PER_KIND)));
  }
  return { counts, found, reports };
}

/** The alerts of every chain as of `today`, in one snapshot with the data version it saw. */
async function computeAlertMemo(
  manager: EntityManager,
  settings: AlertThresholds,
  today: string,
): Promise<{ version: number; chains: AlertMemoChains }> {
  const [{ version }]: { version: string }[] = await manager.query(
    `SELECT version::text AS version FROM answer_version WHERE id = 1`,
  );
  const projects: (ProjectAlertRow & { total: number })[] = await manager.query(PROJECT_ALERTS_BY_CHAIN, [
    ALERTS_PER_KIND,
    today,
    settings.signedNoLandMonths,
    settings.landNotStartedMonths,
    settings.constructionMonths,
    settings.idleDays,
  ]);
  const reports: ReportAlertRow[] = await manager.query(REPORT_ALERTS_BY_CHAIN, [today]);
  const chains: AlertMemoChains = {};
  const of = (id: number): ChainAlerts => (chains[String(id)] ??= { counts: {}, projects: [], reports: [] });
  for (const { total, ...row } of projects) {
    const chain = of(row.chain_id);
    chain.counts[row.kind] = total;
    chain.projects.push(row);
  }
  for (const row of reports) {
    const chain = of(row.chain_id);
    chain.counts['report-late'] = (chain.counts['report-late'] ?? 0) + 1;
    chain.reports.push(row);
  }
  return { version: Number(version), chains };
}

/** The counts of the chains asked for, by the direct SQL (no memo). */
export async function directAlertCounts(
  dataSource: DataSource,
  chains: CockpitChain[],
  settings: AlertThresholds,
  today: string,
): Promise<Record<AlertKind, number>> {
  const counts = noCounts();
  if (!chains.length) return counts;
  const ids = chains.map((c) => c.id);
  const [[row], reports] = await Promise.all([
    dataSource.query(PROJECT_ALERT_COUNTS, [
      ids,
      today,
      settings.signedNoLandMonths,
      settings.landNotStartedMonths,
      settings.constructionMonths,
      settings.idleDays,
    ]),
    dataSource.query(REPORT_ALERTS, [ids, today]),
  ]);
  return { ...counts, ...row, 'report-late': reports.length };
}

/** The alerts of the chains asked for, by the direct SQL (no memo): the longest-standing `limit` of each project kind. */
export async function directAlerts(
  dataSource: DataSource,
  chains: CockpitChain[],
  settings: AlertThresholds,
  today: string,
  limit = ALERTS_PER_KIND,
): Promise<{ items: AlertView[]; counts: Record<AlertKind, number> }> {
  const counts = noCounts();
  if (!chains.length) return { items: [], counts };
  const ids = chains.map((c) => c.id);
  const [found, reports] = await Promise.all([
    dataSource.query(PROJECT_ALERTS, [
      ids,
      today,
      settings.signedNoLandMonths,
      settings.landNotStartedMonths,
      settings.constructionMonths,
      settings.idleDays,
      Math.min(limit, ALERTS_PER_KIND),
    ]) as Promise<(ProjectAlertRow & { total: number })[]>,
    dataSource.query(REPORT_ALERTS, [ids, today]) as Promise<ReportAlertRow[]>,
  ]);
  for (const f of found) counts[f.kind] = f.total;
  counts['report-late'] = reports.length;
  return { items: await alertItems(dataSource, chains, found, reports), counts };
}

/** The alerts as listed: each project's columns read now, by kind, the longest first, in the chains' order. */
async function alertItems(
  dataSource: DataSource,
  chains: CockpitChain[],
  found: ProjectAlertRow[],
  reports: ReportAlertRow[],
): Promise<AlertView[]> {
  const byId = new Map(chains.map((c) => [c.id, c]));
  const refs: ProjectRefRow[] = found.length
    ? await dataSource.query(PROJECT_REFS, [[...new Set(found.map((f) => f.project_id))]])
    : [];
  const refOf = new Map(refs.map((r) => [r.id, toProjectRef(r)]));
  const items: AlertView[] = [
    ...found.map((r) => ({
      kind: r.kind,
      chain: chainRef(byId.get(r.chain_id) as CockpitChain),
      project: refOf.get(r.project_id) ?? null,
      unit: null,
      period: null,
      since: r.since,
      days: r.days,
      link: `/projects/${r.project_id}`,
    })),
    ...reports.map((r) => ({
      kind: 'report-late' as const,
      chain: chainRef(byId.get(r.chain_id) as CockpitChain),
      project: null,
      unit: { id: r.unit_id, name: r.unit_name },
      period: r.period,
      since: r.since,
      days: r.days,
      link: '/reports',
    })),
  ];
  const chainOrder = new Map(chains.map((c, i) => [c.code, i]));
  items.sort(
    (a, b) =>
      ALERT_KINDS.indexOf(a.kind) - ALERT_KINDS.indexOf(b.kind) ||
      b.days - a.days ||
      (chainOrder.get(a.chain.code) ?? 0) - (chainOrder.get(b.chain.code) ?? 0) ||
      (a.project?.id ?? String(a.unit?.id)).localeCompare(b.project?.id ?? String(b.unit?.id)),
  );
  return items;
}

/**
 * What needs a leader's attention, by the office's Ns. The alerts count days, so they change with
 * the day as well as with the data: they are kept in alert_memo per day (`as_of`), data version
 * (answer_version.version, bumped at the commit of any write) and Ns, for every chain at once, and
 * any set of chains is answered from that row. The worker computes today's row once after midnight
 * and within a minute of each change (AlertsRefreshJob → refresh), so a reader normally finds it;
 * a reader that does not computes and stores it the same way (memo). A row of an older version is
 * never read. The project columns of the alerts listed are read at each call.
 */
@Injectable()
export class AlertService {
  /** This process's memo computations under way, by day, Ns and the version read. */
  private readonly pending = new Map<string, Promise<AlertMemoRead>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: AlertSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return shanghaiToday(this.clock.now());
  }

  async list(chains: CockpitChain[], today = this.today(), oneChain: CockpitChain | null = null): Promise<AlertListView> {
    const settings = await this.settings.read();
    const { items, counts } = await this.alerts(chains, settings, today);
    return { asOf: today, settings, items, counts, limitPerKind: ALERTS_PER_KIND, queries: alertQueries(oneChain, settings, today) };
  }

  /** The project list behind each project-alert kind as of `today` (the city view's badges link to it). */
  async queries(today = this.today(), oneChain: CockpitChain | null = null): Promise<Record<AlertKind, ProjectListQuery | null>> {
    return alertQueries(oneChain, await this.settings.read(), today);
  }

  /** How many alerts of each kind (the city view's badges). */
  async counts(chains: CockpitChain[], today = this.today()): Promise<Record<AlertKind, number>> {
    if (!chains.length) return noCounts();
    const settings = await this.settings.read();
    const memo = await this.memo(settings, today);
    if (!memo) return directAlertCounts(this.dataSource, chains, settings, today);
    return alertsFromMemo(memo.chains, chains.map((c) => c.id)).counts;
  }

  /**
   * The alerts of these chains as of `today`: every count, and the longest-standing `limitPerKind`
   * of each project kind (their columns read now; late reports all).
   */
  async alerts(
    chains: CockpitChain[],
    settings: AlertSettingsView,
    today = this.today(),
    limitPerKind = ALERTS_PER_KIND,
  ): Promise<{ items: AlertView[]; counts: Record<AlertKind, number> }> {
    if (!chains.length) return { items: [], counts: noCounts() };
    const memo = await this.memo(settings, today);
    if (!memo) return directAlerts(this.dataSource, chains, settings, today, limitPerKind);
    const { counts, found, reports } = alertsFromMemo(memo.chains, chains.map((c) => c.id), limitPerKind);
    return { items: await alertItems(this.dataSource, chains, found, reports), counts };
  }

  /**
   * The worker's refresh (alerts-refresh): today's memo under the Ns in force, computed if there is
   * none for the current data version. Null when the version is not exact (a table lacks its trigger).
   */
  async refresh(today = this.today()): Promise<AlertMemoRead | null> {
    return this.memo(await this.settings.read(), today);
  }

  /**
   * The alerts of every chain as of `today` under these Ns at the current data version: found in
   * alert_memo (the version and the row in one read), else computed and stored. The one writer of
   * alert_memo. Null when the data version cannot be trusted (then the callers compute directly).
   */
  async memo(settings: AlertThresholds, today: string): Promise<AlertMemoRead | null> {
    if (!(await dataVersionOf(this.dataSource).isExact())) return null;
    const settingsKey = alertSettingsKey(settings);
    const [found]: { version: string; chains: AlertMemoChains | null }[] = await this.dataSource.query(
      `SELECT v.version::text AS version, m.chains
       FROM answer_version v
       LEFT JOIN alert_memo m ON m.as_of = $1::date AND m.version = v.version AND m.settings_key = $2
       WHERE v.id = 1`,
      [today, settingsKey],
    );
    if (found.chains) return { asOf: today, version: Number(found.version), settingsKey, computed: false, chains: found.chains };
    // Concurrent misses of this process compute once; a computation that began at an older version is not joined.
    const key = JSON.stringify([today, settingsKey, found.version]);
    const running = this.pending.get(key);
    if (running) return running;
    const made = this.compute(settings, settingsKey, today);
    this.pending.set(key, made);
    try {
      return await made;
    } finally {
      this.pending.delete(key);
    }
  }

  /**
   * Computes every chain's alerts in one snapshot (the version read with them, so never newer than
   * the data), stores them under that version unless another process did, and drops the rows of
   * older versions (and any a week old): rows of the same version for other days stay (the cockpit
   * asks for a past month's end).
   */
  private async compute(settings: AlertThresholds, settingsKey: string, today: string): Promise<AlertMemoRead> {
    const { version, chains } = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      computeAlertMemo(manager, settings, today),
    );
    await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM alert_memo WHERE version < $2::bigint OR computed_at < $5::timestamptz - interval '7 days'
       )
       INSERT INTO alert_memo (as_of, version, settings_key, chains, computed_at)
       VALUES ($1::date, $2::bigint, $3, $4::jsonb, $5::timestamptz)
       ON CONFLICT DO NOTHING`,
      [today, String(version), settingsKey, JSON.stringify(chains), this.clock.now()],
    );
    return { asOf: today, version, settingsKey, computed: true, chains };
  }
}

/** The project lists behind each kind, with the cutoffs as the alerts compute them. */
export function alertQueries(
  chain: CockpitChain | null,
  settings: AlertSettingsView,
  today: string,
): Record<AlertKind, ProjectListQuery | null> {
  const scope: ProjectListQuery = chain ? { chain: chain.code } : {};
  const active = { ...scope, status: ['active' as const] };
  return {
    'signed-no-land': { ...active, stage: ['signed'], stageSinceTo: monthsBefore(today, settings.signedNoLandMonths) },
    'land-not-started': { ...active, stage: ['land'], stageSinceTo: monthsBefore(today, settings.landNotStartedMonths) },
    'not-producing': {
      ...active,
      stage: ['construction'],
      stageSinceTo: monthsBefore(today, settings.constructionMonths),
    },
    idle: { ...active, stage: STAGES.filter((s) => s !== 'production'), idleDays: settings.idleDays, idleAsOf: today },
    'report-late': null,
  };
}

/**
 * today minus n months as PostgreSQL computes `date - interval 'n months'`: the same day of the
 * month, or the month's last day when it has fewer days.
 */
export function monthsBefore(today: string, n: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const index = y * 12 + (m - 1) - n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
