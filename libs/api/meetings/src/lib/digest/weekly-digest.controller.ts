import { CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { WeeklyDigestView } from '@crm/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { WeeklyDigestQueryDto } from './weekly-digest.dto';
import { WeeklyDigestService } from './weekly-digest.service';

@ApiTags('周跟踪 weekly digest')
@Controller('digests')
export class WeeklyDigestController {
  constructor(private readonly digests: WeeklyDigestService) {}

  /** The signed-in user's own digest: the chains they may read, the week before the given Monday. */
  @SignedIn()
  @Get('weekly')
  @ApiOkResponse({ description: 'WeeklyDigestView' })
  @ApiBadRequestResponse({ description: 'week is not a Monday written YYYY-MM-DD' })
  weekly(@CurrentUser() user: AuthUser, @Query() query: WeeklyDigestQueryDto): Promise<WeeklyDigestView> {
    return this.digests.forUser(user, query.week);
  }
}
