import { IsText, IsVersion, Trim } from '@crm/api/core';
import type { DocumentSettingInput } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

/** PUT /api/document-settings/:key — the key's own length limit is checked by the service. */
export class DocumentSettingDto implements DocumentSettingInput {
  @ApiProperty({ example: '格尔木市招商引资工作领导小组办公室' })
  @Trim()
  @IsText({ zh: '设置内容', en: 'The value' }, { max: 200, required: true })
  value!: string;

  @ApiPropertyOptional({ example: 1, description: 'The version read; a stale one answers 409' })
  @IsOptional()
  @IsVersion()
  version?: number;
}
