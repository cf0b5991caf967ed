import { IsId, IsYearMonth } from '@crm/api/core';
import type { RemindUnitInput } from '@crm/domain';
import { ApiProperty } from '@nestjs/swagger';

const PERIOD_MESSAGE =
  '报告期应为 YYYY-MM 格式 / The period must be written YYYY-MM';

/** POST /api/monthly-reports/reminders: 一键催报 of one unit for one period. */
export class RemindUnitDto implements RemindUnitInput {
  @ApiProperty({ example: 3 })
  @IsId({ zh: '责任单位', en: 'unitId' })
  unitId!: number;

  @ApiProperty({ example: '2025-03' })
  @IsYearMonth({ message: PERIOD_MESSAGE })
  period!: string;
}
