import { isSignedStage, type BoardColumnView, type Wan } from '@crm/domain';
import { sumDecimals } from '@crm/web/ui';

/**
 * The amount a column is judged by: before signing, the estimated investment of its projects
 * (计划投资); from 项目签约 on, what was signed (签约金额).
 */
export function columnAmount(column: BoardColumnView): { kind: 'planned' | 'signed'; amount: Wan } {
  return isSignedStage(column.stage)
    ? { kind: 'signed', amount: column.signedAmount }
    : { kind: 'planned', amount: column.plannedInvestment };
}

/** The whole board: projects, the reserve's estimated investment, the signed amount; exact sums. */
export interface BoardTotals {
  count: number;
  /** 储备项目 (stages 1–3): estimated investment. */
  reservePlanned: Wan;
  /** 已签约 (stages 4–7): signed amount. */
  signed: Wan;
}

export function boardTotals(columns: readonly BoardColumnView[]): BoardTotals {
  return {
    count: columns.reduce((sum, c) => sum + c.count, 0),
    reservePlanned: sumDecimals(
      columns.filter((c) => !isSignedStage(c.stage)).map((c) => c.plannedInvestment),
    ),
    signed: sumDecimals(columns.filter((c) => isSignedStage(c.stage)).map((c) => c.signedAmount)),
  };
}
