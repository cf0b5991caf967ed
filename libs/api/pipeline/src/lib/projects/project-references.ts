import type { ChainCode, RuleProblem } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/** What a project refers to, as the user chose it (unchanged fields carry the current values). */
export interface ProjectReferenceInput {
  chain: ChainCode;
  relatedChains: ChainCode[];
  enterpriseId: string | null;
  investorName: string | null;
  responsibleUnitId: number;
  ownerId: string;
  keyTaskId: number | null;
  /** 招商图谱 link the project serves: one of its chain's maps. */
  chainLinkId?: number | null;
  /** 招商活动 the project came from. */
  eventId?: string | null;
  /** Check the owner is an active staff user (a new project, or a changed owner); an unchanged owner is left as is. */
  checkOwner?: boolean;
}

export interface ResolvedReferences {
  chainId: number;
  relatedChainIds: number[];
  /** The enterprise's name when linked, else the named investor. */
  investorName: string;
}

/**
 * Checks every reference of a project at once, so the form gets all its field messages together:
 * the chains exist, the investor is one firm of the library or a name (not both, not neither), the
 * unit exists, the owner is an active staff user, the key task belongs to one of the project's
 * chains.
 */
export async function resolveReferences(
  tx: EntityManager,
  input: ProjectReferenceInput,
): Promise<{ problems: RuleProblem[]; resolved: ResolvedReferences | null }> {
  const problems: RuleProblem[] = [];
  const codes = [input.chain, ...input.relatedChains];
  const chains: { id: number; code: ChainCode }[] = await tx.query(`SELECT id, code FROM chain WHERE code = ANY ($1)`, [
    codes,
  ]);
  const chainId = chains.find((c) => c.code === input.chain)?.id;
  if (chainId === undefined) {
    problems.push({ field: 'chain', zh: '没有这条产业链', en: `No chain ${input.chain}` });
  }
  if (input.relatedChains.includes(input.chain)) {
    problems.push({
      field: 'relatedChains',
      zh: '相关产业链不能包含所属产业链本身',
      en: 'Related chains must not include the primary chain',
    });
  }
  const relatedChainIds = input.relatedChains
    .map((code) => chains.find((c) => c.code === code)?.id)
    .filter((id): id is number => id !== undefined);

  let investorName = input.investorName;
  if (input.enterpriseId && input.investorName) {
    problems.push({
      field: 'investorName',
      zh: '投资方请二选一：选择企业库中的企业，或填写未登记的投资方名称',
      en: 'Choose the investor from the library or name one not registered, not both',
    });
  } else if (input.enterpriseId) {
    const [firm] = await tx.query(`SELECT name FROM enterprise WHERE id = $1`, [input.enterpriseId]);
    if (!firm)
      problems.push({ field: 'enterpriseId', zh: '企业库中没有该企业', en: 'No such enterprise in the library' });
    investorName = firm?.name ?? null;
  } else if (!input.investorName) {
    problems.push({
      field: 'investor',
      zh: '请选择企业库中的投资方，或填写尚未登记的投资方名称',
      en: 'Choose the investor from the enterprise library, or name an investor not yet registered',
    });
  }

  const [unit] = await tx.query(`SELECT 1 FROM unit WHERE id = $1`, [input.responsibleUnitId]);
  if (!unit) problems.push({ field: 'responsibleUnitId', zh: '没有该责任单位', en: 'No such responsible unit' });

  const [owner] =
    input.checkOwner === false
      ? [{ active: true, staff: true }]
      : await tx.query(`SELECT active, 'staff' = ANY (roles) AS staff FROM app_user WHERE id = $1`, [input.ownerId]);
  if (!owner?.active || !owner.staff) {
    problems.push({
      field: 'ownerId',
      zh: '项目负责人应为在职的专班工作人员账号',
      en: 'The owner must be an active staff user',
    });
  }

  if (input.keyTaskId !== null) {
    const [task] = await tx.query(`SELECT chain_id FROM key_task WHERE id = $1`, [input.keyTaskId]);
    if (!task) {
      problems.push({ field: 'keyTaskId', zh: '没有该重点任务', en: 'No such key task' });
    } else if (task.chain_id !== chainId && !relatedChainIds.includes(task.chain_id)) {
      problems.push({
        field: 'keyTaskId',
        zh: '该重点任务不属于项目所属或相关的产业链',
        en: "The key task belongs to none of the project's chains",
      });
    }
  }

  if (input.chainLinkId !== undefined && input.chainLinkId !== null) {
    const [link] = await tx.query(
      `SELECT m.chain_id FROM chain_map_link l JOIN chain_map m ON m.id = l.map_id WHERE l.id = $1`,
      [input.chainLinkId],
    );
    if (!link) {
      problems.push({ field: 'chainLinkId', zh: '没有该招商图谱环节', en: 'No such link of a chain map' });
    } else if (link.chain_id !== chainId) {
      problems.push({
        field: 'chainLinkId',
        zh: '该环节不属于项目所属产业链的招商图谱',
        en: "The link is not on the map of the project's chain",
      });
    }
  }

  if (input.eventId !== undefined && input.eventId !== null) {
    const [event] = await tx.query(`SELECT 1 FROM promotion_event WHERE id = $1`, [input.eventId]);
    if (!event) problems.push({ field: 'eventId', zh: '没有该招商活动', en: 'No such promotion event' });
  }

  if (problems.length || chainId === undefined || !investorName) return { problems, resolved: null };
  return { problems, resolved: { chainId, relatedChainIds, investorName } };
}

/**
 * A project's responsible unit and owner must serve its chain on the day (README "The year's plan":
 * the unit is one of chain_units_on(day) for the chain, the owner a staff user whose unit is, as
 * chain_access gives it). Only what is given is checked.
 */
export async function chainServiceProblems(
  tx: EntityManager,
  chainId: number,
  check: { unitId?: number; ownerId?: string },
  day: string,
): Promise<RuleProblem[]> {
  const problems: RuleProblem[] = [];
  const [row] = await tx.query(
    `SELECT (SELECT name_zh FROM chain WHERE id = $1) AS chain,
            ($2::integer IS NULL OR EXISTS (SELECT 1 FROM chain_units_on($4::date) cu WHERE cu.chain_id = $1 AND cu.unit_id = $2)) AS unit_serves,
            ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM chain_access($3::uuid, $4::date) a WHERE a.chain_id = $1 AND a.editable)) AS owner_serves,
            (SELECT name FROM unit WHERE id = $2) AS unit_name,
            (SELECT display_name FROM app_user WHERE id = $3::uuid) AS owner_name`,
    [chainId, check.unitId ?? null, check.ownerId ?? null, day],
  );
  if (!row.unit_serves) {
    problems.push({
      field: 'responsibleUnitId',
      zh: `责任单位“${row.unit_name ?? check.unitId}”${day}不负责${row.chain}，请选择负责该产业链的单位`,
      en: `The responsible unit does not serve the project's chain on ${day}`,
    });
  }
  if (!row.owner_serves) {
    problems.push({
      field: 'ownerId',
      zh: `项目负责人“${row.owner_name ?? check.ownerId}”不是${row.chain}责任单位的专班工作人员（${day}），请选择该产业链的专班人员`,
      en: `The owner is not staff of a unit serving the project's chain on ${day}`,
    });
  }
  return problems;
}
