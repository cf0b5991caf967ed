import { CockpitJobsModule } from '@crm/api/cockpit';
import { CoreModule, JobsModule, QueueModule, QueueName } from '@crm/api/core';
import { GuaranteesJobsModule } from '@crm/api/guarantees';
import { HealthJobsModule } from '@crm/api/health';
import { LedgerIoJobsModule } from '@crm/api/ledger-io';
import { MeetingsJobsModule } from '@crm/api/meetings';
import { ReportingJobsModule } from '@crm/api/reporting';
import { Module } from '@nestjs/common';
import { JobOutbox } from './job-outbox';
import { JobSchedules } from './job-schedules';

/** The worker: the platform, BullMQ, and every area's jobs. No HTTP. */
@Module({
  imports: [
    CoreModule,
    QueueModule,
    HealthJobsModule,
    LedgerIoJobsModule,
    ReportingJobsModule,
    MeetingsJobsModule,
    GuaranteesJobsModule,
    CockpitJobsModule,
    // The outbox enqueues large uploads on the ledger-import queue (the same module object LedgerIoJobsModule uses).
    JobsModule.forQueue(QueueName.LedgerImport),
  ],
  providers: [JobSchedules, JobOutbox],
})
export class WorkerModule {}
