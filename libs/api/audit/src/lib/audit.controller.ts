import { Allow } from '@crm/api/core';
import type { AuditEntryView } from '@crm/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditQueryDto } from './audit-query.dto';
import { AuditService } from './audit.service';

/** The audit trail, read-only: there is no route that changes or deletes an entry. */
@ApiTags('审计 audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Allow('office', 'admin')
  @Get()
  find(@Query() query: AuditQueryDto): Promise<AuditEntryView[]> {
    return this.audit.find({
      projectId: query.projectId,
      userId: query.userId,
      entityType: query.entityType,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      beforeId: query.beforeId,
      limit: query.limit,
    });
  }
}
