import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IntRange, IsCalendarDate, IsId, IsText } from '@crm/api/core';
import { IsNumberString, IsOptional, IsUUID, MaxLength } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'projectId 应为项目编号 / projectId must be a project id' })
  projectId?: string;

  @ApiPropertyOptional({ description: 'who made the change' })
  @IsOptional()
  @IsUUID('all', { message: 'userId 应为用户编号 / userId must be a user id' })
  userId?: string;

  @ApiPropertyOptional({ description: 'changes made by the users of this unit' })
  @IsOptional()
  @Type(() => Number)
  @IsId({ zh: '单位 unitId', en: 'unitId' })
  unitId?: number;

  @ApiPropertyOptional({ example: 'project' })
  @IsOptional()
  @IsText({ zh: '记录类型', en: 'entityType' }, { max: 40 })
  entityType?: string;

  @ApiPropertyOptional({ description: 'from this instant (ISO 8601)' })
  @IsOptional()
  @IsCalendarDate({ zh: '起始时间 from', en: 'from' }, { time: 'allowed' })
  from?: string;

  @ApiPropertyOptional({ description: 'before this instant (ISO 8601)' })
  @IsOptional()
  @IsCalendarDate({ zh: '截止时间 to', en: 'to' }, { time: 'allowed' })
  to?: string;

  @ApiPropertyOptional({ description: 'from this day (YYYY-MM-DD, Asia/Shanghai), inclusive' })
  @IsOptional()
  @IsCalendarDate({ zh: '起始日期', en: 'fromDay' })
  fromDay?: string;

  @ApiPropertyOptional({ description: 'up to this day (YYYY-MM-DD, Asia/Shanghai), inclusive' })
  @IsOptional()
  @IsCalendarDate({ zh: '截止日期', en: 'toDay' })
  toDay?: string;

  /** Next page: entries older than this id. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumberString({ no_symbols: true }, { message: 'beforeId 应为数字 / beforeId must be a number' })
  @MaxLength(18, { message: 'beforeId 过大 / beforeId is too large' })
  beforeId?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IntRange({ zh: '条数 limit', en: 'limit' }, 1, 500)
  limit = 100;
}

export class AuditProjectQueryDto {
  @ApiPropertyOptional({ description: 'words of the project name' })
  @IsOptional()
  @IsText({ zh: '项目名称', en: 'q' }, { max: 100 })
  q?: string;
}
