import { IntRange, IsVersion, PG_INT_MAX } from '@crm/api/core';
import type { OfficeSettingInput } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

/** PUT /api/office-settings/:key; the setting's own bounds are checked by the service. */
export class OfficeSettingDto implements OfficeSettingInput {
  @ApiProperty({ example: 30 })
  @IntRange({ zh: '设置值', en: 'The value' }, 0, PG_INT_MAX)
  value!: number;

  @ApiPropertyOptional({ example: 1, description: 'The version read; a stale one answers 409' })
  @IsOptional()
  @IsVersion()
  version?: number;
}
