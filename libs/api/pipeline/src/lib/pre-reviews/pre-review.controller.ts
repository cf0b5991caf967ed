import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { PreReviewRequestView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { PreReviewAnswerDto, PreReviewQueueQueryDto, PreReviewRequestDto } from './pre-review.dto';
import { PreReviewService } from './pre-review.service';

const uuid = new ParseUUIDPipe();

/** 各部门预审, from the evaluation: the task force asks units and withdraws what is unanswered. */
@ApiTags('部门预审 pre-reviews')
@Controller('projects/:id/evaluations/:evaluationId/pre-reviews')
export class EvaluationPreReviewController {
  constructor(private readonly preReviews: PreReviewService) {}

  @Allow('staff')
  @Post()
  @ApiConflictResponse({
    description: 'The unit was already asked about this topic',
  })
  ask(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Param('evaluationId', uuid) evaluationId: string,
    @Body() input: PreReviewRequestDto,
  ): Promise<PreReviewRequestView> {
    return this.preReviews.ask(user, projectId, evaluationId, input);
  }

  @Allow('staff')
  @Post(':requestId/withdrawal')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Already answered or withdrawn' })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Param('evaluationId', uuid) evaluationId: string,
    @Param('requestId', uuid) requestId: string,
  ): Promise<PreReviewRequestView> {
    return this.preReviews.withdraw(user, projectId, evaluationId, requestId);
  }
}

/** 预审待办: the asked unit's staff read and answer the requests addressed to their unit. */
@ApiTags('部门预审 pre-reviews')
@Controller('pre-reviews')
export class PreReviewQueueController {
  constructor(private readonly preReviews: PreReviewService) {}

  @Allow('staff')
  @Get()
  queue(@CurrentUser() user: AuthUser, @Query() query: PreReviewQueueQueryDto): Promise<PreReviewRequestView[]> {
    return this.preReviews.queue(user, query.filter);
  }

  @Allow('staff')
  @Get(':requestId')
  @ApiNotFoundResponse({ description: 'Not addressed to your unit' })
  get(@CurrentUser() user: AuthUser, @Param('requestId', uuid) id: string): Promise<PreReviewRequestView> {
    return this.preReviews.get(user, id);
  }

  @Allow('staff')
  @Post(':requestId/answer')
  @HttpCode(200)
  @ApiNotFoundResponse({ description: 'Not addressed to your unit' })
  @ApiConflictResponse({
    description: 'Already answered, withdrawn, or the evaluation concluded',
  })
  answer(
    @CurrentUser() user: AuthUser,
    @Param('requestId', uuid) id: string,
    @Body() input: PreReviewAnswerDto,
  ): Promise<PreReviewRequestView> {
    return this.preReviews.answer(user, id, input);
  }
}
