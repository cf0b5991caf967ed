export { PipelineModule } from './lib/pipeline.module';
export { PipelineTotalsService, type TotalsDiscrepancy } from './lib/totals/pipeline-totals.service';
export { ProjectListService } from './lib/projects/project-list.service';
export { ListProjectsDto } from './lib/projects/project.dto';
// The one definition of the headline figures (签约额, 到位资金, 亿元以上项目, 完成率, 序时进度, stage counts).
export {
  HEADLINE_ZERO,
  headlineCityTargets,
  headlineFigures,
  headlineFiguresByChain,
  headlineTargets,
  headlineWindow,
  signedBetween,
  stageTotals,
  stageTotalsByChain,
  topSignedProjects,
  yearOnYear,
  type TopSignedProject,
  type HeadlineAmount,
  type HeadlineCityTargets,
  type HeadlineFigures,
  type HeadlinePreviousYear,
  type HeadlineScope,
  type HeadlineSpans,
  type HeadlineWindow,
} from './lib/figures/headline-figures';
// 统计区间: the office's cut-offs and a period's window (the rule itself is statWindow of @crm/domain).
export { readStatCutoffs, readStatWindow } from './lib/figures/stat-cutoffs.query';
export { ProjectWriterModule } from './lib/project-writer.module';
export {
  ProjectWriter,
  type NewProject,
  type ProjectActor,
  type ProjectChanges,
  type WriteNote,
} from './lib/projects/project.writer';
export { type ProjectRow } from './lib/projects/project.rows';
export {
  judgeStageMove,
  stageMoveRefusalMessage,
  suppliedStageFacts,
  type StageMoveRequest,
  type StageMoveVerdict,
} from './lib/stages/stage-move.rules';
export { projectNotFound } from './lib/common/problems';
// A project's access rules (read: its chain or a related chain; edit: staff serving its chain), for areas that hang records on a project.
export { canReadProject, ProjectStore } from './lib/projects/project.store';
// Search that finds (issue 20 §5): the terms of a query and their conditions on a project aliased p.
export { cjkBigrams, projectSearchRank, projectSearchWhere, searchTerms, type SearchTerm } from './lib/search/project-search';
// 撞车提醒 (issue 20 §3): the open conflicts a user may see, for the cockpit.
export { openCourtingConflicts } from './lib/courting/courting-conflict.service';
