import { IsCalendarDate, IsId, IsVersion, IsYearMonth, RequiredText } from '@crm/api/core';
import type { ExtendDeadlineInput, LockPeriodInput, OpenPeriodInput, SetCutoffInput } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateIf } from 'class-validator';

/** POST /api/reporting-periods */
export class OpenPeriodDto implements OpenPeriodInput {
  @ApiProperty({ example: '2025-03' })
  @IsYearMonth({ message: '报告期应为 YYYY-MM 格式 / The period must be written YYYY-MM' })
  period!: string;

  @ApiPropertyOptional({
    nullable: true,
    example: '2025-02-26T00:00:00+08:00',
    description: 'Defaults to now',
  })
  @IsOptional()
  @IsCalendarDate({ zh: '开放时间', en: 'opensAt' }, { time: 'allowed', plausible: true })
  opensAt?: string | null;
}

/** POST /api/reporting-periods/:period/extensions */
export class ExtendDeadlineDto implements ExtendDeadlineInput {
  @ApiProperty()
  @IsId({ zh: '单位', en: 'unitId' })
  unitId!: number;

  @ApiProperty({ example: '2025-03-28' })
  @IsCalendarDate({ zh: '延期日期', en: 'extendedTo' }, { plausible: true })
  extendedTo!: string;

  @ApiProperty({ maxLength: 500 })
  @RequiredText({ zh: '延期理由', en: 'The reason for the extension' }, 500)
  reason!: string;

  @ApiPropertyOptional({ description: 'The version of the period read; a stale one answers 409 with the current period' })
  @IsOptional()
  @IsVersion({ zh: '报告期', en: 'the reporting period' }, 1)
  version?: number;
}

/** POST /api/reporting-periods/:period/lock */
export class LockPeriodDto implements LockPeriodInput {
  @ApiPropertyOptional({ description: 'The version of the period read; a stale one answers 409 with the current period' })
  @IsOptional()
  @IsVersion({ zh: '报告期', en: 'the reporting period' }, 1)
  version?: number;
}

/** PUT /api/reporting-periods/:period/cutoff */
export class SetCutoffDto implements SetCutoffInput {
  @ApiProperty({ nullable: true, example: '2025-03-25', description: 'Within the period\'s month; null restores the default (the 25th; 31 December)' })
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate({ zh: '统计截止日', en: 'cutoff' })
  cutoff!: string | null;

  @ApiPropertyOptional({ description: 'The version of the period read; a stale one answers 409 with the current period' })
  @IsOptional()
  @IsVersion({ zh: '报告期', en: 'the reporting period' }, 1)
  version?: number;
}
