export { PipelineModule } from './lib/pipeline.module';
export { PipelineTotalsService, type TotalsDiscrepancy } from './lib/totals/pipeline-totals.service';
export { ProjectListService } from './lib/projects/project-list.service';
export { ListProjectsDto } from './lib/projects/project.dto';
