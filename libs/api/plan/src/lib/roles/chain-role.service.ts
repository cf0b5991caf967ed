import { AuditService } from '@crm/api/audit';
import { staleRecord, type AuthUser } from '@crm/api/core';
import { type ChainCode, type ChainRoleView, type RuleProblem } from '@crm/domain';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { refused } from '../plans/plan.errors';
import type { DataSource, EntityManager } from 'typeorm';
import type { ChainRoleDto, ChainRoleEndDto, UnitRenameDto } from './chain-role.dto';

interface RoleRow {
  id: number;
  chain_code: ChainCode;
  kind: 'leader' | 'unit';
  role: ChainRoleView['role'];
  is_lead: boolean;
  person_id: number | null;
  unit_id: number | null;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
  version: number;
}

const ROLES_SQL = `
  SELECT * FROM (
    SELECT l.id, c.code AS chain_code, 'leader' AS kind, l.role::text AS role, false AS is_lead, l.person_id,
           NULL::integer AS unit_id, p.name, to_char(l.valid_from, 'YYYY-MM-DD') AS valid_from,
           to_char(l.valid_to, 'YYYY-MM-DD') AS valid_to, l.valid_from AS from_d, l.valid_to AS to_d,
           c.sort_order, l.sort_order AS pos, l.version
    FROM chain_leader l JOIN chain c ON c.id = l.chain_id JOIN person p ON p.id = l.person_id
    UNION ALL
    SELECT cu.id, c.code, 'unit', cu.role::text, cu.is_lead, NULL, cu.unit_id, u.name,
           to_char(cu.valid_from, 'YYYY-MM-DD'), to_char(cu.valid_to, 'YYYY-MM-DD'), cu.valid_from, cu.valid_to,
           c.sort_order, cu.sort_order, cu.version
    FROM chain_unit cu JOIN chain c ON c.id = cu.chain_id JOIN unit u ON u.id = cu.unit_id
  ) r`;

/**
 * The people and units who hold each chain's roles, over dates: a role is taken from a date and
 * ended at one, never rewritten, so a period's reports keep the people and units of their time.
 */
