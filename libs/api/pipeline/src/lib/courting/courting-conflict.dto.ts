import { IntRange, IsVersion, OptionalText } from '@crm/api/core';
import type { CourtingDecisionInput } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

/** GET /api/courting-conflicts: open ones (default) or all. */
export class ListCourtingConflictsDto {
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'open 应为 true 或 false / open must be true or false' })
  open?: boolean;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IntRange({ zh: '条数 limit', en: 'limit' }, 1, 200)
  limit = 50;
}

/** POST /api/courting-conflicts/:id/decision: see CourtingDecisionInput. */
export class CourtingDecisionDto implements CourtingDecisionInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: '请选择牵头的项目 / Choose the leading project' })
  leadProjectId!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: 500 })
  @OptionalText({ zh: '说明', en: 'The note' }, 500)
  note?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsVersion({ zh: '撞车提醒', en: 'the courting alert' }, 1)
  version?: number;
}
