import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsNumberString, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'projectId 应为项目编号 / projectId must be a project id' })
  projectId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'userId 应为用户编号 / userId must be a user id' })
  userId?: string;

  @ApiPropertyOptional({ example: 'project' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  entityType?: string;

  @ApiPropertyOptional({ description: 'from this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({}, { message: 'from 应为日期时间 / from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({}, { message: 'to 应为日期时间 / to must be an ISO 8601 date-time' })
  to?: string;

  /** Next page: entries older than this id. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumberString({}, { message: 'beforeId 应为数字 / beforeId must be a number' })
  beforeId?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}