@Injectable()
export class ChainRoleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(chain?: ChainCode, on?: string): Promise<ChainRoleView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (chain) where.push(`chain_code = $${params.push(chain)}`);
    if (on) {
      const p = params.push(on);
      where.push(`(from_d IS NULL OR from_d <= $${p}::date) AND (to_d IS NULL OR to_d >= $${p}::date)`);
    }
    const rows: RoleRow[] = await this.dataSource.query(
      `${ROLES_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY sort_order, kind, role, coalesce(from_d, '-infinity'::date), pos`,
      params,
    );
    return rows.map(toView);
  }

  async add(user: AuthUser, input: ChainRoleDto): Promise<ChainRoleView> {
    const problems = roleShapeProblems(input);
    if (input.validTo && input.validTo < input.validFrom) {
      problems.push({ field: 'validTo', zh: '截止日期不能早于起始日期', en: 'validTo must not be before validFrom' });
    }
    if (problems.length) throw refused(problems);
    return this.dataSource.transaction(async (tx) => {
      const [chain] = await tx.query(`SELECT id FROM chain WHERE code = $1 FOR UPDATE`, [input.chainCode]);
      if (!chain) throw new NotFoundException(`没有代码为 ${input.chainCode} 的产业链 / No chain ${input.chainCode}`);
      const who = input.kind === 'leader' ? input.personId : input.unitId;
      const [exists] = await tx.query(input.kind === 'leader' ? `SELECT 1 FROM person WHERE id = $1` : `SELECT 1 FROM unit WHERE id = $1`, [who]);
      if (!exists) {
        throw refused([
          input.kind === 'leader'
            ? { field: 'personId', zh: '没有该人员', en: 'No such person' }
            : { field: 'unitId', zh: '没有该单位', en: 'No such unit' },
        ]);
      }
      await this.checkOverlap(tx, input.kind, chain.id, input.role, who as number, input.validFrom, input.validTo ?? null, null);
      const [{ id }] =
        input.kind === 'leader'
          ? await tx.query(
              `INSERT INTO chain_leader (chain_id, person_id, role, sort_order, valid_from, valid_to)
               VALUES ($1, $2, $3, (SELECT coalesce(max(sort_order), -1) + 1 FROM chain_leader WHERE chain_id = $1), $4, $5)
               RETURNING id`,
              [chain.id, who, input.role, input.validFrom, input.validTo ?? null],
            )
          : await tx.query(
              `INSERT INTO chain_unit (chain_id, unit_id, role, is_lead, sort_order, valid_from, valid_to)
               VALUES ($1, $2, $3, $4, (SELECT coalesce(max(sort_order), -1) + 1 FROM chain_unit WHERE chain_id = $1), $5, $6)
               RETURNING id`,
              [chain.id, who, input.role, input.isLead ?? false, input.validFrom, input.validTo ?? null],
            );
      const view = await this.one(tx, input.kind, id);
      await this.audit.record(tx, user, { action: 'create', entityType: `${table(input.kind)}`, entityId: String(id), after: view });
      return view;
    });
  }

  async end(user: AuthUser, kind: 'leader' | 'unit', id: number, input: ChainRoleEndDto): Promise<ChainRoleView> {
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `SELECT id, chain_id, role::text, ${kind === 'leader' ? 'person_id' : 'unit_id'} AS who,
                to_char(valid_from, 'YYYY-MM-DD') AS valid_from
         FROM ${table(kind)} WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new NotFoundException(`没有该任职记录 / No role ${id}`);
      const before = await this.one(tx, kind, id);
      if (input.version !== undefined && input.version !== before.version) throw staleRecord('该任职记录', before);
      const from = input.validFrom === undefined ? row.valid_from : input.validFrom;
      if (from && input.validTo && input.validTo < from) {
        throw refused([{ field: 'validTo', zh: '截止日期不能早于起始日期', en: 'validTo must not be before validFrom' }]);
      }
      await this.checkOverlap(tx, kind, row.chain_id, row.role, row.who, from, input.validTo, id);
      await tx.query(`UPDATE ${table(kind)} SET valid_from = $2, valid_to = $3, version = version + 1 WHERE id = $1`, [id, from, input.validTo]);
      const after = await this.one(tx, kind, id);
      await this.audit.record(tx, user, { action: 'update', entityType: table(kind), entityId: String(id), before, after });
      return after;
    });
  }

  /** A unit's new name from a date: the old one becomes its history and an alias (imports still resolve it). */
  async renameUnit(user: AuthUser, unitId: number, input: UnitRenameDto) {
    return this.dataSource.transaction(async (tx) => {
      const [unit] = await tx.query(`SELECT id, name FROM unit WHERE id = $1 FOR UPDATE`, [unitId]);
      if (!unit) throw new NotFoundException(`没有该单位 / No unit ${unitId}`);
      if (unit.name === input.name) throw refused([{ field: 'name', zh: '新名称与现名称相同', en: 'The new name is the current one' }]);
      const [taken] = await tx.query(
        `SELECT u.name FROM unit u WHERE u.name = $1 AND u.id <> $2
         UNION ALL SELECT a.alias FROM unit_alias a WHERE a.alias = $1 AND a.unit_id <> $2`,
        [input.name, unitId],
      );
      if (taken) {
        throw new ConflictException({ statusCode: 409, message: `“${input.name}”已是另一单位的名称或别名 / “${input.name}” already names another unit` });
      }
      const [last] = await tx.query(
        `SELECT to_char(max(valid_to) + 1, 'YYYY-MM-DD') AS since FROM unit_name WHERE unit_id = $1`,
        [unitId],
      );
      if (last.since && input.from <= last.since) {
        throw refused([{ field: 'from', zh: `更名日期应晚于上次更名（${last.since}）`, en: `from must be after the previous rename (${last.since})` }]);
      }
      await tx.query(
        `INSERT INTO unit_name (unit_id, name, valid_from, valid_to) VALUES ($1, $2, $3::date, $4::date - 1)`,
        [unitId, unit.name, last.since, input.from],
      );
      await tx.query(`DELETE FROM unit_alias WHERE alias = $1`, [input.name]);
      await tx.query(`UPDATE unit SET name = $2 WHERE id = $1`, [unitId, input.name]);
      await tx.query(`INSERT INTO unit_alias (alias, unit_id) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING`, [unit.name, unitId]);
      const formerNames: { name: string; validTo: string }[] = await tx.query(
        `SELECT name, to_char(valid_to, 'YYYY-MM-DD') AS "validTo" FROM unit_name WHERE unit_id = $1 ORDER BY valid_to`,
        [unitId],
      );
      const after = { id: unitId, name: input.name, from: input.from, formerNames };
      await this.audit.record(tx, user, { action: 'update', entityType: 'unit', entityId: String(unitId), before: { name: unit.name }, after });
      return { id: unitId, name: input.name, formerNames };
    });
  }

  private async one(tx: EntityManager, kind: 'leader' | 'unit', id: number): Promise<ChainRoleView> {
    const [row]: RoleRow[] = await tx.query(`${ROLES_SQL} WHERE kind = $1 AND id = $2`, [kind, id]);
    return toView(row);
  }

  /** One holder of a post at a time (the trigger enforces it too; this says it in words). */
  private async checkOverlap(
    tx: EntityManager,
    kind: 'leader' | 'unit',
    chainId: number,
    role: string,
    who: number,
    from: string | null,
    to: string | null,
    exceptId: number | null,
  ): Promise<void> {
    const [clash] = await tx.query(
      kind === 'leader'
        ? `SELECT p.name, to_char(l.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(l.valid_to, 'YYYY-MM-DD') AS valid_to
           FROM chain_leader l JOIN person p ON p.id = l.person_id
           WHERE l.chain_id = $1 AND l.role = $2::chain_leader_role AND (l.person_id = $3 OR $2 = 'liaison')
             AND l.id IS DISTINCT FROM $6
             AND daterange(l.valid_from, l.valid_to, '[]') && daterange($4::date, $5::date, '[]') LIMIT 1`
        : `SELECT u.name, to_char(cu.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(cu.valid_to, 'YYYY-MM-DD') AS valid_to
           FROM chain_unit cu JOIN unit u ON u.id = cu.unit_id
           WHERE cu.chain_id = $1 AND cu.unit_id = $3 AND $2::text IS NOT NULL
             AND cu.id IS DISTINCT FROM $6
             AND daterange(cu.valid_from, cu.valid_to, '[]') && daterange($4::date, $5::date, '[]') LIMIT 1`,
      [chainId, role, who, from, to, exceptId],
    );
    if (clash) {
      const span = `${clash.valid_from ?? '起始'}至${clash.valid_to ?? '今'}`;
      throw refused([
        {
          field: 'validFrom',
          zh: `与${clash.name}的任职日期（${span}）重叠，请先为其设置截止日期`,
          en: `The dates overlap ${clash.name}'s (${clash.valid_from ?? 'start'} to ${clash.valid_to ?? 'now'}); end that one first`,
        },
      ]);
    }
  }
}

function roleShapeProblems(input: ChainRoleDto): RuleProblem[] {
  if (input.kind === 'leader' && input.role === 'cooperating') {
    return [{ field: 'role', zh: '领导的职责应为包联领导或责任领导', en: 'A leader is liaison or responsible' }];
  }
  if (input.kind === 'unit' && input.role === 'liaison') {
    return [{ field: 'role', zh: '单位的职责应为责任单位或配合单位', en: 'A unit is responsible or cooperating' }];
  }
  if (input.isLead && (input.kind !== 'unit' || input.role !== 'responsible')) {
    return [{ field: 'isLead', zh: '只有责任单位可以是牵头单位', en: 'Only a responsible unit can lead' }];
  }
  return [];
}

function table(kind: 'leader' | 'unit'): 'chain_leader' | 'chain_unit' {
  return kind === 'leader' ? 'chain_leader' : 'chain_unit';
}

function toView(r: RoleRow): ChainRoleView {
  return {
    id: r.id,
    chainCode: r.chain_code,
    kind: r.kind,
    role: r.role,
    isLead: r.is_lead,
    personId: r.person_id,
    unitId: r.unit_id,
    name: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    version: r.version,
  };
}

