import { IsVersion } from '@crm/api/core';
import { MEETING_SCHEDULE_LIMITS, type MeetingScheduleInput } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';

const { dayOfMonth: DAY, remindDaysBefore: REMIND } = MEETING_SCHEDULE_LIMITS;
const DAY_MESSAGE = `开会日期应为每月${DAY.min}至${DAY.max}日（不设日程请留空）/ dayOfMonth must be ${DAY.min} to ${DAY.max}, or null to clear the schedule`;
const REMIND_MESSAGE = `提前提醒天数应为${REMIND.min}至${REMIND.max}天 / remindDaysBefore must be ${REMIND.min} to ${REMIND.max}`;
const YEAR = '年份应在2000至2100之间 / year must be between 2000 and 2100';
const MONTH = '月份应为1至12 / month must be 1 to 12';

/** PUT /api/meeting-schedule/:chain */
export class MeetingScheduleDto implements MeetingScheduleInput {
  @ApiProperty({ nullable: true, minimum: DAY.min, maximum: DAY.max, description: 'null clears the schedule', example: 10 })
  @ValidateIf((o: MeetingScheduleDto) => o.dayOfMonth !== null)
  @IsInt({ message: DAY_MESSAGE })
  @Min(DAY.min, { message: DAY_MESSAGE })
  @Max(DAY.max, { message: DAY_MESSAGE })
  dayOfMonth!: number | null;

  @ApiProperty({ minimum: REMIND.min, maximum: REMIND.max, example: REMIND.default })
  @IsInt({ message: REMIND_MESSAGE })
  @Min(REMIND.min, { message: REMIND_MESSAGE })
  @Max(REMIND.max, { message: REMIND_MESSAGE })
  remindDaysBefore!: number;

  @ApiPropertyOptional({ description: 'The version of the row read (0 when the chain had no schedule); a stale one answers 409' })
  @IsOptional()
  @IsVersion({ zh: '月调度会日程', en: 'the schedule' }, 0)
  version?: number;
}

/** GET /api/meeting-schedule?year=&month= (each defaults to the current one, Shanghai). */
export class MeetingScheduleQueryDto {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: YEAR })
  @Min(2000, { message: YEAR })
  @Max(2100, { message: YEAR })
  year?: number;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: MONTH })
  @Min(1, { message: MONTH })
  @Max(12, { message: MONTH })
  month?: number;
}
