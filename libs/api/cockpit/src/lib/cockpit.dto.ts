import {
  ALERT_SETTING_LIMITS,
  CHAIN_CODES,
  INSTRUCTION_MAX_LENGTH,
  type AlertSettingsInput,
  type AlertThresholds,
  type ChainCode,
  type CockpitQuery,
  type InstructionInput,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsVersion, RequiredText } from '@crm/api/core';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const YEAR = '年份应在2000至2100之间 / year must be between 2000 and 2100';
const MONTH = '月份应为1至12 / month must be 1 to 12';

/** GET /api/cockpit and GET /api/cockpit/chains/:code */
export class CockpitQueryDto implements CockpitQuery {
  @ApiPropertyOptional({ description: 'Defaults to this year (Asia/Shanghai)', example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: YEAR })
  @Min(2000, { message: YEAR })
  @Max(2100, { message: YEAR })
  year?: number;

  @ApiPropertyOptional({ description: '1–12; defaults to this month (December for a past year)', example: 6 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: MONTH })
  @Min(1, { message: MONTH })
  @Max(12, { message: MONTH })
  month?: number;
}

/** GET /api/cockpit/alerts */
export class AlertQueryDto {
  @ApiPropertyOptional({ enum: CHAIN_CODES })
  @IsOptional()
  @IsIn(CHAIN_CODES, { message: `产业链代码应为以下之一 / The chain must be one of: ${CHAIN_CODES.join(', ')}` })
  chain?: ChainCode;
}

const limit = (field: keyof AlertThresholds, zh: string, unit: { zh: string; en: string }) => {
  const { min, max } = ALERT_SETTING_LIMITS[field];
  const message = `${zh}应为${min}至${max}${unit.zh}的整数 / ${field} must be a whole number of ${unit.en} from ${min} to ${max}`;
  return [IsInt({ message }), Min(min, { message }), Max(max, { message })];
};
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };
const MONTHS = { zh: '个月', en: 'months' };

/** PUT /api/settings/alerts: every N at once. */
export class AlertSettingsDto implements AlertSettingsInput {
  @ApiProperty({ example: 6, description: '签约未供地: months at 项目签约' })
  @apply(limit('signedNoLandMonths', '签约未供地月数', MONTHS))
  signedNoLandMonths!: number;

  @ApiProperty({ example: 6, description: '供地未开工: months at 项目供地' })
  @apply(limit('landNotStartedMonths', '供地未开工月数', MONTHS))
  landNotStartedMonths!: number;

  @ApiProperty({ example: 24, description: '开工未投产: the standard construction period in months' })
  @apply(limit('constructionMonths', '建设周期月数', MONTHS))
  constructionMonths!: number;

  @ApiProperty({ example: 30, description: '长期无跟进: days without activity' })
  @apply(limit('idleDays', '无跟进天数', { zh: '天', en: 'days' }))
  idleDays!: number;

  @ApiPropertyOptional({ example: 4, description: 'The version read; a stale one answers 409' })
  @IsOptional()
  @IsVersion()
  version?: number;
}

/** POST /api/projects/:id/instructions */
export class InstructionDto implements InstructionInput {
  @ApiProperty({ maxLength: INSTRUCTION_MAX_LENGTH, example: '请发改委牵头，本月内协调解决用地指标问题。' })
  @RequiredText({ zh: '批示内容', en: 'The instruction' }, INSTRUCTION_MAX_LENGTH)
  text!: string;
}
