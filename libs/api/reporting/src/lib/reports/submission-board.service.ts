import { AuditService } from '@crm/api/audit';
import { hasRole, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import {
  addPeriods,
  defaultOpensAt,
  dueInstant,
  periodBounds,
  periodLockableFrom,
  statWindow,
  type StatCutoffs,
  type MonthlyReportState,
  type RemindUnitInput,
  type RemindUnitResult,
  type SubmissionBoardCell,
  type SubmissionBoardView,
  type SubmissionCellState,
} from '@crm/domain';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readStatCutoffs } from '@crm/api/pipeline';
import { refuse } from '../common/errors';
import { NotificationService } from '../notifications/notification.service';
import { ReportingPeriodService } from '../periods/reporting-period.service';
import { reminderNotice } from '../reminders/monthly-reminder.service';
import { unitStaff } from './monthly-report.service';

/** The widest board: two years of months. */
export const BOARD_MAX_MONTHS = 24;

const REMINDABLE: SubmissionCellState[] = [
  'not-due',
  'draft',
  'missing',
  'returned',
];

interface ReportCell {
  id: string;
  unit_id: number;
  period: string;
  state: MonthlyReportState;
  submitted_at: Date | null;
  late: boolean | null;
}

/**
 * 报送情况: the office's board of units × months, and 一键催报 of one unit. States are computed
 * from the clock: a month not yet due shows what the unit has (nothing, or a draft); once due, a
 * unit without a submission is missing.
 */
