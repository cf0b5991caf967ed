import { CLOCK, type Clock } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import {
  dueInstant,
  type RollUpBuildInput,
  type RollUpFigures,
  type RollUpNarrativeInput,
  type RollUpView,
} from '@crm/domain';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { refuse } from '../common/errors';
import { recentPeriods } from '../common/recent-periods';
import { ReportingPeriodService } from '../periods/reporting-period.service';
import { RollUpExportService } from './roll-up-export.service';
import { publicationSummaries } from './roll-up-publication.service';
import { rollUpFigures } from './roll-up.figures';
import { draftNarrative } from './roll-up.narrative';
import { readRollUpSnapshot, takeRollUpSnapshot, withActionItemDefaults } from './roll-up.snapshot';
import { staleRollUps } from './roll-up.stale';

interface RollUpRow {
  period: string;
  figures: RollUpFigures;
  from_snapshot: boolean;
  narrative: string;
  narrative_edited: boolean;
  version: number;
  built_at: Date;
  built_by: string | null;
  built_by_name: string | null;
  locked: boolean;
  snapshot_taken_at: Date | null;
  stale_since: Date | null;
}

/**
 * 月度汇总报告: the month's report to the municipal committee. A build takes the figures (from the
 * month-end snapshot once the period is locked, else from the live tables) and drafts the
 * narrative from them; an edited narrative survives a rebuild unless a redraft is asked for.
 */
