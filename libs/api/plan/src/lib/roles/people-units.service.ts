import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import { type PersonPostView, type RuleProblem } from '@crm/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { refused } from '../plans/plan.errors';
import type { DataSource, EntityManager } from 'typeorm';
import type { PersonPostDto, UnitMergeDto } from './people-units.dto';

/**
 * People's posts and units' merges over time: a change takes effect from a date and what held
 * before stays readable for the periods it covered.
 */
@Injectable()
export class PeopleUnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every post the person held, the current one last. */
  async posts(personId: number): Promise<PersonPostView[]> {
    return this.postsIn(this.dataSource.manager, personId);
  }

  async changePost(user: AuthUser, personId: number, input: PersonPostDto): Promise<PersonPostView[]> {
    return this.dataSource.transaction(async (tx) => {
      const [person] = await tx.query(`SELECT id, position FROM person WHERE id = $1 FOR UPDATE`, [personId]);
      if (!person) throw new NotFoundException(`没有该人员 / No person ${personId}`);
      if (person.position === input.position) throw refused([{ field: 'position', zh: '新职务与现职务相同', en: 'The new post is the current one' }]);
      const since = await this.currentSince(tx, personId);
      if (since && input.from <= since) {
        throw refused([{ field: 'from', zh: `任职日期应晚于现职务的起始日期（${since}）`, en: `from must be after the current post began (${since})` }]);
      }
      const before = await this.postsIn(tx, personId);
      await tx.query(`INSERT INTO person_post (person_id, position, valid_from, valid_to) VALUES ($1, $2, $3::date, $4::date - 1)`, [
        personId,
        person.position,
        since,
        input.from,
      ]);
      await tx.query(`UPDATE person SET position = $2 WHERE id = $1`, [personId, input.position]);
      const after = await this.postsIn(tx, personId);
      await this.audit.record(tx, user, { action: 'update', entityType: 'person', entityId: String(personId), before: { posts: before }, after: { posts: after } });
      return after;
    });
  }

  /** Merges a unit into another from a date (see UnitMergeInput). */
  async merge(user: AuthUser, unitId: number, input: UnitMergeDto) {
    return this.dataSource.transaction(async (tx) => {
      const [unit] = await tx.query(`SELECT id, name, merged_into_id FROM unit WHERE id = $1 FOR UPDATE`, [unitId]);
      if (!unit) throw new NotFoundException(`没有该单位 / No unit ${unitId}`);
      const [into] = await tx.query(`SELECT id, name, merged_into_id FROM unit WHERE id = $1`, [input.intoUnitId]);
      const problems: RuleProblem[] = [];
      if (unit.merged_into_id) problems.push({ field: 'intoUnitId', zh: `${unit.name}已并入其他单位`, en: 'The unit is already merged' });
      if (!into) problems.push({ field: 'intoUnitId', zh: '没有该单位', en: 'No such unit' });
      else if (into.id === unitId) problems.push({ field: 'intoUnitId', zh: '不能并入自身', en: 'A unit cannot merge into itself' });
      else if (into.merged_into_id) problems.push({ field: 'intoUnitId', zh: `${into.name}已并入其他单位`, en: 'That unit is itself merged' });
      const [later] = await tx.query(`SELECT count(*)::int AS n FROM chain_unit WHERE unit_id = $1 AND valid_from >= $2::date`, [unitId, input.on]);
      if (later.n > 0) problems.push({ field: 'on', zh: '该单位在合并日期之后还有新任职，请先调整', en: 'The unit takes roles after that date; adjust them first' });
      if (problems.length) throw refused(problems);

      // Roles held on the day pass to the other unit from that day; the unit's end the day before.
      const held: { id: number; chain_id: number; role: string; is_lead: boolean; valid_to: string | null }[] = await tx.query(
        `SELECT id, chain_id, role::text, is_lead, to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM chain_unit
         WHERE unit_id = $1 AND (valid_to IS NULL OR valid_to >= $2::date)`,
        [unitId, input.on],
      );
      for (const role of held) {
        await tx.query(`UPDATE chain_unit SET valid_to = $2::date - 1 WHERE id = $1`, [role.id, input.on]);
        const [taken] = await tx.query(
          `SELECT 1 FROM chain_unit WHERE unit_id = $1 AND chain_id = $2
             AND daterange(valid_from, valid_to, '[]') && daterange($3::date, $4::date, '[]')`,
          [input.intoUnitId, role.chain_id, input.on, role.valid_to],
        );
        if (!taken) {
          await tx.query(
            `INSERT INTO chain_unit (chain_id, unit_id, role, is_lead, sort_order, valid_from, valid_to)
             VALUES ($1, $2, $3, $4, (SELECT coalesce(max(sort_order), -1) + 1 FROM chain_unit WHERE chain_id = $1), $5, $6)`,
            [role.chain_id, input.intoUnitId, role.role, role.is_lead, input.on, role.valid_to],
          );
        }
      }
      // Key-task duties of the merge's year and later pass to the other unit.
      await tx.query(
        `INSERT INTO key_task_unit (key_task_id, unit_id, sort_order)
         SELECT ku.key_task_id, $2, ku.sort_order FROM key_task_unit ku JOIN key_task k ON k.id = ku.key_task_id
         WHERE ku.unit_id = $1 AND k.year >= extract(year FROM $3::date) ON CONFLICT DO NOTHING`,
        [unitId, input.intoUnitId, input.on],
      );
      await tx.query(
        `DELETE FROM key_task_unit ku USING key_task k
         WHERE k.id = ku.key_task_id AND ku.unit_id = $1 AND k.year >= extract(year FROM $2::date)`,
        [unitId, input.on],
      );
      const [{ n: usersMoved }] = await tx.query(
        `WITH moved AS (UPDATE app_user SET unit_id = $2 WHERE unit_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM moved`,
        [unitId, input.intoUnitId],
      );
      await tx.query(`UPDATE unit SET merged_into_id = $2, merged_on = $3 WHERE id = $1`, [unitId, input.intoUnitId, input.on]);
      const after = { id: unitId, name: unit.name, mergedInto: { id: into.id, name: into.name }, on: input.on, rolesPassed: held.length, usersMoved };
      await this.audit.record(tx, user, { action: 'update', entityType: 'unit', entityId: String(unitId), before: { mergedInto: null }, after });
      return after;
    });
  }

  private async currentSince(tx: EntityManager, personId: number): Promise<string | null> {
    const [row] = await tx.query(`SELECT to_char(max(valid_to) + 1, 'YYYY-MM-DD') AS since FROM person_post WHERE person_id = $1`, [personId]);
    return row.since;
  }

  private async postsIn(m: EntityManager, personId: number): Promise<PersonPostView[]> {
    const [person] = await m.query(`SELECT position FROM person WHERE id = $1`, [personId]);
    if (!person) throw new NotFoundException(`没有该人员 / No person ${personId}`);
    const past: PersonPostView[] = await m.query(
      `SELECT position, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
       FROM person_post WHERE person_id = $1 ORDER BY valid_to`,
      [personId],
    );
    return [...past, { position: person.position, validFrom: await this.currentSince(m, personId), validTo: null }];
  }
}

