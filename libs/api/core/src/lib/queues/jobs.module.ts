import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { jobDispatcherOf } from './job-dispatcher';
import { QUEUE_JOB_OPTIONS, QueueName } from './queue-names';

const modules = new Map<QueueName, DynamicModule>();

/**
 * The worker's side of a queue: its BullMQ registration (with the queue's default job options) and
 * its one dispatcher, which runs every @JobHandler of the queue found in the application. Every
 * area's jobs module imports `JobsModule.forQueue(its queue)`; the same module object is returned
 * for a queue each time, so a process has one worker per queue however many areas import it.
 */
@Module({})
export class JobsModule {
  static forQueue(queue: QueueName): DynamicModule {
    let module = modules.get(queue);
    if (!module) {
      module = {
        module: JobsModule,
        imports: [DiscoveryModule, BullModule.registerQueue({ name: queue, defaultJobOptions: QUEUE_JOB_OPTIONS[queue] })],
        providers: [jobDispatcherOf(queue)],
        exports: [BullModule],
      };
      modules.set(queue, module);
    }
    return module;
  }
}
