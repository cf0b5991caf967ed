export { PipelineModule } from './lib/pipeline.module';
export { PipelineTotalsService, type TotalsDiscrepancy } from './lib/totals/pipeline-totals.service';
