import { CLOCK, staleRecord, type Clock } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import {
  defaultOpensAt,
  documentDate,
  dueInstant,
  extensionProblem,
  parsePeriod,
  addPeriods,
  cutoffProblem,
  periodLockableFrom,
  statWindow,
  type ExtendDeadlineInput,
  type SetCutoffInput,
  type OpenPeriodInput,
  type ReportingPeriodView,
} from '@crm/domain';
import { BadRequestException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { refuse } from '../common/errors';
import { takeRollUpSnapshot } from '../roll-up/roll-up.snapshot';
import { markRollUpStale } from '../roll-up/roll-up.stale';
import { readStatCutoffs } from '@crm/api/pipeline';

export interface PeriodRow {
  period: string;
  opens_at: Date;
  due_at: Date;
  locked: boolean;
  version: number;
}

/**
 * 报告期: one per month. A period comes into being on its own when its month begins (so nobody has
 * to remember to open it); the office may open one early, extend a unit's deadline, and lock it.
 */
@Injectable()
export class ReportingPeriodService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<ReportingPeriodView[]> {
    const rows: PeriodRow[] = await this.dataSource.query(
      `SELECT period, opens_at, due_at, locked, version FROM reporting_period ORDER BY period DESC LIMIT 36`,
    );
    return Promise.all(rows.map((r) => this.view(r)));
  }

  /** The period's row, created with its defaults once its month has begun; null before that. */
  async find(
    period: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PeriodRow | null> {
    if (this.clock.now() >= defaultOpensAt(period)) {
      await manager.query(
        `INSERT INTO reporting_period (period, opens_at, due_at, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (period) DO NOTHING`,
        [period, defaultOpensAt(period), dueInstant(period), this.clock.now()],
      );
    }
    const [row] = await manager.query(
      `SELECT period, opens_at, due_at, locked, version FROM reporting_period WHERE period = $1`,
      [period],
    );
    return row ?? null;
  }

  /** The unit's extended due date for the period, if the office granted one. */
  async extensionOf(
    period: string,
    unitId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const [row] = await manager.query(
      `SELECT to_char(extended_to, 'YYYY-MM-DD') AS extended_to FROM unit_deadline_extension WHERE period = $1 AND unit_id = $2`,
      [period, unitId],
    );
    return row?.extended_to ?? null;
  }

  async get(period: string): Promise<ReportingPeriodView> {
    const row = await this.find(period);
    if (!row) throw refuse.notFound('该报告期', `reporting period ${period}`);
    return this.view(row);
  }

  /** Opens a period, early if asked: opensAt defaults to now. An open period may be opened earlier still. */
  async open(
    user: AuthUser,
    input: OpenPeriodInput,
  ): Promise<ReportingPeriodView> {
    const period = input.period;
    if (!parsePeriod(period))
      throw new BadRequestException(
        '报告期应为 YYYY-MM 格式 / The period must be written YYYY-MM',
      );
    const opensAt = input.opensAt ? new Date(input.opensAt) : this.clock.now();
    if (opensAt >= dueInstant(period)) {
      throw refuse.rule(
        '开放时间应早于截止时间',
        'A period must open before it is due',
      );
    }
    await this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(
        `SELECT opens_at, locked FROM reporting_period WHERE period = $1 FOR UPDATE`,
        [period],
      );
      if (before?.locked)
        throw refuse.rule('该报告期已锁定', 'The period is locked');
      if (before && before.opens_at <= opensAt) return;
      await tx.query(
        `INSERT INTO reporting_period (period, opens_at, due_at, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (period) DO UPDATE SET opens_at = EXCLUDED.opens_at, version = reporting_period.version + 1`,
        [period, opensAt, dueInstant(period), this.clock.now()],
      );
      await this.audit.record(tx, user, {
        action: before ? 'update' : 'create',
        entityType: 'reporting_period',
        entityId: period,
        before: before ? { opensAt: before.opens_at } : null,
        after: { opensAt },
      });
    });
    return this.get(period);
  }

  /** Gives one unit a later due date for the period, with the reason; a second grant replaces the first. */
  async extend(
    user: AuthUser,
    period: string,
    input: ExtendDeadlineInput,
  ): Promise<ReportingPeriodView> {
    const problem = extensionProblem(period, input.extendedTo);
    if (problem) {
      throw new BadRequestException({
        statusCode: 400,
        message: problem,
        errors: { extendedTo: [problem] },
      });
    }
    await this.dataSource.transaction(async (tx) => {
      const row = await this.lockedRow(tx, period);
      if (input.version !== undefined && input.version !== row.version)
        throw staleRecord('该报告期', await this.view(row, tx));
      if (row.locked)
        throw refuse.rule('该报告期已锁定', 'The period is locked');
      const [unit] = await tx.query(`SELECT id FROM unit WHERE id = $1`, [
        input.unitId,
      ]);
      if (!unit) throw refuse.notFound('该单位', `unit ${input.unitId}`);
      const [before] = await tx.query(
        `SELECT to_char(extended_to, 'YYYY-MM-DD') AS "extendedTo", reason FROM unit_deadline_extension
         WHERE period = $1 AND unit_id = $2`,
        [period, input.unitId],
      );
      await tx.query(
        `INSERT INTO unit_deadline_extension (period, unit_id, extended_to, reason, granted_by, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (period, unit_id) DO UPDATE SET extended_to = EXCLUDED.extended_to, reason = EXCLUDED.reason,
           granted_by = EXCLUDED.granted_by, granted_at = EXCLUDED.granted_at`,
        [
          period,
          input.unitId,
          input.extendedTo,
          input.reason,
          user.id,
          this.clock.now(),
        ],
      );
      await this.audit.record(tx, user, {
        action: before ? 'update' : 'create',
        entityType: 'unit_deadline_extension',
        entityId: `${period}:${input.unitId}`,
        before: before ?? null,
        after: { extendedTo: input.extendedTo, reason: input.reason },
      });
      await tx.query(`UPDATE reporting_period SET version = version + 1 WHERE period = $1`, [period]);
    });
    return this.get(period);
  }

  /**
   * Locks the period: reports can no longer be saved, submitted or returned, and the roll-up's
   * figures are frozen as the month-end snapshot. Refused (422, naming the date) before the
   * period's window has closed (periodLockableFrom).
   */
  async lock(user: AuthUser, period: string, version?: number): Promise<ReportingPeriodView> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.lockedRow(tx, period);
      if (version !== undefined && version !== row.version)
        throw staleRecord('该报告期', await this.view(row, tx));
      if (row.locked) return;
      // The month-end snapshot means something only once the period's window has closed.
      const from = periodLockableFrom(period, await readStatCutoffs(tx, period.slice(0, 4)));
      if (this.clock.now() < from) {
        const last = documentDate(new Date(from.getTime() - 1));
        throw refuse.rule(
          `${period} 报告期的统计截至${last}，${documentDate(from)}起方可锁定`,
          `The period ${period} may be locked from ${from.toISOString()}, once its window has closed`,
        );
      }
      await tx.query(
        `UPDATE reporting_period SET locked = true, locked_at = $2, version = version + 1 WHERE period = $1`,
        [period, this.clock.now()],
      );
      // The roll-up's month-end snapshot, in the lock's transaction: what every later build reads.
      await takeRollUpSnapshot(tx, period, this.clock.now());
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'reporting_period',
        entityId: period,
        before: { locked: false },
        after: { locked: true },
      });
    });
    return this.get(period);
  }

  /**
   * Moves the period's cut-off (统计截止日) within its month, or restores the default (null). The
   * windows must still tile the year: a cut-off outside the month would overlap a neighbour or
   * leave a gap, and December's stays the 31st (422, naming why). Refused while the period or the
   * next one (whose window starts the day after) is locked. The trigger on stat_period_cutoff
   * refreshes the affected projects' monthly shares in this transaction, and a built roll-up of
   * either period is marked out of date.
   */
  async setCutoff(user: AuthUser, period: string, input: SetCutoffInput): Promise<ReportingPeriodView> {
    const problem = input.cutoff === null ? null : cutoffProblem(period, input.cutoff);
    if (problem) {
      throw new UnprocessableEntityException({ statusCode: 422, message: problem, errors: { cutoff: [problem] } });
    }
    const next = addPeriods(period, 1);
    const touched = next.slice(0, 4) === period.slice(0, 4) ? [period, next] : [period];
    await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `SELECT period, opens_at, due_at, locked, version FROM reporting_period WHERE period = $1 FOR UPDATE`,
        [period],
      );
      if (row && input.version !== undefined && input.version !== row.version)
        throw staleRecord('该报告期', await this.view(row, tx));
      const locked: { period: string }[] = await tx.query(
        `SELECT period FROM reporting_period WHERE period = ANY ($1) AND locked ORDER BY period`,
        [touched],
      );
      if (locked.length) {
        throw refuse.rule(
          `${locked.map((l) => l.period).join('、')} 报告期已锁定，不能再调整统计截止日`,
          `The period ${locked.map((l) => l.period).join(', ')} is locked; its window can no longer change`,
        );
      }
      const [before] = await tx.query(
        `SELECT to_char(cutoff, 'YYYY-MM-DD') AS cutoff FROM stat_period_cutoff WHERE period = $1 FOR UPDATE`,
        [period],
      );
      if ((before?.cutoff ?? null) === input.cutoff) return;
      if (input.cutoff === null) {
        await tx.query(`DELETE FROM stat_period_cutoff WHERE period = $1`, [period]);
      } else {
        await tx.query(
          `INSERT INTO stat_period_cutoff (period, cutoff, set_by, set_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (period) DO UPDATE SET cutoff = excluded.cutoff, set_by = excluded.set_by, set_at = excluded.set_at`,
          [period, input.cutoff, user.id, this.clock.now()],
        );
      }
      await tx.query(`UPDATE reporting_period SET version = version + 1 WHERE period = ANY ($1)`, [touched]);
      for (const p of touched) await markRollUpStale(tx, p, this.clock.now());
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'reporting_period',
        entityId: period,
        before: { cutoff: before?.cutoff ?? null },
        after: { cutoff: input.cutoff },
      });
    });
    const row = await this.find(period);
    if (row) return this.view(row);
    // A period not open yet still has a window: answer it with its defaults.
    return this.view({ period, opens_at: defaultOpensAt(period), due_at: dueInstant(period), locked: false, version: 0 });
  }

  private async lockedRow(
    tx: EntityManager,
    period: string,
  ): Promise<PeriodRow> {
    await this.find(period, tx);
    const [row] = await tx.query(
      `SELECT period, opens_at, due_at, locked, version FROM reporting_period WHERE period = $1 FOR UPDATE`,
      [period],
    );
    if (!row)
      throw refuse.notFound(
        '该报告期（尚未开放）',
        `reporting period ${period} (not open yet)`,
      );
    return row;
  }

  private async view(
    r: PeriodRow,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReportingPeriodView> {
    const extensions = await manager.query(
      `SELECT e.unit_id AS "unitId", u.name AS "unitName", to_char(e.extended_to, 'YYYY-MM-DD') AS "extendedTo", e.reason
       FROM unit_deadline_extension e JOIN unit u ON u.id = e.unit_id WHERE e.period = $1 ORDER BY u.name`,
      [r.period],
    );
    const cutoffs = await readStatCutoffs(manager, r.period.slice(0, 4));
    return {
      period: r.period,
      opensAt: r.opens_at.toISOString(),
      dueAt: r.due_at.toISOString(),
      locked: r.locked,
      lockableFrom: periodLockableFrom(r.period, cutoffs).toISOString(),
      window: statWindow(r.period, cutoffs),
      cutoffSet: r.period in cutoffs,
      extensions,
      version: r.version,
    };
  }
}
