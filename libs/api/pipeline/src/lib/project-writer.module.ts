import { AuditService } from '@crm/api/audit';
import { Module } from '@nestjs/common';
import { ProjectStore } from './projects/project.store';
import { ProjectWriter } from './projects/project.writer';

/**
 * The project writer on its own, without the pipeline's routes: the pipeline uses it, and so do the
 * ledger import (API and worker) and any job that changes a project. AuditService is provided here
 * too, so a worker without the global AuditModule can use it.
 */
@Module({ providers: [AuditService, ProjectStore, ProjectWriter], exports: [ProjectStore, ProjectWriter] })
export class ProjectWriterModule {}
