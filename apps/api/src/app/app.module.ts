import { AuditModule } from '@crm/api/audit';
import { AuthModule } from '@crm/api/auth';
import { ChainMapModule } from '@crm/api/chain-map';
import { CockpitModule } from '@crm/api/cockpit';
import { CoreModule } from '@crm/api/core';
import { EventsModule } from '@crm/api/events';
import { FilesModule } from '@crm/api/files';
import { GuaranteesModule } from '@crm/api/guarantees';
import { HealthModule } from '@crm/api/health';
import { LedgerIoModule } from '@crm/api/ledger-io';
import { MeetingsModule } from '@crm/api/meetings';
import { PipelineModule } from '@crm/api/pipeline';
import { PlanModule } from '@crm/api/plan';
import { ReferenceModule } from '@crm/api/reference';
import { ReportingModule } from '@crm/api/reporting';
import { Module } from '@nestjs/common';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';

/** The HTTP app: the platform plus every business area. Wiring only. */
@Module({
  imports: [CoreModule, AuditModule, AuthModule, HealthModule, ReferenceModule, PipelineModule, LedgerIoModule, ReportingModule, QueueDashboardModule, CockpitModule, MeetingsModule, PlanModule, ChainMapModule, EventsModule, GuaranteesModule, FilesModule],
})
export class AppModule {}
