import { CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { ChainBoardView, ChainProgressView } from '@crm/domain';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BoardQueryDto, ProgressQueryDto } from './chain-pipeline.dto';
import { ChainPipelineService } from './chain-pipeline.service';

@ApiTags('产业链 chains')
@Controller('chains/:code')
export class ChainPipelineController {
  constructor(private readonly pipeline: ChainPipelineService) {}

  /** The chain's projects by stage: count and amounts per stage, and the first cards of each. */
  @SignedIn()
  @Get('board')
  @ApiOkResponse({ description: 'ChainBoardView' })
  @ApiNotFoundResponse({ description: 'Unknown chain, or one the user may not read' })
  board(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Query() query: BoardQueryDto,
  ): Promise<ChainBoardView> {
    return this.pipeline.board(user, code, query.status?.length ? query.status : ['active', 'paused'], query.limit);
  }

  /** Signed amount, big projects and funds in place against the year's targets; the pipeline by stage. */
  @SignedIn()
  @Get('progress')
  @ApiOkResponse({ description: 'ChainProgressView' })
  @ApiNotFoundResponse({ description: 'Unknown chain, or one the user may not read' })
  progress(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Query() query: ProgressQueryDto,
  ): Promise<ChainProgressView> {
    return this.pipeline.progress(user, code, query.year);
  }
}
