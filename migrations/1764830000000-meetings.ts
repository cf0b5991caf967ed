import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dispatch meetings, action items (交办事项) and the weekly digest (issue 9).
 *
 * - meeting: a chain's meeting; meeting_chain holds its chains (several for 联席会议).
 * - action_item: a decision of a meeting, owned by a unit (and optionally a user), with a due
 *   date; overdue is derived from the date, overdue_marked_at records when the job told the owner.
 * - action_item_note: progress notes, and the note of each status move (closing needs one).
 * - action_item_reminder_sent: its key (item, kind, due date) makes each reminder go out once,
 *   however often the job runs; a new due date is a new key.
 */
export class Meetings1764830000000 implements MigrationInterface {
  name = 'Meetings1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE meeting_kind AS ENUM ('monthly-dispatch', 'quarterly-review', 'annual-summary', 'joint')`);
    await q.query(`CREATE TYPE action_item_status AS ENUM ('open', 'in-progress', 'done')`);
    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind meeting_kind NOT NULL,
        held_on date NOT NULL,
        chair_person_id integer REFERENCES person(id),
        chair_name varchar(100) NOT NULL DEFAULT '',
        attending_unit_ids integer[] NOT NULL DEFAULT '{}',
        attendees text[] NOT NULL DEFAULT '{}',
        agenda text NOT NULL DEFAULT '',
        minutes text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE meeting_chain (
        meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        chain_id smallint NOT NULL REFERENCES chain(id),
        PRIMARY KEY (meeting_id, chain_id)
      )`);
    await q.query(`CREATE INDEX meeting_chain_chain_idx ON meeting_chain (chain_id, meeting_id)`);
    await q.query(`CREATE INDEX meeting_held_on_idx ON meeting (held_on DESC, id)`);

    await q.query(`
      CREATE TABLE action_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
        text varchar(2000) NOT NULL CHECK (btrim(text) <> ''),
        project_id uuid REFERENCES project(id) ON DELETE SET NULL,
        owner_unit_id integer NOT NULL REFERENCES unit(id),
        owner_user_id uuid REFERENCES app_user(id),
        due_on date NOT NULL,
        status action_item_status NOT NULL DEFAULT 'open',
        done_note text,
        done_at timestamptz,
        overdue_marked_at timestamptz,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'done') = (done_at IS NOT NULL)),
        CHECK (status <> 'done' OR btrim(coalesce(done_note, '')) <> '')
      )`);
    await q.query(`CREATE INDEX action_item_meeting_idx ON action_item (meeting_id)`);
    await q.query(`CREATE INDEX action_item_unit_open_idx ON action_item (owner_unit_id, due_on) WHERE status <> 'done'`);
    await q.query(`CREATE INDEX action_item_due_open_idx ON action_item (due_on) WHERE status <> 'done'`);

    await q.query(`
      CREATE TABLE action_item_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The order of writing, for notes written at the same instant.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        action_item_id uuid NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,
        text text NOT NULL CHECK (btrim(text) <> ''),
        status action_item_status,
        author_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX action_item_note_item_idx ON action_item_note (action_item_id, seq)`);

    await q.query(`
      CREATE TABLE action_item_reminder_sent (
        action_item_id uuid NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,
        kind varchar(30) NOT NULL,
        due_on date NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        -- How many users were told (0: the key was taken but nobody could be told).
        recipients integer NOT NULL DEFAULT 0,
        PRIMARY KEY (action_item_id, kind, due_on)
      )`);
    // 交办事项提醒: days before the due date the owner is reminded.
    await q.query(`INSERT INTO office_setting (key, value) VALUES ('action-item-reminder-days', 3) ON CONFLICT (key) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM office_setting WHERE key = 'action-item-reminder-days'`);
    await q.query(`DROP TABLE action_item_reminder_sent`);
    await q.query(`DROP TABLE action_item_note`);
    await q.query(`DROP TABLE action_item`);
    await q.query(`DROP TABLE meeting_chain`);
    await q.query(`DROP TABLE meeting`);
    await q.query(`DROP TYPE action_item_status`);
    await q.query(`DROP TYPE meeting_kind`);
  }
}