@Injectable()
export class RollUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly periods: ReportingPeriodService,
    private readonly exports: RollUpExportService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(period: string): Promise<RollUpView> {
    const row = await this.row(this.dataSource.manager, period);
    if (!row) throw notBuilt(period);
    return this.view(row);
  }

  /** Builds (or rebuilds) the period's roll-up; `user` null is the worker's schedule. */
  async build(
    user: AuthUser | null,
    period: string,
    input: RollUpBuildInput = {},
  ): Promise<RollUpView> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.periods.find(period, tx))) {
        throw refuse.rule(
          `${period} 报告期尚未开始，不能生成汇总报告`,
          `The period ${period} has not begun`,
        );
      }
      // The period's row serialises builds with each other and with the lock.
      const [{ locked }] = await tx.query(
        `SELECT locked FROM reporting_period WHERE period = $1 FOR UPDATE`,
        [period],
      );
      const now = this.clock.now();
      // A period locked before any snapshot was taken gets it now: from here on it is fixed.
      if (locked) await takeRollUpSnapshot(tx, period, now);
      const snapshot = locked ? await readRollUpSnapshot(tx, period) : null;
      const figures =
        snapshot?.figures ?? (await rollUpFigures(tx, period, now));
      const [before]: Pick<
        RollUpRow,
        'narrative' | 'narrative_edited' | 'version' | 'from_snapshot'
      >[] = await tx.query(
        `SELECT narrative, narrative_edited, version, from_snapshot FROM roll_up WHERE period = $1 FOR UPDATE`,
        [period],
      );
      const keep = !!before?.narrative_edited && !input.regenerateNarrative;
      const narrative = keep ? before.narrative : draftNarrative(figures);
      const [{ version }] = await tx.query(
        `INSERT INTO roll_up (period, figures, from_snapshot, narrative, narrative_edited, version, built_at, built_by)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7)
         ON CONFLICT (period) DO UPDATE SET figures = EXCLUDED.figures, from_snapshot = EXCLUDED.from_snapshot,
           narrative = EXCLUDED.narrative, narrative_edited = EXCLUDED.narrative_edited, version = roll_up.version + 1,
           built_at = EXCLUDED.built_at, built_by = EXCLUDED.built_by, stale_since = NULL
         RETURNING version`,
        [
          period,
          JSON.stringify(figures),
          !!snapshot,
          narrative,
          keep,
          now,
          user?.id ?? null,
        ],
      );
      await this.audit.record(tx, user, {
        action: before ? 'update' : 'create',
        entityType: 'roll_up',
        entityId: period,
        before: before
          ? {
              version: before.version,
              fromSnapshot: before.from_snapshot,
              narrativeEdited: before.narrative_edited,
            }
          : null,
        after: {
          version,
          fromSnapshot: !!snapshot,
          narrativeEdited: keep,
          narrativeRedrafted: !keep,
          takenAt: figures.takenAt,
        },
      });
    });
    return this.get(period);
  }

  /** Saves the office's edit of the narrative; a stale version gets 409 with the current roll-up. */
  async saveNarrative(
    user: AuthUser,
    period: string,
    input: RollUpNarrativeInput,
  ): Promise<RollUpView> {
    await this.dataSource.transaction(async (tx) => {
      const before = await this.row(tx, period, true);
      if (!before) throw notBuilt(period);
      if (before.version !== input.version) {
        throw new ConflictException({
          statusCode: 409,
          message:
            '汇总报告已被他人修改或重新生成，请查看最新内容后再保存 / Someone changed or rebuilt this roll-up first; review it and save again',
          current: await this.view(before),
        });
      }
      await tx.query(
        `UPDATE roll_up SET narrative = $2, narrative_edited = true, version = version + 1 WHERE period = $1`,
        [period, input.narrative],
      );
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'roll_up',
        entityId: period,
        before: { narrative: before.narrative, version: before.version },
        after: { narrative: input.narrative, version: before.version + 1 },
      });
    });
    return this.get(period);
  }

  /**
   * The schedule's run: builds the roll-up of each recent period whose deadline (the latest of its
   * units' extensions included) has passed and that has none yet, and rebuilds one built before its
   * period was locked so it reads the snapshot, and one marked out of date (a report submitted,
   * returned or accepted after it was built: markRollUpStale). Anything else is left alone, so
   * running twice, or daily, changes nothing. Answers the periods built.
   */
  async buildDue(now: Date): Promise<string[]> {
    const built: string[] = [];
    for (const period of await staleRollUps(this.dataSource.manager)) {
      await this.build(null, period);
      built.push(period);
    }
    for (const period of await recentPeriods(this.dataSource.manager, now)) {
      if (built.includes(period)) continue;
      const extensions: { extended_to: string }[] = await this.dataSource.query(
        `SELECT to_char(extended_to, 'YYYY-MM-DD') AS extended_to FROM unit_deadline_extension WHERE period = $1`,
        [period],
      );
      const due = Math.max(
        dueInstant(period).getTime(),
        ...extensions.map((e) => dueInstant(period, e.extended_to).getTime()),
      );
      if (now.getTime() < due) continue;
      const [state] = await this.dataSource.query(
        `SELECT r.from_snapshot, p.locked FROM reporting_period p LEFT JOIN roll_up r ON r.period = p.period
         WHERE p.period = $1`,
        [period],
      );
      const needed =
        !state ||
        state.from_snapshot === null ||
        (state.locked && !state.from_snapshot);
      if (!needed) continue;
      await this.build(null, period);
      built.push(period);
    }
    return built;
  }

  private async row(
    manager: EntityManager,
    period: string,
    forUpdate = false,
  ): Promise<RollUpRow | null> {
    const [row] = await manager.query(
      `SELECT r.period, r.figures, r.from_snapshot, r.narrative, r.narrative_edited, r.version, r.built_at, r.built_by,
              u.display_name AS built_by_name, p.locked, s.taken_at AS snapshot_taken_at, r.stale_since
       FROM roll_up r JOIN reporting_period p ON p.period = r.period
       LEFT JOIN app_user u ON u.id = r.built_by
       LEFT JOIN roll_up_snapshot s ON s.period = r.period
       WHERE r.period = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`,
      [period],
    );
    return row ?? null;
  }

  private async view(r: RollUpRow): Promise<RollUpView> {
    return {
      period: r.period,
      builtAt: r.built_at.toISOString(),
      builtBy: r.built_by
        ? { id: r.built_by, name: r.built_by_name ?? '' }
        : null,
      locked: r.locked,
      fromSnapshot: r.from_snapshot,
      snapshotTakenAt:
        r.from_snapshot && r.snapshot_taken_at
          ? r.snapshot_taken_at.toISOString()
          : null,
      staleSince: r.stale_since ? r.stale_since.toISOString() : null,
      narrative: r.narrative,
      narrativeEdited: r.narrative_edited,
      version: r.version,
      figures: withActionItemDefaults(r.figures),
      exports: await this.exports.listForPeriod(r.period),
      publications: await publicationSummaries(this.dataSource.manager, r.period),
    };
  }
}

export function notBuilt(period: string) {
  return refuse.notFound(
    `${period} 的汇总报告（尚未生成）`,
    `roll-up for ${period} (not built yet)`,
  );
}
