import { CHAIN_CODES, MEETING_KINDS, type ChainCode, type MeetingInput, type MeetingKind, type MeetingPatch } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** POST /api/meetings */
export class MeetingDto implements MeetingInput {
  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS, {
    message: '会议类型应为月调度会、季度推进会、年度总结或联席会议 / kind must be monthly-dispatch, quarterly-review, annual-summary or joint',
  })
  kind!: MeetingKind;

  @ApiProperty({ example: '2025-03-10' })
  @Matches(DATE, { message: '会议日期应为 YYYY-MM-DD / heldOn must be written YYYY-MM-DD' })
  heldOn!: string;

  @ApiProperty({ enum: CHAIN_CODES, isArray: true })
  @IsArray({ message: '请选择会议所属产业链 / Choose the meeting’s chain' })
  @ArrayMinSize(1, { message: '请选择会议所属产业链 / Choose the meeting’s chain' })
  @ArrayMaxSize(CHAIN_CODES.length, { message: '产业链过多 / Too many chains' })
  @IsIn(CHAIN_CODES, { each: true, message: '未知的产业链代码 / Unknown chain code' })
  chains!: ChainCode[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '主持人应为人员编号 / chairPersonId must be a person id' })
  @Min(1, { message: '主持人应为人员编号 / chairPersonId must be a person id' })
  chairPersonId?: number | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 100 })
  @IsOptional()
  @trim()
  @IsString({ message: '主持人姓名应为文字 / chairName must be text' })
  @MaxLength(100, { message: '主持人姓名不超过100字 / chairName is at most 100 characters' })
  chairName?: string | null;

  @ApiProperty({ type: [Number] })
  @IsArray({ message: '参会单位应为单位编号列表 / attendingUnitIds must be a list of unit ids' })
  @ArrayMaxSize(200, { message: '参会单位过多 / Too many attending units' })
  @IsInt({ each: true, message: '参会单位应为单位编号 / attendingUnitIds must be unit ids' })
  attendingUnitIds!: number[];

  @ApiProperty({ type: [String] })
  @IsArray({ message: '参会人员应为姓名列表 / attendees must be a list of names' })
  @ArrayMaxSize(200, { message: '参会人员过多 / Too many attendees' })
  @IsString({ each: true, message: '参会人员应为姓名 / attendees must be names' })
  @MaxLength(100, { each: true, message: '姓名不超过100字 / A name is at most 100 characters' })
  attendees!: string[];

  @ApiProperty({ maxLength: 10000 })
  @IsString({ message: '议程应为文字 / agenda must be text' })
  @MaxLength(10000, { message: '议程不超过10000字 / The agenda is at most 10000 characters' })
  agenda!: string;

  @ApiProperty({ maxLength: 50000 })
  @IsString({ message: '会议纪要应为文字 / minutes must be text' })
  @MaxLength(50000, { message: '会议纪要不超过50000字 / The minutes are at most 50000 characters' })
  minutes!: string;
}

/** PATCH /api/meetings/:id: any of the fields. */
export class MeetingPatchDto implements MeetingPatch {
  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @IsOptional()
  @IsIn(MEETING_KINDS, {
    message: '会议类型应为月调度会、季度推进会、年度总结或联席会议 / kind must be monthly-dispatch, quarterly-review, annual-summary or joint',
  })
  kind?: MeetingKind;

  @ApiPropertyOptional({ example: '2025-03-10' })
  @IsOptional()
  @Matches(DATE, { message: '会议日期应为 YYYY-MM-DD / heldOn must be written YYYY-MM-DD' })
  heldOn?: string;

  @ApiPropertyOptional({ enum: CHAIN_CODES, isArray: true })
  @IsOptional()
  @IsArray({ message: '请选择会议所属产业链 / Choose the meeting’s chain' })
  @ArrayMinSize(1, { message: '请选择会议所属产业链 / Choose the meeting’s chain' })
  @ArrayMaxSize(CHAIN_CODES.length, { message: '产业链过多 / Too many chains' })
  @IsIn(CHAIN_CODES, { each: true, message: '未知的产业链代码 / Unknown chain code' })
  chains?: ChainCode[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '主持人应为人员编号 / chairPersonId must be a person id' })
  @Min(1, { message: '主持人应为人员编号 / chairPersonId must be a person id' })
  chairPersonId?: number | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 100 })
  @IsOptional()
  @trim()
  @IsString({ message: '主持人姓名应为文字 / chairName must be text' })
  @MaxLength(100, { message: '主持人姓名不超过100字 / chairName is at most 100 characters' })
  chairName?: string | null;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray({ message: '参会单位应为单位编号列表 / attendingUnitIds must be a list of unit ids' })
  @ArrayMaxSize(200, { message: '参会单位过多 / Too many attending units' })
  @IsInt({ each: true, message: '参会单位应为单位编号 / attendingUnitIds must be unit ids' })
  attendingUnitIds?: number[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '参会人员应为姓名列表 / attendees must be a list of names' })
  @ArrayMaxSize(200, { message: '参会人员过多 / Too many attendees' })
  @IsString({ each: true, message: '参会人员应为姓名 / attendees must be names' })
  @MaxLength(100, { each: true, message: '姓名不超过100字 / A name is at most 100 characters' })
  attendees?: string[];

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString({ message: '议程应为文字 / agenda must be text' })
  @MaxLength(10000, { message: '议程不超过10000字 / The agenda is at most 10000 characters' })
  agenda?: string;

  @ApiPropertyOptional({ maxLength: 50000 })
  @IsOptional()
  @IsString({ message: '会议纪要应为文字 / minutes must be text' })
  @MaxLength(50000, { message: '会议纪要不超过50000字 / The minutes are at most 50000 characters' })
  minutes?: string;
}
