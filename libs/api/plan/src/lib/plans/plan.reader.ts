import {
  SECTOR_LABELS,
  SECTORS,
  STAGES,
  type AnnualPlanSummary,
  type AnnualPlanView,
  type ChainCode,
  type PlanKeyTaskView,
  type Sector,
  type Stage,
} from '@crm/domain';
import type { EntityManager } from 'typeorm';

interface PlanRow {
  year: number;
  status: 'draft' | 'published';
  city_signed_amount: string | null;
  city_signed_at_least: boolean;
  city_funds_in_place: string | null;
  city_funds_at_least: boolean;
  drafted_from: number | null;
  published_at: Date | null;
  published_by: string | null;
  version: number;
}

interface TargetRow {
  chain_id: number;
  signed_amount: string;
  signed_at_least: boolean;
  funds_in_place: string;
  funds_at_least: boolean;
  big_project_threshold: string;
  big_project_min_count: number;
  big_project_at_least: boolean;
}

/** Reads a year's plan whole: the head, every chain's targets, sector growth and key tasks. */
export async function readPlan(manager: EntityManager, year: number): Promise<AnnualPlanView | null> {
  const [plan]: PlanRow[] = await manager.query(
    `SELECT a.year, a.status, a.city_signed_amount::text, a.city_signed_at_least, a.city_funds_in_place::text,
            a.city_funds_at_least, a.drafted_from, a.published_at, u.display_name AS published_by, a.version
     FROM annual_plan a LEFT JOIN app_user u ON u.id = a.published_by WHERE a.year = $1`,
    [year],
  );
  if (!plan) return null;
  const [chains, targets, growth, tasks, units, milestones, goals] = await Promise.all([
    manager.query(`SELECT id, code, name_zh FROM chain ORDER BY sort_order, id`),
    manager.query(
      `SELECT chain_id, signed_amount::text, signed_at_least, funds_in_place::text, funds_at_least,
              big_project_threshold::text, big_project_min_count, big_project_at_least
       FROM chain_target WHERE year = $1`,
      [year],
    ),
    manager.query(`SELECT sector, growth_rate::text FROM sector_growth_target WHERE year = $1`, [year]),
    manager.query(
      `SELECT k.id, c.code, k.seq, k.text FROM key_task k JOIN chain c ON c.id = k.chain_id
       WHERE k.year = $1 ORDER BY c.sort_order, c.id, k.seq`,
      [year],
    ),
    manager.query(
      `SELECT ku.key_task_id, u.id, u.name FROM key_task_unit ku JOIN unit u ON u.id = ku.unit_id
       JOIN key_task k ON k.id = ku.key_task_id WHERE k.year = $1 ORDER BY ku.sort_order, u.id`,
      [year],
    ),
    manager.query(
      `SELECT m.id, m.key_task_id, m.seq, m.project_name, m.project_id, m.target_stage, m.wording
       FROM key_task_milestone m JOIN key_task k ON k.id = m.key_task_id WHERE k.year = $1 ORDER BY m.seq`,
      [year],
    ),
    manager.query(
      `SELECT g.id, g.key_task_id, g.seq, g.label, g.measure_unit, g.target::text, g.achieved::text,
              to_char(g.achieved_on, 'YYYY-MM-DD') AS achieved_on, g.version
       FROM key_task_goal g JOIN key_task k ON k.id = g.key_task_id WHERE k.year = $1 ORDER BY g.seq`,
      [year],
    ),
  ]);
  const chainById = new Map<number, { code: ChainCode; name_zh: string }>(chains.map((c: { id: number }) => [c.id, c]));
  const keyTasks: PlanKeyTaskView[] = tasks.map((t: { id: number; code: ChainCode; seq: number; text: string }) => ({
    id: t.id,
    chainCode: t.code,
    seq: t.seq,
    text: t.text,
    units: units.filter((u: { key_task_id: number }) => u.key_task_id === t.id).map((u: { id: number; name: string }) => ({ id: u.id, name: u.name })),
    milestones: milestones
      .filter((m: { key_task_id: number }) => m.key_task_id === t.id)
      .map((m: { id: number; seq: number; project_name: string; project_id: string | null; target_stage: Stage; wording: string }) => ({
        id: m.id,
        seq: m.seq,
        projectName: m.project_name,
        projectId: m.project_id,
        targetStage: m.target_stage,
        wording: m.wording,
      })),
    goals: goals
      .filter((g: { key_task_id: number }) => g.key_task_id === t.id)
      .map((g: { id: number; seq: number; label: string; measure_unit: string; target: string; achieved: string; achieved_on: string | null; version: number }) => ({
        id: g.id,
        seq: g.seq,
        label: g.label,
        measureUnit: g.measure_unit,
        target: g.target,
        achieved: g.achieved,
        achievedOn: g.achieved_on,
        version: g.version,
      })),
  }));
  const view: AnnualPlanView = {
    year: plan.year,
    status: plan.status,
    citySignedAmount: plan.city_signed_amount,
    citySignedAtLeast: plan.city_signed_at_least,
    cityFundsInPlace: plan.city_funds_in_place,
    cityFundsAtLeast: plan.city_funds_at_least,
    draftedFrom: plan.drafted_from,
    publishedAt: plan.published_at ? plan.published_at.toISOString() : null,
    publishedBy: plan.published_by,
    version: plan.version,
    targets: (targets as TargetRow[])
      .map((t) => ({
        chainCode: chainById.get(t.chain_id)?.code as ChainCode,
        chainNameZh: chainById.get(t.chain_id)?.name_zh ?? '',
        signedAmount: t.signed_amount,
        signedAtLeast: t.signed_at_least,
        fundsInPlace: t.funds_in_place,
        fundsAtLeast: t.funds_at_least,
        bigProjectThreshold: t.big_project_threshold,
        bigProjectMinCount: t.big_project_min_count,
        bigProjectAtLeast: t.big_project_at_least,
      }))
      .sort((a: { chainCode: ChainCode }, b: { chainCode: ChainCode }) => chainOrder(chains, a.chainCode) - chainOrder(chains, b.chainCode)),
    sectorGrowth: (growth as { sector: Sector; growth_rate: string }[])
      .map((g) => ({ sector: g.sector, growthRate: g.growth_rate }))
      .sort((a, b) => SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector)),
    keyTasks,
    problems: [],
  };
  view.problems = publishProblems(view, chains.map((c: { code: ChainCode; name_zh: string }) => c)).map((p) => p.zh);
  return view;
}

