import {
  defaultOpensAt,
  DEFAULT_REMINDER_SCHEDULE,
  dueInstant,
  dueReminders,
  periodBounds,
  type DueReminder,
  type ReminderSchedule,
} from '@crm/domain';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { recentPeriods } from '../common/recent-periods';
import { NotificationService } from '../notifications/notification.service';
import { unitStaff } from '../reports/monthly-report.service';

/** Injection token of the configured ReminderSchedule (DEFAULT_REMINDER_SCHEDULE when absent). */
export const REMINDER_SCHEDULE = Symbol('ReminderSchedule');

/**
 * How far back a run catches up: a reminder that fell due longer ago than this (say, on a new
 * installation, or after a month-long outage) is no longer news and is not sent.
 */
export const CATCH_UP_LIMIT_MS = 7 * 24 * 3600_000;

export interface ReminderSent {
  unitId: number;
  period: string;
  kind: string;
  recipients: number;
}

interface PendingUnit {
  unit_id: number;
  unit_name: string;
  extended_to: string | null;
}

/**
 * 催报 and 逾期提醒. Each run works out from the clock which reminders have fallen due for every
 * reporting unit that has not submitted, and sends those not yet sent: a run after an outage
 * catches up, and a second run (or a second worker) finds reminder_sent's key taken and sends
 * nothing. The key and the notifications are written in one transaction, so a reminder is
 * recorded sent exactly when its notifications exist.
 */
@Injectable()
export class MonthlyReminderService {
  private readonly schedule: ReminderSchedule;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    @Optional() @Inject(REMINDER_SCHEDULE) schedule?: ReminderSchedule,
  ) {
    this.schedule = schedule ?? DEFAULT_REMINDER_SCHEDULE;
  }

  async run(now: Date): Promise<ReminderSent[]> {
    const sent: ReminderSent[] = [];
    // The previous month too: its escalation (the 26th) may have fallen in an outage that ran
    // into this month, and an extension may run past the month's end (into the month after).
    for (const period of await recentPeriods(this.dataSource.manager, now)) {
      if (!(await this.periodOpen(period, now))) continue;
      for (const unit of await this.pendingUnits(period)) {
        for (const reminder of dueReminders(
          period,
          now,
          unit.extended_to,
          this.schedule,
        )) {
          if (now.getTime() - reminder.at.getTime() > CATCH_UP_LIMIT_MS)
            continue;
          const result = await this.send(period, unit, reminder, now);
          if (result) sent.push(result);
        }
      }
    }
    return sent;
  }

  /** The period exists (created with its defaults once its month began), is open and not locked. */
  private async periodOpen(period: string, now: Date): Promise<boolean> {
    if (now >= defaultOpensAt(period)) {
      await this.dataSource.query(
        `INSERT INTO reporting_period (period, opens_at, due_at, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (period) DO NOTHING`,
        [period, defaultOpensAt(period), dueInstant(period), now],
      );
    }
    const [row] = await this.dataSource.query(
      `SELECT opens_at, locked FROM reporting_period WHERE period = $1`,
      [period],
    );
    return !!row && !row.locked && row.opens_at <= now;
  }

  /**
   * The units that owe the period's report (reporting_units_on its last day: 责任单位 of a chain
   * then, or responsible for a key task of the year's published plan) without a submitted one,
   * under the name they had then. A report returned for revision counts as submitted: the office
   * has it in hand and the unit was told.
   */
  private pendingUnits(
    period: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PendingUnit[]> {
    return manager.query(
      `SELECT u.id AS unit_id, unit_name_on(u.id, $2::date) AS unit_name, to_char(e.extended_to, 'YYYY-MM-DD') AS extended_to
       FROM unit u LEFT JOIN unit_deadline_extension e ON e.unit_id = u.id AND e.period = $1
       WHERE u.id IN (SELECT ru.unit_id FROM reporting_units_on($2::date) ru)
         AND NOT EXISTS (SELECT 1 FROM monthly_report r WHERE r.unit_id = u.id AND r.period = $1 AND r.state <> 'draft')
       ORDER BY u.id`,
      [period, periodBounds(period).lastDay],
    );
  }

  private async send(
    period: string,
    unit: PendingUnit,
    reminder: DueReminder,
    now: Date,
  ): Promise<ReminderSent | null> {
    return this.dataSource.transaction(async (tx) => {
      // Taking the key first: a concurrent run waits here and then finds it taken.
      const claimed = await tx.query(
        `INSERT INTO reminder_sent (unit_id, period, kind, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (unit_id, period, kind) DO NOTHING RETURNING unit_id`,
        [unit.unit_id, period, reminder.kind, now],
      );
      if (!claimed.length) return null;
      // Submitted since the list was read: the key stays taken, nothing goes out.
      const [submitted] = await tx.query(
        `SELECT 1 FROM monthly_report WHERE unit_id = $1 AND period = $2 AND state <> 'draft'`,
        [unit.unit_id, period],
      );
      if (submitted) return null;
      const due = dueInstant(period, unit.extended_to);
      const recipients = reminder.escalation
        ? await escalationRecipients(tx, unit.unit_id, periodBounds(period).lastDay)
        : await unitStaff(tx, unit.unit_id);
      const n = await this.notifications.notify(
        tx,
        recipients,
        reminder.escalation
          ? escalation(period, unit)
          : reminderNotice(unit.unit_name, period, due),
      );
      await tx.query(
        `UPDATE reminder_sent SET recipients = $4 WHERE unit_id = $1 AND period = $2 AND kind = $3`,
        [unit.unit_id, period, reminder.kind, n],
      );
      return {
        unitId: unit.unit_id,
        period,
        kind: reminder.kind,
        recipients: n,
      };
    });
  }
}

