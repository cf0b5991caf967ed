import { CHAIN_CODES, MEETING_KINDS, type ChainCode, type MeetingInput, type MeetingKind, type MeetingPatch } from '@crm/domain';
import { IsCalendarDate, IsId, IsText, IsVersion, OptionalText } from '@crm/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateIf } from 'class-validator';

const HELD_ON = { zh: '会议日期', en: 'heldOn' };
const CHAIR = { zh: '主持人', en: 'chairPersonId' };
const CHAIR_NAME = { zh: '主持人姓名', en: 'chairName' };
const UNIT = { zh: '参会单位', en: 'attendingUnitIds' };
const ATTENDEE = { zh: '参会人员姓名', en: 'An attendee’s name' };
const AGENDA = { zh: '议程', en: 'The agenda' };
const MINUTES = { zh: '会议纪要', en: 'The minutes' };

/** POST /api/meetings */
export class MeetingDto implements MeetingInput {
  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS, {
    message: '会议类型应为月调度会、季度推进会、年度总结或联席会议 / kind must be monthly-dispatch, quarterly-review, annual-summary or joint',
  })
  kind!: MeetingKind;

  @ApiProperty({ example: '2025-03-10' })
  @IsCalendarDate(HELD_ON, { plausible: true })
  heldOn!: string;

  @ApiProperty({ enum: CHAIN_CODES, isArray: true })
  @IsArray({ message: '请选择会议所属产业链 / Choose the meeting’s chain' })
  @ArrayMinSize(1, { message: '请选择会议所属产业链 / Choose the meeting’s chain' })
  @ArrayMaxSize(CHAIN_CODES.length, { message: '产业链过多 / Too many chains' })
  @IsIn(CHAIN_CODES, { each: true, message: '未知的产业链代码 / Unknown chain code' })
  chains!: ChainCode[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsId(CHAIR)
  chairPersonId?: number | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 100 })
  @OptionalText(CHAIR_NAME, 100)
  chairName?: string | null;

  @ApiProperty({ type: [Number] })
  @IsArray({ message: '参会单位应为单位编号列表 / attendingUnitIds must be a list of unit ids' })
  @ArrayMaxSize(200, { message: '参会单位过多 / Too many attending units' })
  @IsId(UNIT, { each: true })
  attendingUnitIds!: number[];

  @ApiProperty({ type: [String] })
  @IsArray({ message: '参会人员应为姓名列表 / attendees must be a list of names' })
  @ArrayMaxSize(200, { message: '参会人员过多 / Too many attendees' })
  @IsText(ATTENDEE, { max: 100, each: true })
  attendees!: string[];

  @ApiProperty({ maxLength: 10000 })
  @IsText(AGENDA, { max: 10000 })
  agenda!: string;

  @ApiProperty({ maxLength: 50000 })
  @IsText(MINUTES, { max: 50000 })
  minutes!: string;
}

/** PATCH /api/meetings/:id: any of the fields, with the version read. */
export class MeetingPatchDto implements MeetingPatch {
  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(MEETING_KINDS, {
    message: '会议类型应为月调度会、季度推进会、年度总结或联席会议 / kind must be monthly-dispatch, quarterly-review, annual-summary or joint',
  })
  kind?: MeetingKind;

  @ApiPropertyOptional({ example: '2025-03-10' })
  @ValidateIf((_, v) => v !== undefined)
  @IsCalendarDate(HELD_ON, { plausible: true })
  heldOn?: string;

  @ApiPropertyOptional({ enum: CHAIN_CODES, isArray: true })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray({ message: '请选择会议所属产业链 / Choose the meeting’s chain' })
  @ArrayMinSize(1, { message: '请选择会议所属产业链 / Choose the meeting’s chain' })
  @ArrayMaxSize(CHAIN_CODES.length, { message: '产业链过多 / Too many chains' })
  @IsIn(CHAIN_CODES, { each: true, message: '未知的产业链代码 / Unknown chain code' })
  chains?: ChainCode[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsId(CHAIR)
  chairPersonId?: number | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 100 })
  @OptionalText(CHAIR_NAME, 100)
  chairName?: string | null;

  @ApiPropertyOptional({ type: [Number] })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray({ message: '参会单位应为单位编号列表 / attendingUnitIds must be a list of unit ids' })
  @ArrayMaxSize(200, { message: '参会单位过多 / Too many attending units' })
  @IsId(UNIT, { each: true })
  attendingUnitIds?: number[];

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray({ message: '参会人员应为姓名列表 / attendees must be a list of names' })
  @ArrayMaxSize(200, { message: '参会人员过多 / Too many attendees' })
  @IsText(ATTENDEE, { max: 100, each: true })
  attendees?: string[];

  @ApiPropertyOptional({ maxLength: 10000 })
  @ValidateIf((_, v) => v !== undefined)
  @IsText(AGENDA, { max: 10000 })
  agenda?: string;

  @ApiPropertyOptional({ maxLength: 50000 })
  @ValidateIf((_, v) => v !== undefined)
  @IsText(MINUTES, { max: 50000 })
  minutes?: string;

  @ApiProperty({ description: 'The version of the meeting the editor read; a stale one answers 409 with the current meeting' })
  @IsVersion({ zh: '会议', en: 'the meeting' }, 1)
  version!: number;
}
