import { loadWorkbook } from '@crm/api/core';
import {
  NO,
  PLAN_SHEETS,
  SECTOR_LABELS,
  SECTORS,
  STAGE_LABELS,
  STAGES,
  WAN_INPUT_MESSAGES,
  YES,
  wanInputProblem,
  type ChainCode,
  type PlanBodyInput,
  type PlanSheetProblem,
  type Sector,
  type Stage,
} from '@crm/domain';
import type { Worksheet } from 'exceljs';

/** What the reader resolves names against: chains by name or code, units by name or alias. */
export interface PlanNames {
  chains: Map<string, ChainCode>;
  units: Map<string, number>;
}

type Cell = string | null;

interface Table {
  sheet: string;
  /** 1-based Excel row of each data row. */
  rows: { row: number; cells: Map<string, Cell> }[];
}

/**
 * Reads a plan workbook (the layout planWorkbook writes) into a plan body, naming every problem
 * by sheet, row and column. Nothing is written here; the body goes to the preview.
 */
export async function readPlanWorkbook(
  bytes: Buffer,
  names: PlanNames,
): Promise<{ body: PlanBodyInput | null; problems: PlanSheetProblem[] }> {
  const problems: PlanSheetProblem[] = [];
  let workbook;
  try {
    workbook = await loadWorkbook(bytes);
  } catch {
    return {
      body: null,
      problems: [
        {
          sheet: '',
          row: null,
          column: null,
          message: '工作簿无法读取 / The workbook cannot be read',
        },
      ],
    };
  }
  const table = (sheet: string, first: string, required: string[]): Table | null => {
    const ws = workbook.getWorksheet(sheet);
    if (!ws) {
      problems.push({
        sheet,
        row: null,
        column: null,
        message: `缺少工作表“${sheet}” / The sheet ${sheet} is missing`,
      });
      return null;
    }
    return readTable(ws, sheet, first, required, problems);
  };
  const head = table(PLAN_SHEETS.head, '项目', ['项目', '内容']);
  const targets = table(PLAN_SHEETS.targets, '产业链', [
    '产业链',
    '签约金额（万元）',
    '签约金额以上',
    '到位资金（万元）',
    '到位资金以上',
    '大项目门槛（万元）',
    '大项目个数',
    '个数不少于',
  ]);
  const sectors = table(PLAN_SHEETS.sectors, '行业', ['行业', '到位资金同比增长（%）']);
  const tasks = table(PLAN_SHEETS.keyTasks, '产业链', ['产业链', '任务序号', '任务内容', '责任单位']);
  const milestones = table(PLAN_SHEETS.milestones, '产业链', ['产业链', '任务序号', '项目名称', '年底目标阶段', '方案表述']);
  const goals = table(PLAN_SHEETS.goals, '产业链', ['产业链', '任务序号', '目标名称', '计量单位', '目标值', '完成值']);
  if (!head || !targets || !sectors || !tasks || !milestones || !goals) return { body: null, problems };

  const at = (t: Table, row: number, column: string, message: string) => problems.push({ sheet: t.sheet, row, column, message });
  const amount = (t: Table, row: number, column: string, value: Cell, allowZero = false): string | null => {
    if (value === null) {
      at(t, row, column, `请填写${column} / ${column} is required`);
      return null;
    }
    const problem = wanInputProblem(value, { allowZero });
    if (problem) {
      at(t, row, column, `${WAN_INPUT_MESSAGES[problem].zh} / ${WAN_INPUT_MESSAGES[problem].en}`);
      return null;
    }
    return value;
  };
  const yesNo = (t: Table, row: number, column: string, value: Cell): boolean => {
    if (value === YES) return true;
    if (value === NO) return false;
    at(t, row, column, `${column}应填“是”或“否” / ${column} must be 是 or 否`);
    return false;
  };
  const chain = (t: Table, row: number, value: Cell): ChainCode | null => {
    const code = value === null ? undefined : names.chains.get(value);
    if (!code) at(t, row, '产业链', `未知的产业链“${value ?? ''}” / Unknown chain`);
    return code ?? null;
  };
  const integer = (t: Table, row: number, column: string, value: Cell, min: number): number | null => {
    if (value === null || !/^\d{1,4}$/.test(value) || Number(value) < min) {
      at(t, row, column, `${column}应为不小于${min}的整数 / ${column} must be a whole number of at least ${min}`);
      return null;
    }
    return Number(value);
  };

  const headValue = (label: string) => head.rows.find((r) => r.cells.get('项目') === label);
  const headCell = (label: string) => headValue(label)?.cells.get('内容') ?? null;
  const headRow = (label: string) => headValue(label)?.row ?? 0;
  const citySigned = headCell('全市签约金额（万元）');
  const cityFunds = headCell('全市到位资金（万元）');
  const body: PlanBodyInput = {
    citySignedAmount: citySigned === null ? null : amount(head, headRow('全市签约金额（万元）'), '内容', citySigned),
    citySignedAtLeast: yesNo(head, headRow('签约金额以上'), '内容', headCell('签约金额以上')),
    cityFundsInPlace: cityFunds === null ? null : amount(head, headRow('全市到位资金（万元）'), '内容', cityFunds),
    cityFundsAtLeast: yesNo(head, headRow('到位资金以上'), '内容', headCell('到位资金以上')),
    targets: [],
    sectorGrowth: [],
    keyTasks: [],
  };

  for (const { row, cells } of targets.rows) {
    const code = chain(targets, row, cells.get('产业链') ?? null);
    const signed = amount(targets, row, '签约金额（万元）', cells.get('签约金额（万元）') ?? null);
    const funds = amount(targets, row, '到位资金（万元）', cells.get('到位资金（万元）') ?? null);
    const threshold = amount(targets, row, '大项目门槛（万元）', cells.get('大项目门槛（万元）') ?? '0', true);
    const count = integer(targets, row, '大项目个数', cells.get('大项目个数') ?? '0', 0);
    if (threshold !== null && count !== null && Number(threshold) > 0 !== count > 0) {
      at(targets, row, '大项目个数', '大项目门槛与个数应同时填写或同时为0 / A threshold and a count go together');
    }
    if (code && body.targets.some((t) => t.chainCode === code))
      at(targets, row, '产业链', '同一产业链只能有一行 / One row per chain');
    if (code && signed && funds && threshold !== null && count !== null) {
      body.targets.push({
        chainCode: code,
        signedAmount: signed,
        signedAtLeast: yesNo(targets, row, '签约金额以上', cells.get('签约金额以上') ?? null),
        fundsInPlace: funds,
        fundsAtLeast: yesNo(targets, row, '到位资金以上', cells.get('到位资金以上') ?? null),
        bigProjectThreshold: threshold,
        bigProjectMinCount: count,
        bigProjectAtLeast: yesNo(targets, row, '个数不少于', cells.get('个数不少于') ?? null),
      });
    }
  }

  for (const { row, cells } of sectors.rows) {
    const label = cells.get('行业') ?? null;
    const sector = SECTORS.find((s) => SECTOR_LABELS[s] === label || s === label) as Sector | undefined;
    const rate = cells.get('到位资金同比增长（%）') ?? null;
    if (!sector) at(sectors, row, '行业', `行业应为${SECTORS.map((s) => SECTOR_LABELS[s]).join('、')} / Unknown sector`);
    if (rate === null || !/^-?\d{1,3}(\.\d{1,2})?$/.test(rate)) {
      at(
        sectors,
        row,
        '到位资金同比增长（%）',
        '增长目标应为百分数，最多两位小数 / The growth target is a percentage with at most 2 decimals',
      );
    } else if (sector) {
      body.sectorGrowth.push({ sector, growthRate: rate });
    }
  }

  const taskKey = (code: ChainCode, seq: number) => `${code}#${seq}`;
  const taskByKey = new Map<string, PlanBodyInput['keyTasks'][number]>();
  for (const { row, cells } of tasks.rows) {
    const code = chain(tasks, row, cells.get('产业链') ?? null);
    const seq = integer(tasks, row, '任务序号', cells.get('任务序号') ?? null, 1);
    const text = cells.get('任务内容') ?? null;
    if (text === null) at(tasks, row, '任务内容', '请填写任务内容 / The task text is required');
    const unitIds: number[] = [];
    for (const name of (cells.get('责任单位') ?? '')
      .split(/[、，,;；\n]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const id = names.units.get(name);
      if (id === undefined) at(tasks, row, '责任单位', `未知的单位“${name}” / Unknown unit ${name}`);
      else if (!unitIds.includes(id)) unitIds.push(id);
    }
    if (unitIds.length === 0) at(tasks, row, '责任单位', '请填写责任单位 / Name the responsible units');
    if (code && seq !== null && text !== null) {
      if (taskByKey.has(taskKey(code, seq))) at(tasks, row, '任务序号', '同一产业链的任务序号重复 / The task number repeats');
      const task = {
        chainCode: code,
        seq,
        text,
        unitIds,
        milestones: [],
        goals: [],
      };
      taskByKey.set(taskKey(code, seq), task);
      body.keyTasks.push(task);
    }
  }
  const ownerTask = (t: Table, row: number, cells: Map<string, Cell>) => {
    const code = chain(t, row, cells.get('产业链') ?? null);
    const seq = integer(t, row, '任务序号', cells.get('任务序号') ?? null, 1);
    const task = code && seq !== null ? taskByKey.get(taskKey(code, seq)) : undefined;
    if (code && seq !== null && !task) at(t, row, '任务序号', `“重点任务”表中没有该产业链的任务${seq} / No such key task`);
    return task;
  };
  for (const { row, cells } of milestones.rows) {
    const task = ownerTask(milestones, row, cells);
    const projectName = cells.get('项目名称') ?? null;
    const label = cells.get('年底目标阶段') ?? null;
    const stage = STAGES.find((s) => STAGE_LABELS[s] === label || s === label) as Stage | undefined;
    if (projectName === null) at(milestones, row, '项目名称', '请填写项目名称 / The project name is required');
    if (!stage)
      at(milestones, row, '年底目标阶段', `目标阶段应为${STAGES.map((s) => STAGE_LABELS[s]).join('、')}之一 / Unknown stage`);
    if (task && projectName !== null && stage) {
      task.milestones.push({
        projectName,
        targetStage: stage,
        wording: cells.get('方案表述') ?? '',
      });
    }
  }
  for (const { row, cells } of goals.rows) {
    const task = ownerTask(goals, row, cells);
    const label = cells.get('目标名称') ?? null;
    const unit = cells.get('计量单位') ?? null;
    const target = cells.get('目标值') ?? null;
    const achieved = cells.get('完成值') ?? null;
    if (label === null) at(goals, row, '目标名称', '请填写目标名称 / The goal is required');
    if (unit === null) at(goals, row, '计量单位', '请填写计量单位 / The unit is required');
    const decimal = /^\d{1,14}(\.\d{1,4})?$/;
    if (target === null || !decimal.test(target) || Number(target) <= 0)
      at(goals, row, '目标值', '目标值应为正数 / The target must be a positive number');
    if (achieved !== null && !decimal.test(achieved))
      at(goals, row, '完成值', '完成值应为非负数 / The achieved figure must be a number');
    if (task && label !== null && unit !== null && target !== null && decimal.test(target) && Number(target) > 0) {
      task.goals.push({
        label,
        measureUnit: unit,
        target,
        ...(achieved !== null && decimal.test(achieved) ? { achieved } : {}),
      });
    }
  }
  return { body: problems.length ? null : body, problems };
}

/** The header row (within the first three rows, its first cell `first`) and the rows under it. */
function readTable(ws: Worksheet, sheet: string, first: string, required: string[], problems: PlanSheetProblem[]): Table | null {
  let headerRow = 0;
  for (let r = 1; r <= Math.min(3, ws.rowCount); r++) {
    if (text(ws.getRow(r).getCell(1).value) === first) {
      headerRow = r;
      break;
    }
  }
  if (!headerRow) {
    problems.push({
      sheet,
      row: null,
      column: null,
      message: `工作表“${sheet}”前3行中找不到表头“${first}” / No header row found`,
    });
    return null;
  }
  const headers = new Map<number, string>();
  ws.getRow(headerRow).eachCell((cell, col) => {
    const h = text(cell.value);
    if (h) headers.set(col, h);
  });
  const missing = required.filter((h) => ![...headers.values()].includes(h));
  if (missing.length) {
    problems.push({
      sheet,
      row: headerRow,
      column: null,
      message: `缺少列：${missing.join('、')} / Missing columns: ${missing.join(', ')}`,
    });
    return null;
  }
  const rows: Table['rows'] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = new Map<string, Cell>();
    for (const [col, h] of headers) cells.set(h, text(ws.getRow(r).getCell(col).value));
    if ([...cells.values()].every((v) => v === null)) continue;
    rows.push({ row: r, cells });
  }
  return { sheet, rows };
}

/** A cell as trimmed text (numbers in their shortest decimal writing); null when blank. */
function text(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? YES : NO;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      result?: unknown;
      text?: string;
    };
    if (v.richText) return text(v.richText.map((p) => p.text).join(''));
    if ('result' in v) return text(v.result);
    if (typeof v.text === 'string') return text(v.text);
    return null;
  }
  const s = String(value).trim();
  return s === '' ? null : s;
}
