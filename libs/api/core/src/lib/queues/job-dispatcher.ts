import { Processor } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobHost } from './job-host';
import type { QueueName } from './queue-names';

/** One kind of job: runs a job of its name on its queue. */
export interface JobRunner<Data = unknown, Result = unknown> {
  run(job: Job<Data>): Promise<Result>;
}

/** Where a runner's jobs come from. */
export interface JobTarget {
  queue: QueueName;
  name: string;
}

const RunsJob = DiscoveryService.createDecorator<JobTarget>();

/**
 * Marks a provider as the runner of one job name on one queue:
 * `@JobHandler(QueueName.Meetings, WEEKLY_DIGEST_JOB) @Injectable() class WeeklyDigestJob implements JobRunner`.
 * Each job is one class in a *.job.ts; the queue's dispatcher (JobsModule.forQueue) finds it by name.
 */
export function JobHandler(queue: QueueName, name: string): ClassDecorator {
  return RunsJob({ queue, name });
}

/**
 * A queue's one BullMQ worker: hands each job to the runner of its name. A job nobody runs fails at
 * once (retrying cannot help), visibly; two runners of one name refuse to start.
 */
export abstract class JobDispatcher extends JobHost implements OnModuleInit {
  private readonly runners = new Map<string, JobRunner>();

  protected constructor(
    readonly queue: QueueName,
    private readonly discovery: DiscoveryService,
  ) {
    super();
  }

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: RunsJob.KEY })) {
      const target = this.discovery.getMetadataByDecorator(RunsJob, wrapper);
      if (!target || target.queue !== this.queue || !wrapper.instance) continue;
      const known = this.runners.get(target.name);
      if (known && known !== wrapper.instance) {
        throw new Error(`two runners for job "${target.name}" on the ${this.queue} queue`);
      }
      this.runners.set(target.name, wrapper.instance as JobRunner);
    }
  }

  /** The job names this dispatcher runs (for the worker's log and tests). */
  jobNames(): string[] {
    return [...this.runners.keys()].sort();
  }

  process(job: Job): Promise<unknown> {
    const runner = this.runners.get(job.name);
    if (!runner) throw new UnrecoverableError(`no runner for job "${job.name}" on the ${this.queue} queue`);
    return runner.run(job);
  }
}

const dispatchers = new Map<QueueName, Type<JobDispatcher>>();

/** The dispatcher class of a queue (one per queue, so one BullMQ worker per queue and process). */
export function jobDispatcherOf(queue: QueueName): Type<JobDispatcher> {
  let type = dispatchers.get(queue);
  if (!type) {
    @Processor(queue)
    @Injectable()
    class QueueJobDispatcher extends JobDispatcher {
      constructor(@Inject(DiscoveryService) discovery: DiscoveryService) {
        super(queue, discovery);
      }
    }
    Object.defineProperty(QueueJobDispatcher, 'name', { value: `JobDispatcher:${queue}` });
    type = QueueJobDispatcher;
    dispatchers.set(queue, type);
  }
  return type;
}
