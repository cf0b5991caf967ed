import { CLOCK, staleRecord, type Clock } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import {
  MEETING_SCHEDULE_LIMITS,
  shanghaiToday,
  type ChainCode,
  type MeetingScheduleInput,
  type MeetingScheduleRow,
  type MeetingScheduleStatus,
  type MeetingScheduleView,
} from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { refuse } from '../common/meeting-access';
import { SCHEDULE_ROWS } from './meeting-schedule.queries';

interface ScheduleRow {
  id: number;
  code: ChainCode;
  name_zh: string;
  day_of_month: number | null;
  remind_days_before: number;
  held_id: string | null;
  held_on: string | null;
  version: number;
}

/**
 * 月调度会日程: the day of the month each chain holds its 月调度会, set by the office, and for a
 * month whether it was held, is coming, is missing or was never scheduled.
 */
@Injectable()
export class MeetingScheduleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The month's rows for the chains the user may read (default: this month, Shanghai). */
  async month(user: AuthUser, year?: number, month?: number): Promise<MeetingScheduleView> {
    const today = shanghaiToday(this.clock.now());
    const y = year ?? Number(today.slice(0, 4));
    const m = month ?? Number(today.slice(5, 7));
    const rows = await this.rows(this.dataSource.manager, y, m, user.allChains, user.chainIds);
    return { year: y, month: m, asOf: today, rows: rows.map((r) => toRow(r, y, m, today)) };
  }

  /** The office sets (or, with a null day, clears) a chain's schedule. */
  async set(user: AuthUser, code: string, input: MeetingScheduleInput): Promise<MeetingScheduleRow> {
    return this.dataSource.transaction(async (tx) => {
      const [chain]: { id: number }[] = await tx.query(`SELECT id FROM chain WHERE code = $1`, [code]);
      if (!chain) throw refuse.notFound(`代码为 ${code} 的产业链`, `chain with code ${code}`);
      const [before]: { day_of_month: number | null; remind_days_before: number; version: number }[] = await tx.query(
        `SELECT day_of_month, remind_days_before, version FROM meeting_schedule WHERE chain_id = $1 FOR UPDATE`,
        [chain.id],
      );
      if (input.version !== undefined && input.version !== (before?.version ?? 0)) {
        const today = shanghaiToday(this.clock.now());
        const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
        const [current] = await this.rows(tx, y, m, false, [chain.id]);
        throw staleRecord('该产业链的月调度会日程', toRow(current, y, m, today));
      }
      await tx.query(
        `INSERT INTO meeting_schedule (chain_id, day_of_month, remind_days_before, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (chain_id) DO UPDATE SET day_of_month = excluded.day_of_month,
           remind_days_before = excluded.remind_days_before, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
           version = meeting_schedule.version + 1`,
        [chain.id, input.dayOfMonth, input.remindDaysBefore, user.id, this.clock.now()],
      );
      await this.audit.record(tx, user, {
        action: before ? 'update' : 'create',
        entityType: 'meeting_schedule',
        entityId: code,
        before: before ? { dayOfMonth: before.day_of_month, remindDaysBefore: before.remind_days_before } : null,
        after: { dayOfMonth: input.dayOfMonth, remindDaysBefore: input.remindDaysBefore },
      });
      const today = shanghaiToday(this.clock.now());
      const y = Number(today.slice(0, 4));
      const m = Number(today.slice(5, 7));
      const [row] = await this.rows(tx, y, m, false, [chain.id]);
      return toRow(row, y, m, today);
    });
  }

  private rows(manager: EntityManager, year: number, month: number, all: boolean, chainIds: number[]): Promise<ScheduleRow[]> {
    return manager.query(SCHEDULE_ROWS, [
      `${year}-${String(month).padStart(2, '0')}-01`,
      all,
      chainIds,
      MEETING_SCHEDULE_LIMITS.remindDaysBefore.default,
    ]);
  }
}

/**
 * held: a 月调度会 is recorded in the month; unscheduled: no day set; missing: the day has passed
 * (before today); upcoming: the day is today or later.
 */
export function scheduleStatus(scheduledOn: string | null, held: boolean, today: string): MeetingScheduleStatus {
  if (held) return 'held';
  if (!scheduledOn) return 'unscheduled';
  return scheduledOn < today ? 'missing' : 'upcoming';
}

function toRow(r: ScheduleRow, year: number, month: number, today: string): MeetingScheduleRow {
  const scheduledOn =
    r.day_of_month === null
      ? null
      : `${year}-${String(month).padStart(2, '0')}-${String(r.day_of_month).padStart(2, '0')}`;
  return {
    chain: { code: r.code, nameZh: r.name_zh },
    dayOfMonth: r.day_of_month,
    remindDaysBefore: r.remind_days_before,
    scheduledOn,
    held: r.held_id ? { id: r.held_id, heldOn: r.held_on as string } : null,
    status: scheduleStatus(scheduledOn, r.held_id !== null, today),
    version: r.version,
  };
}
