import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { EvaluationView } from '@crm/domain';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ConcludeEvaluationDto, OpenEvaluationDto, PreReviewOverrideDto, UpdateEvaluationDto } from './evaluation.dto';
import { EvaluationService } from './evaluation.service';

const uuid = new ParseUUIDPipe();

@ApiTags('项目评估 evaluations')
@Controller('projects/:id/evaluations')
export class EvaluationController {
  constructor(private readonly evaluations: EvaluationService) {}

  @Allow('staff')
  @Post()
  @ApiConflictResponse({ description: 'An evaluation is already open: the open one' })
  open(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Body() input: OpenEvaluationDto,
  ): Promise<EvaluationView> {
    return this.evaluations.open(user, projectId, input);
  }

  @Allow('staff')
  @Patch(':evaluationId')
  @ApiConflictResponse({ description: 'Stale version' })
  @ApiUnprocessableEntityResponse({ description: 'Already concluded' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Param('evaluationId', uuid) evaluationId: string,
    @Body() input: UpdateEvaluationDto,
  ): Promise<EvaluationView> {
    return this.evaluations.update(user, projectId, evaluationId, input);
  }

  /** 通过 / 有条件通过 / 不通过, by a named user on a date. */
  @Allow('staff')
  @Post(':evaluationId/conclusion')
  @HttpCode(200)
  @ApiUnprocessableEntityResponse({ description: 'RuleRefusalBody: dimensions unrated, 淘汰类 unanswered, ...' })
  conclude(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Param('evaluationId', uuid) evaluationId: string,
    @Body() input: ConcludeEvaluationDto,
  ): Promise<EvaluationView> {
    return this.evaluations.conclude(user, projectId, evaluationId, input);
  }

  /** 领导小组办公室: the conclusion need not wait for the missing 预审 opinions, for this reason. */
  @Allow('office')
  @Post(':evaluationId/pre-review-override')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Stale version, or already overridden' })
  @ApiUnprocessableEntityResponse({ description: 'No opinion missing, or the evaluation is concluded' })
  overridePreReviews(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Param('evaluationId', uuid) evaluationId: string,
    @Body() input: PreReviewOverrideDto,
  ): Promise<EvaluationView> {
    return this.evaluations.overridePreReviews(user, projectId, evaluationId, input);
  }
}