@Injectable()
export class SubmissionBoardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly periods: ReportingPeriodService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async board(
    user: AuthUser,
    from: string,
    to: string,
  ): Promise<SubmissionBoardView> {
    const months = monthsBetween(from, to);
    const now = this.clock.now();
    const office = hasRole(user, 'office', 'admin');
    // The units owing a report in any month of the range (reporting_units_on each month's last
    // day), under the name they had at the range's end. Leaders see those of the chains they lead;
    // the office sees them all, and a unit that has reported in the range though it owes no more.
    const units: { id: number; name: string }[] = await this.dataSource.query(
      `SELECT u.id, unit_name_on(u.id, $6::date) AS name FROM unit u
       WHERE EXISTS (SELECT 1 FROM unnest($5::date[]) AS m(day) CROSS JOIN LATERAL reporting_units_on(m.day) ru
                     WHERE ru.unit_id = u.id AND ($1 OR ru.chain_id = ANY($2::int[])))
          OR ($1 AND EXISTS (SELECT 1 FROM monthly_report r WHERE r.unit_id = u.id AND r.period BETWEEN $3 AND $4))
       ORDER BY name, u.id`,
      [
        office,
        user.chainIds,
        from,
        to,
        months.map((m) => periodBounds(m).lastDay),
        periodBounds(to).lastDay,
      ],
    );
    const unitIds = units.map((u) => u.id);
    const [reports, extensions, periodRows, reminded, accounts] = await Promise.all([
      this.dataSource.query(
        `SELECT id, unit_id, period, state, submitted_at, late FROM monthly_report
         WHERE period BETWEEN $1 AND $2 AND unit_id = ANY($3::int[])`,
        [from, to, unitIds],
      ) as Promise<ReportCell[]>,
      this.dataSource.query(
        `SELECT unit_id, period, to_char(extended_to, 'YYYY-MM-DD') AS extended_to FROM unit_deadline_extension
         WHERE period BETWEEN $1 AND $2 AND unit_id = ANY($3::int[])`,
        [from, to, unitIds],
      ) as Promise<{ unit_id: number; period: string; extended_to: string }[]>,
      this.dataSource.query(
        `SELECT period, opens_at, locked, version FROM reporting_period WHERE period BETWEEN $1 AND $2`,
        [from, to],
      ) as Promise<{ period: string; opens_at: Date; locked: boolean; version: number }[]>,
      this.dataSource.query(
        `SELECT unit_id, period, max(sent_at) AS at FROM reminder_sent
         WHERE period BETWEEN $1 AND $2 AND unit_id = ANY($3::int[]) AND recipients > 0
         GROUP BY unit_id, period`,
        [from, to, unitIds],
      ) as Promise<{ unit_id: number; period: string; at: Date }[]>,
      // Who could hear a reminder: the same accounts 一键催报 notifies (unitStaff).
      this.dataSource.query(
        `SELECT unit_id, count(*)::int AS n FROM app_user
         WHERE unit_id = ANY($1::int[]) AND active AND 'staff' = ANY(roles) GROUP BY unit_id`,
        [unitIds],
      ) as Promise<{ unit_id: number; n: number }[]>,
    ]);
    const staffAccounts = new Map(accounts.map((a) => [a.unit_id, a.n]));
    const key = (unitId: number, period: string) => `${unitId}|${period}`;
    const reportOf = new Map(reports.map((r) => [key(r.unit_id, r.period), r]));
    const extensionOf = new Map(
      extensions.map((e) => [key(e.unit_id, e.period), e.extended_to]),
    );
    const remindedAt = new Map(
      reminded.map((r) => [key(r.unit_id, r.period), r.at]),
    );
    // The office's cut-offs of the years shown (a board spans a year's turn at most).
    const years = [...new Set(months.map((m) => m.slice(0, 4)))];
    const cutoffs: StatCutoffs = Object.assign(
      {},
      ...(await Promise.all(years.map((y) => readStatCutoffs(this.dataSource.manager, y)))),
    );
    const periods = months.map((period) => {
      const row = periodRows.find((p) => p.period === period);
      return {
        period,
        dueAt: dueInstant(period).toISOString(),
        opened: row ? row.opens_at <= now : now >= defaultOpensAt(period),
        locked: row?.locked ?? false,
        lockableFrom: periodLockableFrom(period, cutoffs).toISOString(),
        window: statWindow(period, cutoffs),
        version: row?.version ?? null,
      };
    });
    const mayRemind = hasRole(user, 'office');
    return {
      from,
      to,
      asOf: now.toISOString(),
      periods,
      rows: units.map((u) => ({
        unitId: u.id,
        unitName: u.name,
        staffAccounts: staffAccounts.get(u.id) ?? 0,
        cells: periods.map((p): SubmissionBoardCell => {
          const report = reportOf.get(key(u.id, p.period)) ?? null;
          const extendedTo = extensionOf.get(key(u.id, p.period)) ?? null;
          const due = dueInstant(p.period, extendedTo);
          const state = cellState(report, now >= due);
          const last = remindedAt.get(key(u.id, p.period));
          return {
            period: p.period,
            state,
            reportId: report?.id ?? null,
            hasDraft: report?.state === 'draft',
            submittedAt: report?.submitted_at?.toISOString() ?? null,
            late: report?.late ?? null,
            dueAt: due.toISOString(),
            extendedTo,
            lastRemindedAt: last ? last.toISOString() : null,
            canRemind:
              mayRemind &&
              p.opened &&
              !p.locked &&
              REMINDABLE.includes(state) &&
              (staffAccounts.get(u.id) ?? 0) > 0,
          };
        }),
      })),
    };
  }

  /**
   * 一键催报: notifies the unit's staff now (in-app; the worker sends the e-mail and group-robot
   * copies within a minute). Refused when the unit has submitted, the period is locked or not open,
   * or the unit was reminded by hand in this very minute (a double click).
   */
  async remind(
    user: AuthUser,
    input: RemindUnitInput,
  ): Promise<RemindUnitResult> {
    const { unitId, period } = input;
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      // A unit owing the period's report, under the name it had then.
      const [unit] = await tx.query(
        `SELECT u.id, unit_name_on(u.id, $2::date) AS name FROM unit u WHERE u.id = $1
           AND u.id IN (SELECT ru.unit_id FROM reporting_units_on($2::date) ru)`,
        [unitId, periodBounds(period).lastDay],
      );
      if (!unit)
        throw refuse.notFound('该责任单位', `reporting unit ${unitId}`);
      const row = await this.periods.find(period, tx);
      if (!row || row.opens_at > now) {
        throw refuse.rule(
          `${period} 报告期尚未开放，无需催报`,
          `The reporting period ${period} is not open yet`,
        );
      }
      if (row.locked) {
        throw refuse.rule(
          `${period} 报告期已锁定，不能再催报`,
          `The period ${period} is locked; there is nothing to remind of`,
        );
      }
      const [report] = await tx.query(
        `SELECT state, submitted_at FROM monthly_report WHERE unit_id = $1 AND period = $2 FOR SHARE`,
        [unitId, period],
      );
      if (
        report &&
        (report.state === 'submitted' || report.state === 'accepted')
      ) {
        throw refuse.rule(
          `${unit.name}已于 ${localTime(report.submitted_at)} 报送 ${period} 月报，无需催报`,
          `${unit.name} already submitted its ${period} report`,
        );
      }
      const kind = `manual-${localTime(now).replace(/[^0-9]/g, '')}`;
      const claimed = await tx.query(
        `INSERT INTO reminder_sent (unit_id, period, kind, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (unit_id, period, kind) DO NOTHING RETURNING unit_id`,
        [unitId, period, kind, now],
      );
      if (!claimed.length) {
        throw new ConflictException({
          statusCode: 409,
          message: `刚刚已催报${unit.name}，请稍后再试 / ${unit.name} was reminded a moment ago`,
        });
      }
      const staff = await unitStaff(tx, unitId);
      if (!staff.length) {
        throw refuse.rule(
          `${unit.name}没有在岗的填报人员账号，无法催报`,
          `${unit.name} has no active staff account to remind`,
        );
      }
      const extendedTo = await this.periods.extensionOf(period, unitId, tx);
      const recipients = await this.notifications.notify(
        tx,
        staff,
        reminderNotice(
          unit.name,
          period,
          dueInstant(period, extendedTo),
          report?.state === 'returned',
        ),
      );
      await tx.query(
        `UPDATE reminder_sent SET recipients = $4 WHERE unit_id = $1 AND period = $2 AND kind = $3`,
        [unitId, period, kind, recipients],
      );
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'report_reminder',
        entityId: `${unitId}/${period}/${kind}`,
        before: null,
        after: { unitId, unitName: unit.name, period, recipients },
      });
      return { unitId, period, recipients, sentAt: now.toISOString() };
    });
  }
}

