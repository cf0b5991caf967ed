import type { ChainCode, CockpitProjectRef, LandRoute, ProjectStatus, Stage } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/** Columns of a CockpitProjectRef, for `FROM project p` with PROJECT_REF_JOINS. */
export const PROJECT_REF_COLUMNS = `
  p.id, p.name, c.code AS chain_code, p.stage, p.status, p.major, p.amount::text AS amount, p.investor_name,
  p.owner_id, o.display_name AS owner_name, p.responsible_unit_id, u.name AS unit_name, p.land_route`;

export const PROJECT_REF_JOINS = `
  JOIN chain c ON c.id = p.chain_id
  JOIN unit u ON u.id = p.responsible_unit_id
  JOIN app_user o ON o.id = p.owner_id`;

export interface ProjectRefRow {
  id: string;
  name: string;
  chain_code: ChainCode;
  stage: Stage;
  status: ProjectStatus;
  major: boolean;
  amount: string | null;
  investor_name: string;
  owner_id: string;
  owner_name: string;
  responsible_unit_id: number;
  unit_name: string;
  land_route: LandRoute | null;
}

export function toProjectRef(r: ProjectRefRow): CockpitProjectRef {
  return {
    id: r.id,
    name: r.name,
    chain: r.chain_code,
    stage: r.stage,
    status: r.status,
    major: r.major,
    amount: r.amount,
    investorName: r.investor_name,
    owner: { id: r.owner_id, displayName: r.owner_name },
    responsibleUnit: { id: r.responsible_unit_id, name: r.unit_name },
    landRoute: r.land_route,
  };
}

/** The CockpitProjectRef of each of the given projects that exists, by id (one query). */
export async function projectRefsById(manager: EntityManager, ids: readonly string[]): Promise<Map<string, CockpitProjectRef>> {
  if (!ids.length) return new Map();
  const rows: ProjectRefRow[] = await manager.query(
    `SELECT ${PROJECT_REF_COLUMNS} FROM project p ${PROJECT_REF_JOINS} WHERE p.id = ANY ($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, toProjectRef(r)]));
}
