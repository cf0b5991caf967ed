import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { MeetingScheduleRow, MeetingScheduleView } from '@crm/domain';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { MeetingScheduleDto, MeetingScheduleQueryDto } from './meeting-schedule.dto';
import { MeetingScheduleService } from './meeting-schedule.service';

@ApiTags('月调度会日程 meeting schedule')
@Controller('meeting-schedule')
export class MeetingScheduleController {
  constructor(private readonly schedule: MeetingScheduleService) {}

  /** The month's schedule and status of each chain the user may read. */
  @SignedIn()
  @Get()
  @ApiOkResponse({ description: 'MeetingScheduleView' })
  month(@CurrentUser() user: AuthUser, @Query() q: MeetingScheduleQueryDto): Promise<MeetingScheduleView> {
    return this.schedule.month(user, q.year, q.month);
  }

  /** The office sets a chain's meeting day (null clears it) and the reminder's lead time. */
  @Allow('office')
  @Put(':chain')
  @ApiOkResponse({ description: 'MeetingScheduleRow (this month)' })
  @ApiBadRequestResponse({ description: 'A day outside 1–28, or reminder days outside 0–10' })
  @ApiForbiddenResponse({ description: 'Not the office' })
  @ApiNotFoundResponse({ description: 'No chain with that code' })
  set(
    @CurrentUser() user: AuthUser,
    @Param('chain') chain: string,
    @Body() body: MeetingScheduleDto,
  ): Promise<MeetingScheduleRow> {
    return this.schedule.set(user, chain, body);
  }
}
