import { ACTIVITY_KINDS, PROJECT_TEXT_LIMITS as L, type ActivityInput, type ActivityKind } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsText, OptionalText, RequiredText } from '@crm/api/core';

const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

const participants = (zh: string, en: string) => (target: object, propertyName: string) => {
  IsOptional()(target, propertyName);
  Transform(trimEach)(target, propertyName);
  IsArray({ message: `${zh}应为名单列表 / ${en} must be a list of names` })(target, propertyName);
  ArrayMaxSize(L.participants, {
    message: `${zh}最多${L.participants}人 / At most ${L.participants} ${en.toLowerCase()}`,
  })(target, propertyName);
  IsText({ zh: `${zh}姓名`, en: `Each name of ${en.toLowerCase()}` }, { max: L.participant, required: true, each: true })(
    target,
    propertyName,
  );
};

/** POST /api/projects/:id/activities: see ActivityInput. */
export class CreateActivityDto implements ActivityInput {
  @ApiProperty({ enum: ACTIVITY_KINDS })
  @IsIn(ACTIVITY_KINDS, { message: `跟进方式应为以下之一 / The kind must be one of: ${ACTIVITY_KINDS.join(', ')}` })
  kind!: ActivityKind;

  @ApiProperty({ example: '2025-03-12' })
  @IsCalendarDate({ zh: '跟进日期', en: 'The date' })
  occurredOn!: string;

  @ApiPropertyOptional({ type: [String], description: '我方参加人员' })
  @participants('我方人员', 'Our participants')
  ourParticipants?: string[];

  @ApiPropertyOptional({ type: [String], description: '对方参加人员' })
  @participants('对方人员', 'Their participants')
  theirParticipants?: string[];

  @ApiProperty({ maxLength: L.activitySummary })
  @RequiredText({ zh: '跟进内容', en: 'The summary' }, L.activitySummary)
  summary!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: L.nextStep })
  @OptionalText({ zh: '下一步工作', en: 'The next step' }, L.nextStep)
  nextStep?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2025-03-26' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsCalendarDate({ zh: '下次跟进日期', en: 'The next follow-up date' }, { plausible: true })
  nextFollowUpOn?: string | null;

  @ApiPropertyOptional({ description: '重大事项: notifies the office at once' })
  @IsOptional()
  @IsBoolean({ message: '重大事项标记应为 true 或 false / major must be true or false' })
  major?: boolean;

  @ApiPropertyOptional({ type: [String], description: '参加的联系人 (contact ids of the project’s firm or its group)' })
  @IsOptional()
  @IsArray({ message: '参加的联系人应为列表 / contactIds must be a list' })
  @ArrayMaxSize(L.participants, { message: `参加的联系人最多${L.participants}人 / At most ${L.participants} contacts` })
  @ArrayUnique({ message: '参加的联系人不能重复 / contactIds must not repeat' })
  @IsUUID('all', { each: true, message: '参加的联系人应为联系人编号 / contactIds must be contact ids' })
  contactIds?: string[];
}