/**
 * The office and the 责任领导 (through their user accounts), on the period's last day (`day`), of
 * the chains the unit reports on then: those it serves and those it has a key-task duty in.
 */
async function escalationRecipients(
  manager: EntityManager,
  unitId: number,
  day: string,
): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT DISTINCT a.id FROM app_user a
     WHERE a.active AND ('office' = ANY(a.roles) OR a.person_id IN (
       SELECT l.person_id FROM chain_leaders_on($2::date) l
       WHERE l.role = 'responsible' AND l.chain_id IN (
         SELECT cu.chain_id FROM chain_units_on($2::date) cu WHERE cu.unit_id = $1
         UNION
         SELECT kt.chain_id FROM key_task_units_on($2::date) kt WHERE kt.unit_id = $1)))
     ORDER BY a.id`,
    [unitId, day],
  );
  return rows.map((r) => r.id);
}

const shanghaiTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000 - 1).toISOString().slice(0, 10);

/**
 * 催报: to the unit's staff, naming the unit and its deadline (the last day, to its end). By the
 * schedule, or by hand from the office's board (returned: the report awaits its revision).
 */
export function reminderNotice(
  unitName: string,
  period: string,
  due: Date,
  returned = false,
) {
  const last = shanghaiTime(due);
  return {
    kind: 'report-reminder' as const,
    title: `${unitName}：请于 ${last} 24时前报送 ${period} 月报 / Submit your ${period} monthly report by the end of ${last}`,
    body: returned
      ? `${unitName} ${period} 月报已退回修改，请修改后于 ${last} 24时前重新提交。/ The ${period} report of ${unitName} was returned for revision; resubmit it by the end of ${last}.`
      : `${unitName} ${period} 月报尚未提交，截止时间为 ${last} 24时。/ ${unitName} has not yet submitted its ${period} monthly report; the deadline is the end of ${last}.`,
    link: `/reports/${period}`,
  };
}

function escalation(period: string, unit: PendingUnit) {
  return {
    kind: 'report-escalation' as const,
    title: `${unit.unit_name} ${period} 月报逾期未报 / ${unit.unit_name} has not submitted its ${period} report`,
    body: `${unit.unit_name}未在截止时间前提交 ${period} 月报，请督促。/ ${unit.unit_name} missed the ${period} deadline; please follow up.`,
    link: `/reports?period=${period}`,
  };
}
