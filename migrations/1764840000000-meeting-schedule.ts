import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 月调度会日程 (issue 9).
 *
 * - meeting_schedule: the day of the month each chain holds its 月调度会 (null: not scheduled;
 *   1–28 so every month has it) and how many days before it the chair's office is reminded.
 * - meeting_schedule_notice_sent: its key (chain, month, kind) makes each reminder ('due') and
 *   each missed-meeting notice ('missing') go out once per chain and month, however often the job
 *   runs; recipients records how many users were told.
 */
export class MeetingSchedule1764840000000 implements MigrationInterface {
  name = 'MeetingSchedule1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_schedule (
        chain_id smallint PRIMARY KEY REFERENCES chain(id) ON DELETE CASCADE,
        day_of_month smallint CHECK (day_of_month BETWEEN 1 AND 28),
        remind_days_before smallint NOT NULL DEFAULT 3 CHECK (remind_days_before BETWEEN 0 AND 10),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE meeting_schedule_notice_sent (
        chain_id smallint NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        kind varchar(10) NOT NULL CHECK (kind IN ('due', 'missing')),
        sent_at timestamptz NOT NULL DEFAULT now(),
        recipients integer NOT NULL DEFAULT 0,
        PRIMARY KEY (chain_id, month, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_schedule_notice_sent`);
    await q.query(`DROP TABLE meeting_schedule`);
  }
}
