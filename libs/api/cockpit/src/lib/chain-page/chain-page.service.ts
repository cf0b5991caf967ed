import { unledGapsOfChain } from '@crm/api/chain-map';
import { blockedByNeeds } from '@crm/api/guarantees';
import { CLOCK, type Clock } from '@crm/api/core';
import type { AuthUser } from '@crm/api/core';
import { keyTaskProgress, planMissing, readPlanState } from '@crm/api/plan';
import {
  STAGES,
  LEADER_ALERTS_PER_KIND,
  shanghaiToday,
  type ChainCockpitView,
  type ChainUnitRole,
  type KeyTaskProgress,
  type KeyTaskProgressView,
  type MonthlyReportState,
  type Stage,
  type StageConversionView,
  type UnitReportNarrativeView,
} from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AlertService, alertQueries } from '../alerts/alert.service';
import { AlertSettingsService } from '../alerts/alert-settings.service';
import { CockpitChains, chainRef } from '../common/cockpit-chains';
import { readCockpitPeriod } from '../common/cockpit-period';
import { toProjectRef, type ProjectRefRow } from '../common/project-ref.rows';
import { ChainFiguresService, chainFigures, trendSeries } from '../figures/chain-figures.service';
import { InstructionService } from '../instructions/instruction.service';
import { CURRENT_STAYS, KEY_TASKS, MAJOR, OVERDUE, OVERDUE_COUNT, REPORTS, STUCK } from './chain-page.queries';
import { ChainStageHistory } from './chain-stage-history';

/**
 * A chain's page for its leaders: the figures and trend of the cockpit, the funnel, conversion and
 * time per stage, what is stuck or overdue, the major projects, the units' latest reports, key-task
 * progress, alerts and the latest instructions. A chain the user may not read answers 403. Until
 * the year's plan is published the page says so (`plan`) and its figures carry no targets.
 */
@Injectable()
export class ChainPageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly chains: CockpitChains,
    private readonly figures: ChainFiguresService,
    private readonly alerts: AlertService,
    private readonly alertSettings: AlertSettingsService,
    private readonly instructions: InstructionService,
    private readonly stageHistory: ChainStageHistory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(user: AuthUser, code: string, year?: number, month?: number): Promise<ChainCockpitView> {
    const chain = await this.chains.readable(user, code);
    const now = this.clock.now();
    const period = await readCockpitPeriod(this.dataSource.manager, year, month, now);
    const today = shanghaiToday(now);
    const state = await readPlanState(this.dataSource.manager, period.year);
    const q = <T>(sql: string, params: unknown[]): Promise<T[]> => this.dataSource.query(sql, params);
    const [rows, targets, funnel, history, current, stuck, major, overdue, overdueCount, reports, keyTasks, settings, instructions, open] =
      await Promise.all([
        this.figures.monthRows([chain.id], period, true),
        this.figures.targets([chain.id], period.year),
        this.figures.funnel(chain),
        this.stageHistory.stats(chain.id),
        q<CurrentStayRow>(CURRENT_STAYS, [chain.id, today]),
        q<ProjectRefRow & { since: string; days: number }>(STUCK, [chain.id, today]),
        q<ProjectRefRow>(MAJOR, [chain.id]),
        q<ProjectRefRow & { due_on: string; days: number; last_activity_on: string | null }>(OVERDUE, [chain.id, today]),
        q<{ n: number }>(OVERDUE_COUNT, [chain.id, today]),
        q<ReportRow>(REPORTS, [chain.id, period.monthEnd < today ? period.monthEnd : today]),
        q<KeyTaskRow>(KEY_TASKS, [chain.id, period.year]),
        this.alertSettings.read(),
        this.instructions.latestOfChain(chain.id, 10),
        this.instructions.openOfChain(chain.id, 50),
      ]);
    // Alerts as of the month chosen, as on the cockpit: a past period's window end, else today.
    const alertsAsOf = period.monthEnd < today ? period.monthEnd : today;
    // The project alerts come limited from the alerts (their columns read for these only); the
    // late reports come all, and are limited here like the rest.
    const { items: allAlerts, counts: alertCounts } = await this.alerts.alerts([chain], settings, alertsAsOf, LEADER_ALERTS_PER_KIND);
    const shown = new Map<string, number>();
    const alerts = allAlerts.filter((a) => {
      const n = (shown.get(a.kind) ?? 0) + 1;
      shown.set(a.kind, n);
      return n <= LEADER_ALERTS_PER_KIND;
    });
    const progress = await keyTaskProgress(this.dataSource.manager, {
      year: period.year,
      month: period.month,
      chainIds: [chain.id],
    });
    const gaps = await unledGapsOfChain(this.dataSource.manager, period.year, chain.id);
    // 要素制约 as of the month chosen, as the alerts: a past period's window end, else today.
    const blocked = await blockedByNeeds(this.dataSource.manager, {
      chainIds: [chain.id],
      asOf: period.monthEnd < today ? period.monthEnd : today,
    });
    const reachedOf = (s: Stage) => history.reached[s] ?? 0;
    const scope = { chain: chain.code };

    return {
      chain: chainRef(chain),
      year: period.year,
      month: period.month,
      asOf: period.asOf,
      window: period.window,
      plan: state === 'published' ? null : planMissing(period.year, state),
      figures: chainFigures(chain, rows, targets.get(chain.id) ?? null, period),
      trend: trendSeries(chain, rows),
      funnel,
      conversions: STAGES.slice(0, -1).map((from, i): StageConversionView => {
        const to = STAGES[i + 1];
        const a = reachedOf(from);
        const b = reachedOf(to);
        return { from, to, reachedFrom: a, reachedTo: b, rate: a ? percent(b, a) : null };
      }),
      stageDurations: STAGES.map((stage) => {
        const done = history.completed[stage];
        const now = current.find((r) => r.stage === stage);
        return {
          stage,
          completedStays: done?.n ?? 0,
          medianDaysCompleted: done?.median ?? null,
          current: now?.current ?? 0,
          medianDaysCurrent: now?.current_median ?? null,
        };
      }),
      stuck: stuck.map((r) => ({ project: toProjectRef(r), since: r.since, days: r.days })),
      stuckQuery: {
        ...scope,
        status: ['active'],
        stage: STAGES.filter((s) => s !== 'production'),
        sort: 'stageEnteredAt',
        order: 'asc',
      },
      majorProjects: major.map(toProjectRef),
      majorQuery: { ...scope, major: true, status: ['active', 'paused'] },
      overdueFollowUps: overdue.map((r) => ({
        project: toProjectRef(r),
        dueOn: r.due_on,
        daysOverdue: r.days,
        lastActivityOn: r.last_activity_on,
      })),
      overdueCount: overdueCount[0]?.n ?? 0,
      overdueQuery: { ...scope, followUpOverdue: true, sort: 'nextFollowUpOn', order: 'asc' },
      reports: reports.map(toReportView).sort(
        (a, b) => Number(b.isLead) - Number(a.isLead) || a.role.localeCompare(b.role) * -1 || a.unit.id - b.unit.id,
      ),
      keyTasks: keyTasks.map((r) => toKeyTaskView(r, progress.find((p) => p.id === r.id))),
      alerts,
      alertCounts,
      alertQueries: alertQueries(chain, settings, alertsAsOf),
      instructions,
      openInstructions: open.open,
      openInstructionCount: open.count,
      mapGaps: gaps && gaps.map((g) => ({ linkId: g.linkId, name: g.linkName, status: g.status as 'weak' | 'missing', kind: g.kind })),
      blockedByNeeds: blocked,
    };
  }
}

