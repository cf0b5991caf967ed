import { newWorkbook } from '@crm/api/core';
import {
  ENTERPRISE_LEDGER_COLUMNS,
  OWNERSHIP_LABELS,
  PROJECT_LEDGER_COLUMNS,
  PROJECT_STATUS_LABELS,
  SOURCE_CHANNEL_LABELS,
  STAGE_LABELS,
  STAGES,
  templateHeaders,
  type LedgerColumn,
} from '@crm/domain';
import type { Worksheet } from 'exceljs';
import { LEDGER_EXAMPLE_MARK } from '../import/sheet-reader';

/** The last column of a template: the import reads nothing from 备注 but skips the example row by it. */
const NOTE_HEADER = '备注';
/** Rows (after the header) that carry the drop-down lists. */
const LIST_ROWS = 1000;
const CHOICES_SHEET = '选项';

/** What the drop-downs offer: today's chains and units (the rest is fixed). */
export interface TemplateChoices {
  chains: string[];
  units: string[];
}

type Example<F extends string> = Partial<Record<F, string | number>>;

interface TemplateSpec<F extends string> {
  sheetName: string;
  columns: readonly LedgerColumn<F>[];
  example: Example<F>;
  /** A field's drop-down: the list's title in the 选项 sheet and its values. */
  lists: Partial<Record<F, { title: string; values: readonly string[] }>>;
}

/**
 * 招商项目导入模板: the header row the import reads, one example row (grey, marked in 备注 so the
 * import skips it; it may also be deleted), drop-down lists for 所属产业链, 项目阶段, 项目状态,
 * 招商渠道, 责任单位 and 是否重大项目 (a warning, not a refusal, so an alias a unit is known by can
 * still be typed), and date columns shown as YYYY-MM-DD.
 */
export async function projectTemplate(choices: TemplateChoices): Promise<Buffer> {
  const chain = choices.chains[0] ?? '清洁能源产业链';
  const unit = choices.units[0] ?? '';
  return build({
    sheetName: '招商项目',
    columns: PROJECT_LEDGER_COLUMNS,
    example: {
      name: '示例：年产10万吨新材料项目',
      chain,
      investorName: '示例新材料科技有限公司',
      stage: STAGE_LABELS.negotiation,
      status: PROJECT_STATUS_LABELS.active,
      sourceChannel: SOURCE_CHANNEL_LABELS['through-firms'],
      responsibleUnit: unit,
      plannedInvestment: 50000,
      location: '格尔木昆仑经济技术开发区',
      industry: '新材料',
      major: '否',
    },
    lists: {
      chain: { title: '所属产业链', values: choices.chains },
      stage: { title: '项目阶段', values: STAGES.map((s) => STAGE_LABELS[s]) },
      status: { title: '项目状态', values: Object.values(PROJECT_STATUS_LABELS) },
      sourceChannel: { title: '招商渠道', values: Object.values(SOURCE_CHANNEL_LABELS) },
      responsibleUnit: { title: '责任单位', values: choices.units },
      major: { title: '是否重大项目', values: ['是', '否'] },
    },
  });
}

/** 企业导入模板: the header row, an example row the import skips, a drop-down for 所有制. */
export async function enterpriseTemplate(): Promise<Buffer> {
  return build({
    sheetName: '企业库',
    columns: ENTERPRISE_LEDGER_COLUMNS,
    example: { name: '示例新材料科技有限公司', ownership: Object.values(OWNERSHIP_LABELS)[0], region: '青海省格尔木市' },
    lists: { ownership: { title: '所有制', values: Object.values(OWNERSHIP_LABELS) } },
  });
}

async function build<F extends string>(spec: TemplateSpec<F>): Promise<Buffer> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(spec.sheetName);
  const headers = [...templateHeaders(spec.columns), NOTE_HEADER];
  sheet.addRow(headers).font = { bold: true };
  headers.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.max(12, h.length * 2 + 2)));
  sheet.getColumn(headers.length).width = 34;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const example = sheet.addRow([...spec.columns.map((c) => spec.example[c.field] ?? null), LEDGER_EXAMPLE_MARK]);
  example.font = { italic: true, color: { argb: 'FF8C8C8C' } };
  example.eachCell({ includeEmpty: true }, (cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7E6' } };
  });

  spec.columns.forEach((column, i) => {
    if (column.kind === 'date') sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    if (column.kind === 'date') sheet.getCell(1, i + 1).note = '日期请按“年-月-日”填写（YYYY-MM-DD）';
  });
  addLists(workbook.addWorksheet(CHOICES_SHEET, { state: 'hidden' }), sheet, spec);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One column per list in the hidden 选项 sheet; each field's cells offer its column. */
function addLists<F extends string>(choices: Worksheet, sheet: Worksheet, spec: TemplateSpec<F>): void {
  let listColumn = 0;
  spec.columns.forEach((column, i) => {
    const list = spec.lists[column.field];
    if (!list || !list.values.length) return;
    listColumn += 1;
    choices.getCell(1, listColumn).value = list.title;
    list.values.forEach((value, r) => (choices.getCell(r + 2, listColumn).value = value));
    const letter = choices.getColumn(listColumn).letter;
    const range = `'${CHOICES_SHEET}'!$${letter}$2:$${letter}$${list.values.length + 1}`;
    for (let row = 2; row <= LIST_ROWS + 1; row++) {
      sheet.getCell(row, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: column.header,
        error: `请从下拉列表中选择${list.title}`,
      };
    }
  });
}
