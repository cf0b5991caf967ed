import { addJobWithin, CLOCK, QueueName, quietQueueErrors, type Clock } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import {
  dueInstant,
  isLateSubmission,
  periodBounds,
  type MonthlyReportDraftInput,
  type MonthlyReportFigures,
  type MonthlyReportReturnInput,
  type MonthlyReportState,
  type MonthlyReportVersionInput,
  type MonthlyReportView,
} from '@crm/domain';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { refuse } from '../common/errors';
import { NotificationService } from '../notifications/notification.service';
import {
  ReportingPeriodService,
  type PeriodRow,
} from '../periods/reporting-period.service';
import {
  ROLL_UP_BUILD_JOB,
  type RollUpBuildJobData,
} from '../roll-up/roll-up-build.job';
import { markRollUpStale } from '../roll-up/roll-up.stale';
import { monthlyFigures } from './monthly-report.figures';

/** The unit's name as it was in the report's period (its last day): a renamed unit keeps its history. */
const COLUMNS = `r.id, r.unit_id,
  unit_name_on(u.id, (to_date(r.period, 'YYYY-MM') + interval '1 month' - interval '1 day')::date) AS unit_name, r.period, r.state, r.work_done, r.problems, r.next_month_plan,
  r.submitted_at, r.late, r.snapshot, r.return_comment, r.version`;

const EDITABLE: MonthlyReportState[] = ['draft', 'returned'];

/**
 * 月报: one per unit per period. Staff of the unit keep a draft (figures live from the pipeline)
 * and submit it; submission freezes the figures as a snapshot and stamps it on time or late. The
 * office returns it for revision with a comment, or accepts it.
 */