interface CurrentStayRow {
  stage: Stage;
  current: number;
  current_median: number | null;
}

interface ReportRow {
  unit_id: number;
  unit_name: string;
  role: ChainUnitRole;
  is_lead: boolean;
  period: string | null;
  state: MonthlyReportState | null;
  submitted_at: Date | null;
  late: boolean | null;
  work_done: string | null;
  problems: string | null;
  next_month_plan: string | null;
}

interface KeyTaskRow {
  id: number;
  seq: number;
  text: string;
  project_count: number;
  active_count: number;
  furthest: Stage | null;
  signed: string;
  funds: string;
  stages: Stage[];
}

/** b / a × 100 with two decimals, rounded half up, from integers. */
function percent(b: number, a: number): string {
  const hundredths = Math.floor((b * 10000 * 2 + a) / (2 * a));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

function toReportView(r: ReportRow): UnitReportNarrativeView {
  return {
    unit: { id: r.unit_id, name: r.unit_name },
    role: r.role,
    isLead: r.is_lead,
    period: r.period,
    state: r.state,
    submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
    late: r.late,
    workDone: r.work_done ?? '',
    problems: r.problems ?? '',
    nextMonthPlan: r.next_month_plan ?? '',
  };
}

/** A key task's linked projects, with its milestones and goals as keyTaskProgress reads them. */
function toKeyTaskView(r: KeyTaskRow, p: KeyTaskProgress | undefined): KeyTaskProgressView {
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const s of r.stages) byStage[s]++;
  return {
    id: r.id,
    seq: r.seq,
    text: r.text,
    units: p?.units ?? [],
    milestones: p?.milestones ?? [],
    goals: p?.goals ?? [],
    done: p?.done ?? 0,
    onTrack: p?.onTrack ?? 0,
    behind: p?.behind ?? 0,
    projectCount: r.project_count,
    activeCount: r.active_count,
    byStage,
    furthestStage: r.furthest,
    signedAmount: r.signed,
    fundsInPlace: r.funds,
    query: { keyTaskId: r.id },
  };
}
