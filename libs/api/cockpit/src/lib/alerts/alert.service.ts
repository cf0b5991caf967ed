import {
  ALERT_KINDS,
  STAGES,
  shanghaiToday,
  type AlertKind,
  type AlertListView,
  type AlertSettingsView,
  type AlertView,
  type ProjectListQuery,
} from '@crm/domain';
import { CLOCK, type Clock } from '@crm/api/core';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
 * Project alerts: active projects of the chains asked for. A stage alert fires when the stage
 * began on or before today minus N months ($3..$5), the idle alert when the last touch is on or
 * before today minus N days ($6).
 */
const PROJECT_ALERTS = `
  WITH base AS (
    SELECT p.id, p.chain_id, p.stage, ${STAGE_SINCE} AS since, ${LAST_TOUCH} AS touch
    FROM project p
    WHERE p.chain_id = ANY ($1::smallint[]) AND p.status = 'active'
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
  )
  -- Per kind: the count, and the longest-standing $7 by a top-N sort (not a sort of them all).
  , totals AS (SELECT kind, count(*)::integer AS total FROM fired GROUP BY kind)
  SELECT t.kind, x.since::text AS since, x.days, x.chain_id, x.project_id, x.n, t.total
  FROM totals t
  CROSS JOIN LATERAL (
    SELECT f.since, f.days, f.chain_id, f.project_id, row_number() OVER (ORDER BY f.days DESC, f.project_id) AS n
    FROM (SELECT * FROM fired f WHERE f.kind = t.kind ORDER BY f.days DESC, f.project_id LIMIT $7) f
  ) x
  ORDER BY t.kind, x.n`;

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
 * the chains asked for (reporting_units_on the period's last day: a 责任单位 of the chain then, or
 * responsible for one of its key tasks in the year's published plan) that has submitted nothing by
 * its own deadline (extension included), under the name it had then. "Passed" by the start of
 * today ($2, the caller's clock): deadlines fall at Shanghai midnights, so that is the same as now.
 */
const REPORT_ALERTS = `
  WITH today AS (SELECT ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS at),
  period AS (
    SELECT period, due_at, (to_date(period, 'YYYY-MM') + interval '1 month' - interval '1 day')::date AS last_day
    FROM reporting_period, today WHERE due_at <= today.at ORDER BY period DESC LIMIT 1
  )
  SELECT ru.chain_id, u.id AS unit_id, unit_name_on(u.id, period.last_day) AS unit_name, period.period::text AS period,
         coalesce(e.extended_to, (period.period || '-25')::date)::text AS since,
         $2::date - coalesce(e.extended_to, (period.period || '-25')::date) AS days
  FROM period CROSS JOIN today
  CROSS JOIN LATERAL reporting_units_on(period.last_day) ru
  JOIN unit u ON u.id = ru.unit_id
  LEFT JOIN unit_deadline_extension e ON e.period = period.period AND e.unit_id = u.id
  WHERE ru.chain_id = ANY ($1::smallint[])
    AND coalesce((e.extended_to + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', period.due_at) <= today.at
    AND NOT EXISTS (SELECT 1 FROM monthly_report r
                    WHERE r.unit_id = u.id AND r.period = period.period AND r.submitted_at IS NOT NULL)`;

/** What needs a leader's attention, by the office's Ns. */
@Injectable()
export class AlertService {
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
    const counts = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>;
    if (!chains.length) return counts;
    const settings = await this.settings.read();
    const ids = chains.map((c) => c.id);
    const [[row], reports] = await Promise.all([
      this.dataSource.query(PROJECT_ALERT_COUNTS, [
        ids,
        today,
        settings.signedNoLandMonths,
        settings.landNotStartedMonths,
        settings.constructionMonths,
        settings.idleDays,
      ]),
      this.dataSource.query(REPORT_ALERTS, [ids, today]),
    ]);
    return { ...counts, ...row, 'report-late': reports.length };
  }

  async alerts(
    chains: CockpitChain[],
    settings: AlertSettingsView,
    today = this.today(),
  ): Promise<{ items: AlertView[]; counts: Record<AlertKind, number> }> {
    const counts = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>;
    if (!chains.length) return { items: [], counts };
    const ids = chains.map((c) => c.id);
    const byId = new Map(chains.map((c) => [c.id, c]));
    const [found, reports] = await Promise.all([
      this.dataSource.query(PROJECT_ALERTS, [
        ids,
        today,
        settings.signedNoLandMonths,
        settings.landNotStartedMonths,
        settings.constructionMonths,
        settings.idleDays,
        ALERTS_PER_KIND,
      ]) as Promise<{ kind: AlertKind; since: string; days: number; chain_id: number; project_id: string; total: number }[]>,
      this.dataSource.query(REPORT_ALERTS, [ids, today]) as Promise<
        { chain_id: number; unit_id: number; unit_name: string; period: string; since: string; days: number }[]
      >,
    ]);
    const refs: ProjectRefRow[] = found.length
      ? await this.dataSource.query(PROJECT_REFS, [[...new Set(found.map((f) => f.project_id))]])
      : [];
    const refOf = new Map(refs.map((r) => [r.id, toProjectRef(r)]));
    for (const f of found) counts[f.kind] = f.total;
    counts['report-late'] = reports.length;
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
    return { items, counts };
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
    idle: { ...active, stage: STAGES.filter((s) => s !== 'production'), idleDays: settings.idleDays },
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
