import { IsCalendarDate, IsId, IsVersion, OptionalText, RequiredText } from '@crm/api/core';
import {
  CHAIN_CODES,
  PROMOTION_EVENT_KINDS,
  PROMOTION_EVENT_TEXT_LIMITS as L,
  type ChainCode,
  type PromotionEventInput,
  type PromotionEventKind,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';

const KIND_MESSAGE = `活动形式应为展会、外出招商、论坛、以商招商或网上招商 / kind must be one of: ${PROMOTION_EVENT_KINDS.join(', ')}`;
const CHAIN_MESSAGE = `产业链代码应为以下之一 / chains must be among: ${CHAIN_CODES.join(', ')}`;

/** POST /api/events: a promotion event (招商活动). */
export class PromotionEventDto implements PromotionEventInput {
  @ApiProperty({ example: '第二十五届中国·青海绿色发展投资贸易洽谈会' })
  @RequiredText({ zh: '活动名称', en: 'The event name' }, L.name)
  name!: string;

  @ApiProperty({ enum: PROMOTION_EVENT_KINDS })
  @IsIn(PROMOTION_EVENT_KINDS, { message: KIND_MESSAGE })
  kind!: PromotionEventKind;

  @ApiProperty({ example: '2025-07-06' })
  @IsCalendarDate({ zh: '开始日期', en: 'The start date' })
  startsOn!: string;

  @ApiProperty({ example: '2025-07-09' })
  @IsCalendarDate({ zh: '结束日期', en: 'The end date' })
  endsOn!: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText({ zh: '活动地点', en: 'The place' }, L.place)
  place?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '带队领导 (a person of the reference data)' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsId({ zh: '带队领导', en: 'The leading official' })
  leadPersonId?: number | null;

  @ApiPropertyOptional({ enum: CHAIN_CODES, isArray: true, description: 'Chains served; none: the whole city' })
  @IsOptional()
  @IsArray({ message: '产业链应为列表 / chains must be a list' })
  @ArrayUnique({ message: '产业链不能重复 / chains must not repeat' })
  @IsIn(CHAIN_CODES, { each: true, message: CHAIN_MESSAGE })
  chains?: ChainCode[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray({ message: '参加单位应为列表 / unitIds must be a list' })
  @ArrayMaxSize(100, { message: '参加单位最多100个 / At most 100 units' })
  @ArrayUnique({ message: '参加单位不能重复 / unitIds must not repeat' })
  @IsInt({ each: true, message: '参加单位编号应为正整数 / unitIds must be positive whole numbers' })
  @Min(1, { each: true, message: '参加单位编号应为正整数 / unitIds must be positive whole numbers' })
  @Max(2147483647, { each: true, message: '参加单位编号应为正整数 / unitIds must be positive whole numbers' })
  unitIds?: number[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '洽谈企业应为列表 / enterpriseIds must be a list' })
  @ArrayMaxSize(500, { message: '洽谈企业最多500家 / At most 500 firms' })
  @ArrayUnique({ message: '洽谈企业不能重复 / enterpriseIds must not repeat' })
  @IsUUID('all', { each: true, message: '洽谈企业编号格式不正确 / enterpriseIds must be UUIDs' })
  enterpriseIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '会见联系人应为列表 / contactIds must be a list' })
  @ArrayMaxSize(500, { message: '会见联系人最多500人 / At most 500 contacts' })
  @ArrayUnique({ message: '会见联系人不能重复 / contactIds must not repeat' })
  @IsUUID('all', { each: true, message: '联系人编号格式不正确 / contactIds must be UUIDs' })
  contactIds?: string[];

  @ApiPropertyOptional({ nullable: true })
  @OptionalText({ zh: '备注', en: 'The notes' }, L.notes)
  notes?: string | null;
}

/** PUT /api/events/:id: the whole event again, with the version read. */
export class UpdatePromotionEventDto extends PromotionEventDto {
  @ApiProperty({ description: 'The version the editor loaded' })
  @IsVersion({ zh: '招商活动', en: 'the event' }, 1)
  version!: number;
}
