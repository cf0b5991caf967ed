import { CoreModule, QueueModule } from '@crm/api/core';
import { HealthJobsModule } from '@crm/api/health';
import { Module } from '@nestjs/common';
import { JobSchedules } from './job-schedules';

/** The worker: the platform, BullMQ, and every area's jobs. No HTTP. */
@Module({
  imports: [CoreModule, QueueModule, HealthJobsModule],
  providers: [JobSchedules],
})
export class WorkerModule {}
