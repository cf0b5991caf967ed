import type { ExtendDeadlineInput, OpenPeriodInput } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsDateString,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';

const trim = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** POST /api/reporting-periods */
export class OpenPeriodDto implements OpenPeriodInput {
  @ApiProperty({ example: '2025-03' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, {
    message: '报告期应为 YYYY-MM 格式 / The period must be written YYYY-MM',
  })
  period!: string;

  @ApiPropertyOptional({
    nullable: true,
    example: '2025-02-26T00:00:00+08:00',
    description: 'Defaults to now',
  })
  @IsOptional()
  @IsDateString(
    {},
    { message: '开放时间应为 ISO 时间 / opensAt must be an ISO date-time' },
  )
  opensAt?: string | null;
}

/** POST /api/reporting-periods/:period/extensions */
export class ExtendDeadlineDto implements ExtendDeadlineInput {
  @ApiProperty()
  @IsInt({ message: '单位应为单位编号 / unitId must be a unit id' })
  @Min(1, { message: '单位应为单位编号 / unitId must be a unit id' })
  unitId!: number;

  @ApiProperty({ example: '2025-03-28' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, {
    message: '延期日期应为 YYYY-MM-DD / extendedTo must be written YYYY-MM-DD',
  })
  extendedTo!: string;

  @ApiProperty({ maxLength: 500 })
  @trim()
  @IsString({ message: '请填写延期理由 / Give the reason for the extension' })
  @IsNotEmpty({ message: '请填写延期理由 / Give the reason for the extension' })
  @MaxLength(500, {
    message: '延期理由不超过500字 / The reason is at most 500 characters',
  })
  reason!: string;
}
