import {
  ACTION_ITEM_FILTERS,
  ACTION_ITEM_STATUSES,
  type ActionItemFilter,
  type ActionItemInput,
  type ActionItemNoteInput,
  type ActionItemStatus,
  type ActionItemStatusInput,
} from '@crm/domain';
import { IsCalendarDate, IsId, IsText, IsVersion, OptionalText, RequiredText } from '@crm/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

/** POST /api/meetings/:id/action-items */
export class ActionItemDto implements ActionItemInput {
  @ApiProperty({ maxLength: 2000 })
  @RequiredText({ zh: '交办事项内容', en: 'The action item’s text' }, 2000)
  text!: string;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '项目应为项目编号 / projectId must be a project id' })
  projectId?: string | null;

  @ApiProperty()
  @IsId({ zh: '责任单位', en: 'ownerUnitId' })
  ownerUnitId!: number;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '责任人应为用户编号 / ownerUserId must be a user id' })
  ownerUserId?: string | null;

  @ApiProperty({ example: '2025-04-30' })
  @IsCalendarDate({ zh: '办结期限', en: 'dueOn' }, { plausible: true })
  dueOn!: string;
}

/** POST /api/action-items/:id/status */
export class ActionItemStatusDto implements ActionItemStatusInput {
  @ApiProperty({ enum: ACTION_ITEM_STATUSES })
  @IsIn(ACTION_ITEM_STATUSES, { message: '状态应为 open、in-progress 或 done / status must be open, in-progress or done' })
  status!: ActionItemStatus;

  @ApiPropertyOptional({ nullable: true, maxLength: 2000, description: 'Required to close (done)' })
  @OptionalText({ zh: '说明', en: 'The note' }, 2000)
  note?: string | null;

  @ApiProperty({ description: 'The version of the action item read; a stale one answers 409 with the current item' })
  @IsVersion({ zh: '交办事项', en: 'the action item' }, 1)
  version!: number;
}

/** POST /api/action-items/:id/notes */
export class ActionItemNoteDto implements ActionItemNoteInput {
  @ApiProperty({ maxLength: 2000 })
  @RequiredText({ zh: '进展情况', en: 'The progress note' }, 2000)
  text!: string;
}

/** GET /api/action-items */
export class ActionItemListQueryDto {
  @ApiPropertyOptional({ description: 'chain code' })
  @IsOptional()
  @IsText({ zh: '产业链代码', en: 'chain' }, { max: 40 })
  chain?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '会议应为会议编号 / meetingId must be a meeting id' })
  meetingId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsId({ zh: '单位', en: 'unitId' })
  unitId?: number;

  @ApiPropertyOptional({ enum: ACTION_ITEM_FILTERS, default: 'open' })
  @IsOptional()
  @IsIn(ACTION_ITEM_FILTERS, { message: '筛选应为 open、overdue 或 all / filter must be open, overdue or all' })
  filter?: ActionItemFilter;
}
