import { AnswerCache, CurrentUser, readScope, sendAnswer, SignedIn, type AuthUser } from '@crm/api/core';
import type { ChainBoardView, ChainProgressView } from '@crm/domain';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BoardQueryDto, ProgressQueryDto } from './chain-pipeline.dto';
import { ChainPipelineService } from './chain-pipeline.service';

@ApiTags('产业链 chains')
@Controller('chains/:code')
export class ChainPipelineController {
  constructor(
    private readonly pipeline: ChainPipelineService,
    private readonly cache: AnswerCache,
  ) {}

  /**
   * The chain's projects by stage: count and amounts per stage, and the first cards of each. Built
   * once per data version, day and chain scope (AnswerCache, issue 23), sent with an ETag.
   */
  @SignedIn()
  @Get('board')
  @ApiOkResponse({ description: 'ChainBoardView' })
  @ApiNotFoundResponse({ description: 'Unknown chain, or one the user may not read' })
  async board(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Query() query: BoardQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const statuses = query.status?.length ? query.status : ['active' as const, 'paused' as const];
    const answer = await this.cache.answer(
      'chains/board',
      [code, statuses, query.limit, readScope(user)],
      (): Promise<ChainBoardView> => this.pipeline.board(user, code, statuses, query.limit),
    );
    sendAnswer(res, answer);
  }

  /** Signed amount, big projects and funds in place against the year's targets; the pipeline by stage. */
  @SignedIn()
  @Get('progress')
  @ApiOkResponse({ description: 'ChainProgressView' })
  @ApiNotFoundResponse({ description: 'Unknown chain, or one the user may not read' })
  async progress(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Query() query: ProgressQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.cache.answer(
      'chains/progress',
      [code, query.year ?? null, readScope(user)],
      (): Promise<ChainProgressView> => this.pipeline.progress(user, code, query.year),
    );
    sendAnswer(res, answer);
  }
}
