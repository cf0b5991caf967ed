import { CoreModule, QueueModule } from '@crm/api/core';
import { HealthJobsModule } from '@crm/api/health';
import { LedgerIoJobsModule } from '@crm/api/ledger-io';
import { MeetingsJobsModule } from '@crm/api/meetings';
import { ReportingJobsModule } from '@crm/api/reporting';
import { Module } from '@nestjs/common';
import { JobSchedules } from './job-schedules';

/** The worker: the platform, BullMQ, and every area's jobs. No HTTP. */
@Module({
  imports: [CoreModule, QueueModule, HealthJobsModule, LedgerIoJobsModule, ReportingJobsModule, MeetingsJobsModule],
  providers: [JobSchedules],
})
export class WorkerModule {}