@Injectable()
export class MonthlyReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly periods: ReportingPeriodService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectQueue(QueueName.Reporting)
    private readonly queue: Queue<RollUpBuildJobData>,
  ) {
    quietQueueErrors(queue, QueueName.Reporting);
  }

  /**
   * A report's state changed after the period's roll-up was built: the roll-up is marked out of
   * date in the same transaction (markRollUpStale), and once that commits the worker's roll-up
   * build job is asked to rebuild it now (the daily run would catch it too).
   */
  private async rebuildRollUpLater(period: string): Promise<void> {
    const now = this.clock.now();
    // Without Redis the request does not wait (at most 1 s): the roll-up stays marked out of date,
    // and the daily build run catches it up.
    await addJobWithin(
      this.queue,
      ROLL_UP_BUILD_JOB,
      { requestedAt: now.toISOString() },
      {
        jobId: `roll-up-stale-${period}-${now.getTime()}`,
        removeOnComplete: 1000,
        removeOnFail: 1000,
      },
    ).catch(() => undefined);
  }

  /** The user's unit's report for the period; an unsaved draft (id null, version 0) if none yet. */
  async mine(user: AuthUser, period: string): Promise<MonthlyReportView> {
    const unitId = this.unitOf(user);
    await this.openPeriod(period, this.dataSource.manager);
    const row = await this.row(
      this.dataSource.manager,
      'r.unit_id = $1 AND r.period = $2',
      [unitId, period],
    );
    if (row) return this.view(row);
    const [unit] = await this.dataSource.query(
      `SELECT unit_name_on(id, $2::date) AS name FROM unit WHERE id = $1`,
      [unitId, periodBounds(period).lastDay],
    );
    return this.view({
      id: null,
      unit_id: unitId,
      unit_name: unit.name,
      period,
      state: 'draft',
      work_done: '',
      problems: '',
      next_month_plan: '',
      submitted_at: null,
      late: null,
      snapshot: null,
      return_comment: null,
      version: 0,
    });
  }

  /** Saves the narrative of a draft (or of a report returned for revision). */
  async saveDraft(
    user: AuthUser,
    period: string,
    input: MonthlyReportDraftInput,
  ): Promise<MonthlyReportView> {
    const unitId = this.unitOf(user);
    await this.dataSource.transaction(async (tx) => {
      await this.openPeriod(period, tx, true);
      const before = await this.row(
        tx,
        'r.unit_id = $1 AND r.period = $2',
        [unitId, period],
        true,
      );
      if ((before?.version ?? 0) !== input.version)
        throw refuse.stale(before ? await this.view(before) : null);
      if (before && !EDITABLE.includes(before.state)) throw frozen();
      const now = this.clock.now();
      let id = before?.id;
      if (before) {
        await tx.query(
          `UPDATE monthly_report SET work_done = $3, problems = $4, next_month_plan = $5, version = version + 1, updated_at = $6
           WHERE unit_id = $1 AND period = $2`,
          [
            unitId,
            period,
            input.workDone,
            input.problems,
            input.nextMonthPlan,
            now,
          ],
        );
      } else {
        [{ id }] = await tx.query(
          `INSERT INTO monthly_report (unit_id, period, work_done, problems, next_month_plan, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
          [
            unitId,
            period,
            input.workDone,
            input.problems,
            input.nextMonthPlan,
            now,
          ],
        );
      }
      const narrative = {
        workDone: input.workDone,
        problems: input.problems,
        nextMonthPlan: input.nextMonthPlan,
      };
      await this.audit.record(tx, user, {
        action: before ? 'update' : 'create',
        entityType: 'monthly_report',
        entityId: id as string,
        before: before
          ? {
              workDone: before.work_done,
              problems: before.problems,
              nextMonthPlan: before.next_month_plan,
            }
          : null,
        after: narrative,
      });
    });
    return this.mine(user, period);
  }

  /**
   * Submits the report: the month's figures are frozen into the snapshot, and the submission is
   * stamped with its time and whether it was late (against the unit's extension, if any). A
   * resubmission after a return keeps the first stamp's lateness: the revision was asked for.
   */
  async submit(
    user: AuthUser,
    period: string,
    input: MonthlyReportVersionInput,
  ): Promise<MonthlyReportView> {
    const unitId = this.unitOf(user);
    const stale = await this.dataSource.transaction(async (tx) => {
      await this.openPeriod(period, tx, true);
      const before = await this.row(
        tx,
        'r.unit_id = $1 AND r.period = $2',
        [unitId, period],
        true,
      );
      if (!before || before.version !== input.version)
        throw refuse.stale(before ? await this.view(before) : null);
      if (!EDITABLE.includes(before.state)) throw frozen();
      if (!before.work_done.trim()) {
        throw refuse.rule(
          '提交前请填写工作开展情况',
          'Describe the work done before submitting',
        );
      }
      const now = this.clock.now();
      const late =
        before.late ??
        isLateSubmission(
          period,
          now,
          await this.periods.extensionOf(period, unitId, tx),
        );
      const snapshot = await monthlyFigures(tx, unitId, period, now);
      await tx.query(
        `UPDATE monthly_report SET state = 'submitted', submitted_at = $3, submitted_by = $4, late = $5, snapshot = $6,
           version = version + 1, updated_at = $3 WHERE unit_id = $1 AND period = $2`,
        [unitId, period, now, user.id, late, JSON.stringify(snapshot)],
      );
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'monthly_report',
        entityId: before.id as string,
        before: { state: before.state },
        after: { state: 'submitted', submittedAt: now.toISOString(), late },
      });
      return markRollUpStale(tx, period, now);
    });
    if (stale) await this.rebuildRollUpLater(period);
    return this.mine(user, period);
  }

  /**
   * Every unit owing the period's report (reporting_units_on its last day: 责任单位 of a chain
   * then, or responsible for a key task of the year's published plan) and any that reported, with
   * its report and the name it had then, for the office.
   */
  async listForPeriod(period: string): Promise<MonthlyReportView[]> {
    await this.openPeriod(period, this.dataSource.manager);
    const rows: ReportRow[] = await this.dataSource.query(
      `SELECT coalesce(r.id, NULL) AS id, u.id AS unit_id, unit_name_on(u.id, $2::date) AS unit_name, $1::text AS period,
              coalesce(r.state, 'draft') AS state, coalesce(r.work_done, '') AS work_done, coalesce(r.problems, '') AS problems,
              coalesce(r.next_month_plan, '') AS next_month_plan, r.submitted_at, r.late, r.snapshot, r.return_comment,
              coalesce(r.version, 0) AS version
       FROM unit u LEFT JOIN monthly_report r ON r.unit_id = u.id AND r.period = $1
       WHERE u.id IN (SELECT ru.unit_id FROM reporting_units_on($2::date) ru)
          OR r.id IS NOT NULL
       ORDER BY unit_name, u.id`,
      [period, periodBounds(period).lastDay],
    );
    const empty: MonthlyReportFigures = {
      takenAt: this.clock.now().toISOString(),
      chains: [],
    };
    // The list shows states; live figures of every draft are left to the report itself.
    return Promise.all(
      rows.map((r) => this.view(r, r.snapshot ? undefined : empty)),
    );
  }

  async get(id: string): Promise<MonthlyReportView> {
    const row = await this.row(this.dataSource.manager, 'r.id = $1', [id]);
    if (!row) throw refuse.notFound('该月报', `monthly report ${id}`);
    return this.view(row);
  }

  /** 退回修改: back to the unit with a comment; its staff are told. */
  async returnForRevision(
    user: AuthUser,
    id: string,
    input: MonthlyReportReturnInput,
  ): Promise<MonthlyReportView> {
    return this.review(user, id, input.version, 'returned', input.comment);
  }

  /** 审核通过. */
  async accept(
    user: AuthUser,
    id: string,
    input: MonthlyReportVersionInput,
  ): Promise<MonthlyReportView> {
    return this.review(user, id, input.version, 'accepted', null);
  }

  private async review(
    user: AuthUser,
    id: string,
    version: number,
    state: 'returned' | 'accepted',
    comment: string | null,
  ): Promise<MonthlyReportView> {
    const stale = await this.dataSource.transaction(async (tx) => {
      const before = await this.row(tx, 'r.id = $1', [id], true);
      if (!before) throw refuse.notFound('该月报', `monthly report ${id}`);
      if (before.version !== version)
        throw refuse.stale(await this.view(before));
      const period = await this.periods.find(before.period, tx);
      if (period?.locked)
        throw refuse.rule('该报告期已锁定', 'The period is locked');
      if (before.state !== 'submitted') {
        throw refuse.rule(
          '只有已提交的月报可以退回或通过',
          'Only a submitted report can be returned or accepted',
        );
      }
      const now = this.clock.now();
      await tx.query(
        `UPDATE monthly_report SET state = $2, return_comment = $3, reviewed_by = $4, reviewed_at = $5,
           version = version + 1, updated_at = $5 WHERE id = $1`,
        [id, state, comment, user.id, now],
      );
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'monthly_report',
        entityId: id,
        before: { state: before.state },
        after: { state, returnComment: comment },
      });
      const staff = await unitStaff(tx, before.unit_id);
      await this.notifications.notify(tx, staff, {
        kind: state === 'returned' ? 'report-returned' : 'report-accepted',
        title:
          state === 'returned'
            ? `${before.period} 月报被退回修改 / Your ${before.period} report was returned for revision`
            : `${before.period} 月报已审核通过 / Your ${before.period} report was accepted`,
        body: comment ?? '',
        link: `/reports/${before.period}`,
      });
      return (await markRollUpStale(tx, before.period, now))
        ? before.period
        : null;
    });
    if (stale) await this.rebuildRollUpLater(stale);
    return this.get(id);
  }

  private unitOf(user: AuthUser): number {
    if (user.unitId == null) throw refuse.noUnit();
    return user.unitId;
  }

  /** The period, which must have opened; for a change, it must not be locked either. */
  private async openPeriod(
    period: string,
    manager: EntityManager,
    forChange = false,
  ): Promise<PeriodRow> {
    const row = await this.periods.find(period, manager);
    if (!row || row.opens_at > this.clock.now()) {
      throw refuse.rule(
        `${period} 报告期尚未开放`,
        `The reporting period ${period} is not open yet`,
      );
    }
    if (forChange && row.locked)
      throw refuse.rule('该报告期已锁定', 'The period is locked');
    return row;
  }

  private async row(
    manager: EntityManager,
    where: string,
    params: unknown[],
    forUpdate = false,
  ): Promise<ReportRow | null> {
    const [row] = await manager.query(
      `SELECT ${COLUMNS} FROM monthly_report r JOIN unit u ON u.id = r.unit_id WHERE ${where}${forUpdate ? ' FOR UPDATE OF r' : ''}`,
      params,
    );
    return row ?? null;
  }

  private async view(
    r: ReportRow,
    figures?: MonthlyReportFigures,
  ): Promise<MonthlyReportView> {
    const extension = await this.periods.extensionOf(r.period, r.unit_id);
    return {
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      period: r.period,
      state: r.state,
      dueAt: dueInstant(r.period, extension).toISOString(),
      submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
      late: r.late,
      returnComment: r.return_comment,
      workDone: r.work_done,
      problems: r.problems,
      nextMonthPlan: r.next_month_plan,
      figures:
        r.snapshot ??
        figures ??
        (await monthlyFigures(
          this.dataSource.manager,
          r.unit_id,
          r.period,
          this.clock.now(),
        )),
      version: r.version,
    };
  }
}

/** The active staff users of a unit: who fills in and is reminded of its report. */
export async function unitStaff(
  manager: EntityManager,
  unitId: number,
): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM app_user WHERE unit_id = $1 AND active AND 'staff' = ANY(roles) ORDER BY id`,
    [unitId],
  );
  return rows.map((r) => r.id);
}

function frozen() {
  return refuse.rule(
    '月报已提交，不能再修改',
    'The report is submitted and can no longer be changed',
  );
}

interface ReportRow {
  id: string | null;
  unit_id: number;
  unit_name: string;
  period: string;
  state: MonthlyReportState;
  work_done: string;
  problems: string;
  next_month_plan: string;
  submitted_at: Date | null;
  late: boolean | null;
  snapshot: MonthlyReportFigures | null;
  return_comment: string | null;
  version: number;
}