function chainOrder(chains: { code: ChainCode }[], code: ChainCode): number {
  return chains.findIndex((c) => c.code === code);
}

export interface PlanProblem {
  field: string;
  zh: string;
  en: string;
}

/** What publishing refuses: a chain without targets, no city totals, a sector without its growth target, a key task without units. */
export function publishProblems(plan: AnnualPlanView, chains: { code: ChainCode; name_zh: string }[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  for (const chain of chains) {
    if (!plan.targets.some((t) => t.chainCode === chain.code)) {
      problems.push({
        field: `targets.${chain.code}`,
        zh: `${chain.name_zh}尚未填写工作目标`,
        en: `${chain.code} has no targets`,
      });
    }
  }
  if (plan.citySignedAmount === null) {
    problems.push({ field: 'citySignedAmount', zh: '尚未填写全市签约金额目标', en: 'The city signed-amount target is missing' });
  }
  if (plan.cityFundsInPlace === null) {
    problems.push({ field: 'cityFundsInPlace', zh: '尚未填写全市到位资金目标', en: 'The city funds-in-place target is missing' });
  }
  for (const sector of SECTORS) {
    if (!plan.sectorGrowth.some((g) => g.sector === sector)) {
      problems.push({
        field: `sectorGrowth.${sector}`,
        zh: `尚未填写${SECTOR_LABELS[sector]}到位资金同比增长目标`,
        en: `The ${sector} growth target for funds in place is missing`,
      });
    }
  }
  for (const task of plan.keyTasks) {
    if (task.units.length === 0) {
      const chain = chains.find((c) => c.code === task.chainCode);
      problems.push({
        field: `keyTasks.${task.id}.unitIds`,
        zh: `${chain?.name_zh ?? task.chainCode}重点任务${task.seq}未指定责任单位`,
        en: `Key task ${task.seq} of ${task.chainCode} has no responsible unit`,
      });
    }
  }
  return problems;
}


/** Every year with a plan, newest first. */
export async function listPlans(manager: EntityManager): Promise<AnnualPlanSummary[]> {
  const rows: { year: number; status: 'draft' | 'published'; published_at: Date | null; version: number }[] = await manager.query(
    `SELECT year, status, published_at, version FROM annual_plan ORDER BY year DESC`,
  );
  return rows.map((r) => ({
    year: r.year,
    status: r.status,
    publishedAt: r.published_at ? r.published_at.toISOString() : null,
    version: r.version,
  }));
}

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}