function cellState(
  report: ReportCell | null,
  due: boolean,
): SubmissionCellState {
  switch (report?.state) {
    case 'submitted':
      return report.late ? 'late' : 'on-time';
    case 'returned':
      return 'returned';
    case 'accepted':
      return 'accepted';
    default:
      if (due) return 'missing';
      return report ? 'draft' : 'not-due';
  }
}

/** The months from..to, inclusive; refused when reversed or wider than BOARD_MAX_MONTHS. */
export function monthsBetween(from: string, to: string): string[] {
  if (from > to) {
    throw new BadRequestException({
      statusCode: 400,
      message: '起始月份不能晚于结束月份 / from must not be after to',
      errors: {
        from: ['起始月份不能晚于结束月份 / from must not be after to'],
      },
    });
  }
  const months = [from];
  while (months[months.length - 1] < to) {
    if (months.length === BOARD_MAX_MONTHS) {
      throw new BadRequestException({
        statusCode: 400,
        message: `最多查看 ${BOARD_MAX_MONTHS} 个月 / At most ${BOARD_MAX_MONTHS} months at once`,
        errors: {
          to: [
            `最多查看 ${BOARD_MAX_MONTHS} 个月 / At most ${BOARD_MAX_MONTHS} months at once`,
          ],
        },
      });
    }
    months.push(addPeriods(months[months.length - 1], 1));
  }
  return months;
}

/** YYYY-MM-DD HH:mm in Shanghai time. */
function localTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}
