import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { MeetingView } from '@crm/domain';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { MeetingDto, MeetingPatchDto } from './meeting.dto';
import { MeetingService } from './meeting.service';

const uuid = new ParseUUIDPipe();

@ApiTags('调度会议 meetings')
@Controller('meetings')
export class MeetingController {
  constructor(private readonly meetings: MeetingService) {}

  /** Meetings of a chain, or of every chain the user may read; latest first. */
  @SignedIn()
  @Get()
  @ApiQuery({ name: 'chain', required: false, description: 'chain code' })
  @ApiOkResponse({ description: 'MeetingView[]' })
  @ApiForbiddenResponse({ description: 'A chain the user may not read' })
  list(@CurrentUser() user: AuthUser, @Query('chain') chain?: string): Promise<MeetingView[]> {
    return this.meetings.list(user, chain || undefined);
  }

  @SignedIn()
  @Get(':id')
  @ApiOkResponse({ description: 'MeetingView' })
  @ApiNotFoundResponse({ description: 'No such meeting, or one of chains the user may not read' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<MeetingView> {
    return this.meetings.get(user, id);
  }

  /** Staff of a unit serving the chain, or the office, record a meeting. */
  @Allow('staff', 'office')
  @Post()
  @ApiCreatedResponse({ description: 'MeetingView' })
  @ApiForbiddenResponse({ description: 'Not staff of the chain’s units nor the office' })
  create(@CurrentUser() user: AuthUser, @Body() body: MeetingDto): Promise<MeetingView> {
    return this.meetings.create(user, body);
  }

  @Allow('staff', 'office')
  @Patch(':id')
  @ApiOkResponse({ description: 'MeetingView' })
  @ApiForbiddenResponse({ description: 'Not staff of the chain’s units nor the office' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: MeetingPatchDto,
  ): Promise<MeetingView> {
    return this.meetings.update(user, id, body);
  }
}
