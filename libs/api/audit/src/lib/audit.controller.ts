import { Allow } from '@crm/api/core';
import type { AuditFilterOptions, AuditLogEntryView, AuditProjectOption } from '@crm/domain';
import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditProjectQueryDto, AuditQueryDto } from './audit-query.dto';
import { AuditService } from './audit.service';

/** The audit trail, read-only: there is no route that changes or deletes an entry. */
@ApiTags('审计 audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Entries newest first, each in words: who (name, unit), what record (linked), before → after. */
  @Allow('office', 'admin')
  @Get()
  find(@Query() query: AuditQueryDto): Promise<AuditLogEntryView[]> {
    if (query.fromDay && query.toDay && query.toDay < query.fromDay) {
      throw new BadRequestException({
        statusCode: 400,
        message: '截止日期不能早于起始日期 / toDay cannot be before fromDay',
        errors: { toDay: ['截止日期不能早于起始日期 / toDay cannot be before fromDay'] },
      });
    }
    return this.audit.find({
      projectId: query.projectId,
      userId: query.userId,
      unitId: query.unitId,
      entityType: query.entityType,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      fromDay: query.fromDay,
      toDay: query.toDay,
      beforeId: query.beforeId,
      limit: query.limit,
    });
  }

  /** What the filters offer: users with their units, units, record types by name. */
  @Allow('office', 'admin')
  @Get('filters')
  filters(): Promise<AuditFilterOptions> {
    return this.audit.filterOptions();
  }

  /** Projects by name, for the project filter. */
  @Allow('office', 'admin')
  @Get('projects')
  projects(@Query() query: AuditProjectQueryDto): Promise<AuditProjectOption[]> {
    return this.audit.projects(query.q ?? '');
  }
}
