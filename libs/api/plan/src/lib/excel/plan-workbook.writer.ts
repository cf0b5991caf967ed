import { addTableSheet, newWorkbook, type ExportColumn } from '@crm/api/core';
import {
  NO,
  PLAN_SHEETS,
  SECTOR_LABELS,
  STAGE_LABELS,
  YES,
  type AnnualPlanView,
  type KeyTaskGoalView,
  type KeyTaskMilestoneView,
  type PlanChainTarget,
  type PlanKeyTaskView,
  type SectorGrowthTarget,
} from '@crm/domain';
import type { Workbook } from 'exceljs';

const yesNo = (v: boolean) => (v ? YES : NO);

export const TARGET_COLUMNS: ExportColumn<PlanChainTarget>[] = [
  { header: '产业链', kind: 'text', width: 18, value: (t) => t.chainNameZh },
  { header: '签约金额（万元）', kind: 'amount', value: (t) => t.signedAmount },
  {
    header: '签约金额以上',
    kind: 'text',
    width: 10,
    value: (t) => yesNo(t.signedAtLeast),
  },
  { header: '到位资金（万元）', kind: 'amount', value: (t) => t.fundsInPlace },
  {
    header: '到位资金以上',
    kind: 'text',
    width: 10,
    value: (t) => yesNo(t.fundsAtLeast),
  },
  {
    header: '大项目门槛（万元）',
    kind: 'amount',
    value: (t) => t.bigProjectThreshold,
  },
  {
    header: '大项目个数',
    kind: 'integer',
    width: 10,
    value: (t) => t.bigProjectMinCount,
  },
  {
    header: '个数不少于',
    kind: 'text',
    width: 10,
    value: (t) => yesNo(t.bigProjectAtLeast),
  },
];

type TaskRow = PlanKeyTaskView & { chainNameZh: string };
type MilestoneRow = KeyTaskMilestoneView & {
  chainNameZh: string;
  taskSeq: number;
};
type GoalRow = KeyTaskGoalView & { chainNameZh: string; taskSeq: number };

const TASK_COLUMNS: ExportColumn<TaskRow>[] = [
  { header: '产业链', kind: 'text', width: 18, value: (t) => t.chainNameZh },
  { header: '任务序号', kind: 'integer', width: 10, value: (t) => t.seq },
  { header: '任务内容', kind: 'text', width: 80, value: (t) => t.text },
  {
    header: '责任单位',
    kind: 'text',
    width: 40,
    value: (t) => t.units.map((u) => u.name).join('、'),
  },
];

const MILESTONE_COLUMNS: ExportColumn<MilestoneRow>[] = [
  { header: '产业链', kind: 'text', width: 18, value: (m) => m.chainNameZh },
  { header: '任务序号', kind: 'integer', width: 10, value: (m) => m.taskSeq },
  { header: '项目名称', kind: 'text', width: 40, value: (m) => m.projectName },
  {
    header: '年底目标阶段',
    kind: 'text',
    width: 14,
    value: (m) => STAGE_LABELS[m.targetStage],
  },
  { header: '方案表述', kind: 'text', width: 20, value: (m) => m.wording },
];

const GOAL_COLUMNS: ExportColumn<GoalRow>[] = [
  { header: '产业链', kind: 'text', width: 18, value: (g) => g.chainNameZh },
  { header: '任务序号', kind: 'integer', width: 10, value: (g) => g.taskSeq },
  { header: '目标名称', kind: 'text', width: 30, value: (g) => g.label },
  { header: '计量单位', kind: 'text', width: 10, value: (g) => g.measureUnit },
  { header: '目标值', kind: 'number', value: (g) => g.target },
  { header: '完成值', kind: 'number', value: (g) => g.achieved },
];

const SECTOR_COLUMNS: ExportColumn<SectorGrowthTarget>[] = [
  {
    header: '行业',
    kind: 'text',
    width: 16,
    value: (s) => SECTOR_LABELS[s.sector],
  },
  {
    header: '到位资金同比增长（%）',
    kind: 'number',
    width: 20,
    value: (s) => s.growthRate,
  },
];

type HeadRow = { label: string; value: string | number | null };
const HEAD_COLUMNS: ExportColumn<HeadRow>[] = [
  { header: '项目', kind: 'text', width: 24, value: (r) => r.label },
  {
    header: '内容',
    kind: 'text',
    width: 24,
    value: (r) => (r.value === null ? null : String(r.value)),
  },
];

/**
 * A year's plan as a workbook, one sheet per part, in the layout the import reads back: a
 * download edited in Excel and uploaded again changes exactly what was edited.
 */
export function planWorkbook(plan: AnnualPlanView, chainNames: Map<string, string>): Workbook {
  const workbook = newWorkbook();
  const name = (code: string) => chainNames.get(code) ?? code;
  addTableSheet(
    workbook,
    PLAN_SHEETS.head,
    HEAD_COLUMNS,
    [
      { label: '年度', value: plan.year },
      { label: '状态', value: plan.status === 'published' ? '已发布' : '草稿' },
      { label: '全市签约金额（万元）', value: plan.citySignedAmount },
      { label: '签约金额以上', value: yesNo(plan.citySignedAtLeast) },
      { label: '全市到位资金（万元）', value: plan.cityFundsInPlace },
      { label: '到位资金以上', value: yesNo(plan.cityFundsAtLeast) },
    ],
    `${plan.year}年度招商引资工作方案`,
  );
  addTableSheet(workbook, PLAN_SHEETS.targets, TARGET_COLUMNS, plan.targets);
  addTableSheet(workbook, PLAN_SHEETS.sectors, SECTOR_COLUMNS, plan.sectorGrowth);
  addTableSheet(
    workbook,
    PLAN_SHEETS.keyTasks,
    TASK_COLUMNS,
    plan.keyTasks.map((k) => ({ ...k, chainNameZh: name(k.chainCode) })),
  );
  addTableSheet(
    workbook,
    PLAN_SHEETS.milestones,
    MILESTONE_COLUMNS,
    plan.keyTasks.flatMap((k) =>
      k.milestones.map((m) => ({
        ...m,
        chainNameZh: name(k.chainCode),
        taskSeq: k.seq,
      })),
    ),
  );
  addTableSheet(
    workbook,
    PLAN_SHEETS.goals,
    GOAL_COLUMNS,
    plan.keyTasks.flatMap((k) =>
      k.goals.map((g) => ({
        ...g,
        chainNameZh: name(k.chainCode),
        taskSeq: k.seq,
      })),
    ),
  );
  return workbook;
}
