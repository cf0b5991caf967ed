import { JobHost, QueueName } from '@crm/api/core';
import { Processor } from '@nestjs/bullmq';
import { type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { UnrecoverableError, type Job, type JobsOptions } from 'bullmq';

/**
 * Options of every job on the reporting queue: retried with exponential backoff (30 s, 1 min,
 * 2 min, …), which is harmless since every reporting job is idempotent; the last failures stay
 * for the admins' queue dashboard.
 */
export const REPORTING_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: 100,
  removeOnFail: 500,
} as const satisfies JobsOptions;

/** One kind of job on the reporting queue, by its job name. */
export interface ReportingJobRunner<Data = unknown, Result = unknown> {
  run(job: Job<Data>): Promise<Result>;
}

/**
 * Marks a provider as the runner of one job name on the reporting queue:
 * `@ReportingJobHandler(ROLL_UP_JOB) @Injectable() class RollUpJob implements ReportingJobRunner`.
 * A queue has one BullMQ worker (one @Processor), so the jobs of the area share it by name.
 */
export const ReportingJobHandler = DiscoveryService.createDecorator<string>();

/** The reporting queue's worker: hands each job to the runner of its name. */
@Processor(QueueName.Reporting)
export class ReportingJobProcessor extends JobHost implements OnModuleInit {
  private readonly runners = new Map<string, ReportingJobRunner>();

  constructor(private readonly discovery: DiscoveryService) {
    super();
  }

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({
      metadataKey: ReportingJobHandler.KEY,
    })) {
      const name = this.discovery.getMetadataByDecorator(
        ReportingJobHandler,
        wrapper,
      );
      if (name && wrapper.instance)
        this.runners.set(name, wrapper.instance as ReportingJobRunner);
    }
  }

  process(job: Job): Promise<unknown> {
    const runner = this.runners.get(job.name);
    // Retrying cannot help a job nobody runs: fail it at once, visibly.
    if (!runner)
      throw new UnrecoverableError(
        `no runner for job "${job.name}" on the reporting queue`,
      );
    return runner.run(job);
  }
}
