import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

export const ACTION_ITEM_SUMMARY_BY = ['chain', 'unit'] as const;

/** GET /api/action-items/summary?by=chain|unit&asOf=YYYY-MM-DD */
export class ActionItemSummaryQueryDto {
  @ApiPropertyOptional({ enum: ACTION_ITEM_SUMMARY_BY, default: 'chain' })
  @IsOptional()
  @IsIn(ACTION_ITEM_SUMMARY_BY, { message: '汇总方式应为 chain 或 unit / by must be chain or unit' })
  by?: 'chain' | 'unit';

  @ApiPropertyOptional({ example: '2025-03-31', description: 'Default: today (Asia/Shanghai)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '截至日期应为 YYYY-MM-DD / asOf must be written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '截至日期不是有效日期 / asOf is not a valid date' })
  asOf?: string;
}
