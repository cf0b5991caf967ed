import { AuditService } from '@crm/api/audit';
import { JobsModule, QueueModule, QueueName } from '@crm/api/core';
import { ProjectListService, ProjectWriterModule } from '@crm/api/pipeline';
import { ContactService, EnterpriseWriter, ReferenceModule } from '@crm/api/reference';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LedgerExportController } from './export/ledger-export.controller';
import { ProjectExportService } from './export/project-export.service';
import { ReferenceExportService } from './export/reference-export.service';
import { LedgerCommitJob } from './import/ledger-commit.job';
import { LedgerCommitService } from './import/ledger-commit.service';
import { LedgerImportController } from './import/ledger-import.controller';
import { LedgerImportJob } from './import/ledger-import.job';
import { LedgerImportService } from './import/ledger-import.service';
import { LedgerPreviewService } from './import/ledger-preview.service';

/**
 * 台账导入导出: the office's Excel ledgers in and out. The project list query is the pipeline's own
 * (ProjectListService, stateless over the DataSource), provided here so exports filter exactly as
 * GET /api/projects does; imported projects are written by the pipeline's ProjectWriter. Large
 * imports are enqueued for the worker.
 */
@Module({
  imports: [ReferenceModule, ProjectWriterModule, QueueModule, BullModule.registerQueue({ name: QueueName.LedgerImport })],
  controllers: [LedgerExportController, LedgerImportController],
  providers: [ProjectListService, ProjectExportService, ReferenceExportService, LedgerPreviewService, LedgerCommitService, LedgerImportService],
})
export class LedgerIoModule {}

/**
 * The ledger import jobs (reading large sheets, committing large batches), run by the worker: runners
 * on the ledger-import queue, run by its dispatcher (JobsModule of @crm/api/core). The
 * worker has no HTTP areas, so the audit, enterprise and contact writers are provided here (projects through
 * ProjectWriterModule).
 */
@Module({
  imports: [ProjectWriterModule, JobsModule.forQueue(QueueName.LedgerImport)],
  providers: [AuditService, EnterpriseWriter, ContactService, LedgerPreviewService, LedgerCommitService, LedgerImportJob, LedgerCommitJob],
})
export class LedgerIoJobsModule {}
