import { AnswerCacheModule } from '@crm/api/core';
import { Module } from '@nestjs/common';
import { ActivityController } from './activities/activity.controller';
import { ActivityService } from './activities/activity.service';
import { ChainPipelineController } from './chains/chain-pipeline.controller';
import { ChainPipelineService } from './chains/chain-pipeline.service';
import { CourtingConflictController } from './courting/courting-conflict.controller';
import { CourtingConflictService } from './courting/courting-conflict.service';
import { EvaluationController } from './evaluations/evaluation.controller';
import { EvaluationService } from './evaluations/evaluation.service';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerService } from './ledger/ledger.service';
import { EvaluationPreReviewController, PreReviewQueueController } from './pre-reviews/pre-review.controller';
import { PreReviewService } from './pre-reviews/pre-review.service';
import { ProjectDetailService } from './projects/project-detail.service';
import { ProjectListService } from './projects/project-list.service';
import { ProjectController } from './projects/project.controller';
import { ProjectService } from './projects/project.service';
import { StageMoveService } from './stages/stage-move.service';
import { PipelineTotalsService } from './totals/pipeline-totals.service';
import { ProjectWriterModule } from './project-writer.module';
// Registers the owner type 'project' with the files area (附件: a project's files have the project's access).
import './projects/project-file-owner';
import './pre-reviews/pre-review-file-owner';

/**
 * The seven-stage pipeline: projects, stage gates and history, activities, evaluations, the
 * signing and funds ledger, boards and chain progress. Every project change goes through the
 * ProjectWriter (ProjectWriterModule), with its audit entries in the same transaction.
 */
@Module({
  imports: [ProjectWriterModule, AnswerCacheModule],
  controllers: [
    ProjectController,
    ActivityController,
    EvaluationController,
    EvaluationPreReviewController,
    PreReviewQueueController,
    LedgerController,
    ChainPipelineController,
    CourtingConflictController,
  ],
  providers: [
    ProjectService,
    ProjectListService,
    ProjectDetailService,
    StageMoveService,
    ActivityService,
    EvaluationService,
    PreReviewService,
    LedgerService,
    ChainPipelineService,
    PipelineTotalsService,
    CourtingConflictService,
  ],
  exports: [PipelineTotalsService, ProjectWriterModule],
})
export class PipelineModule {}
