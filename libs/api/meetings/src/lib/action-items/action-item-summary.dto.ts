import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@crm/api/core';
import { IsIn, IsOptional } from 'class-validator';

export const ACTION_ITEM_SUMMARY_BY = ['chain', 'unit'] as const;

/** GET /api/action-items/summary?by=chain|unit&asOf=YYYY-MM-DD */
export class ActionItemSummaryQueryDto {
  @ApiPropertyOptional({ enum: ACTION_ITEM_SUMMARY_BY, default: 'chain' })
  @IsOptional()
  @IsIn(ACTION_ITEM_SUMMARY_BY, { message: '汇总方式应为 chain 或 unit / by must be chain or unit' })
  by?: 'chain' | 'unit';

  @ApiPropertyOptional({ example: '2025-03-31', description: 'Default: today (Asia/Shanghai)' })
  @IsOptional()
  @IsCalendarDate({ zh: '截至日期', en: 'asOf' })
  asOf?: string;
}
