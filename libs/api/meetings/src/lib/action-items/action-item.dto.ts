import {
  ACTION_ITEM_FILTERS,
  ACTION_ITEM_STATUSES,
  type ActionItemFilter,
  type ActionItemInput,
  type ActionItemNoteInput,
  type ActionItemStatus,
  type ActionItemStatusInput,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** POST /api/meetings/:id/action-items */
export class ActionItemDto implements ActionItemInput {
  @ApiProperty({ maxLength: 2000 })
  @trim()
  @IsString({ message: '请填写交办事项内容 / Give the action item’s text' })
  @IsNotEmpty({ message: '请填写交办事项内容 / Give the action item’s text' })
  @MaxLength(2000, { message: '交办事项内容不超过2000字 / The text is at most 2000 characters' })
  text!: string;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '项目应为项目编号 / projectId must be a project id' })
  projectId?: string | null;

  @ApiProperty()
  @IsInt({ message: '责任单位应为单位编号 / ownerUnitId must be a unit id' })
  @Min(1, { message: '责任单位应为单位编号 / ownerUnitId must be a unit id' })
  ownerUnitId!: number;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '责任人应为用户编号 / ownerUserId must be a user id' })
  ownerUserId?: string | null;

  @ApiProperty({ example: '2025-04-30' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '办结期限应为 YYYY-MM-DD / dueOn must be written YYYY-MM-DD' })
  dueOn!: string;
}

/** POST /api/action-items/:id/status */
export class ActionItemStatusDto implements ActionItemStatusInput {
  @ApiProperty({ enum: ACTION_ITEM_STATUSES })
  @IsIn(ACTION_ITEM_STATUSES, { message: '状态应为 open、in-progress 或 done / status must be open, in-progress or done' })
  status!: ActionItemStatus;

  @ApiPropertyOptional({ nullable: true, maxLength: 2000, description: 'Required to close (done)' })
  @IsOptional()
  @trim()
  @IsString({ message: '说明应为文字 / note must be text' })
  @MaxLength(2000, { message: '说明不超过2000字 / The note is at most 2000 characters' })
  note?: string | null;
}

/** POST /api/action-items/:id/notes */
export class ActionItemNoteDto implements ActionItemNoteInput {
  @ApiProperty({ maxLength: 2000 })
  @trim()
  @IsString({ message: '请填写进展情况 / Give the progress note' })
  @IsNotEmpty({ message: '请填写进展情况 / Give the progress note' })
  @MaxLength(2000, { message: '进展情况不超过2000字 / The note is at most 2000 characters' })
  text!: string;
}

/** GET /api/action-items */
export class ActionItemListQueryDto {
  @ApiPropertyOptional({ description: 'chain code' })
  @IsOptional()
  @IsString({ message: '产业链代码应为文字 / chain must be a chain code' })
  chain?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '会议应为会议编号 / meetingId must be a meeting id' })
  meetingId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '单位应为单位编号 / unitId must be a unit id' })
  @Min(1, { message: '单位应为单位编号 / unitId must be a unit id' })
  unitId?: number;

  @ApiPropertyOptional({ enum: ACTION_ITEM_FILTERS, default: 'open' })
  @IsOptional()
  @IsIn(ACTION_ITEM_FILTERS, { message: '筛选应为 open、overdue 或 all / filter must be open, overdue or all' })
  filter?: ActionItemFilter;
}
