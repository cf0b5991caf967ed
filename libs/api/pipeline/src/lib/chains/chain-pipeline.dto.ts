import { BOARD_COLUMN_LIMIT, PROJECT_STATUSES, type ProjectStatus } from '@crm/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** GET /api/chains/:code/board */
export class BoardQueryDto {
  @ApiPropertyOptional({ description: 'Comma list; default active,paused', example: 'active,paused' })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value,
  )
  @IsIn(PROJECT_STATUSES, {
    each: true,
    message: `状态应为以下之一 / Each status must be one of: ${PROJECT_STATUSES.join(', ')}`,
  })
  status?: ProjectStatus[];

  @ApiPropertyOptional({
    default: BOARD_COLUMN_LIMIT.default,
    maximum: BOARD_COLUMN_LIMIT.max,
    description: 'Cards per column',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 应为整数 / limit must be a whole number' })
  @Min(0, { message: 'limit 不能为负 / limit must not be negative' })
  @Max(BOARD_COLUMN_LIMIT.max, {
    message: `limit 最大为${BOARD_COLUMN_LIMIT.max} / limit must be at most ${BOARD_COLUMN_LIMIT.max}`,
  })
  limit: number = BOARD_COLUMN_LIMIT.default;
}

/** GET /api/chains/:code/progress */
export class ProgressQueryDto {
  @ApiPropertyOptional({ description: 'Defaults to this year (Asia/Shanghai)', example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份应为整数 / year must be a whole number' })
  @Min(2000, { message: '年份应在2000至2100之间 / year must be between 2000 and 2100' })
  @Max(2100, { message: '年份应在2000至2100之间 / year must be between 2000 and 2100' })
  year?: number;
}
