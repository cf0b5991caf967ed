import type { RemindUnitInput } from '@crm/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Min } from 'class-validator';

const PERIOD_MESSAGE =
  '报告期应为 YYYY-MM 格式 / The period must be written YYYY-MM';

/** POST /api/monthly-reports/reminders: 一键催报 of one unit for one period. */
export class RemindUnitDto implements RemindUnitInput {
  @ApiProperty({ example: 3 })
  @IsInt({ message: '请指定责任单位 / unitId must be a unit id' })
  @Min(1, { message: '请指定责任单位 / unitId must be a unit id' })
  unitId!: number;

  @ApiProperty({ example: '2025-03' })
  @IsString({ message: PERIOD_MESSAGE })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: PERIOD_MESSAGE })
  period!: string;
}
