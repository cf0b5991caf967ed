import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { ActivityView } from '@crm/domain';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateActivityDto } from './activity.dto';
import { ActivityService } from './activity.service';

@ApiTags('跟进记录 activities')
@Controller('projects/:id/activities')
export class ActivityController {
  constructor(private readonly activities: ActivityService) {}

  /** Logs a visit, negotiation, call, meeting, site inspection or promotion event. */
  @Allow('staff')
  @Post()
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) projectId: string,
    @Body() input: CreateActivityDto,
  ): Promise<ActivityView> {
    return this.activities.create(user, projectId, input);
  }
}
