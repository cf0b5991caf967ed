import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { CourtingConflictView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CourtingDecisionDto, ListCourtingConflictsDto } from './courting-conflict.dto';
import { CourtingConflictService } from './courting-conflict.service';

/** 撞车提醒 (issue 20 §3): two task forces courting one firm or group; the office decides who leads. */
@ApiTags('撞车提醒 courting conflicts')
@Controller('courting-conflicts')
export class CourtingConflictController {
  constructor(private readonly conflicts: CourtingConflictService) {}

  @SignedIn()
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListCourtingConflictsDto): Promise<{ items: CourtingConflictView[]; total: number }> {
    return this.conflicts.list(user, query);
  }

  @Allow('office')
  @Post(':id/decision')
  @HttpCode(200)
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() input: CourtingDecisionDto,
  ): Promise<CourtingConflictView> {
    return this.conflicts.decide(user, id, input);
  }
}
