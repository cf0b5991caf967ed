import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { MonthlyReportView } from '@crm/domain';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ParsePeriodPipe } from '../common/errors';
import {
  MonthlyReportDraftDto,
  MonthlyReportReturnDto,
  MonthlyReportVersionDto,
} from './monthly-report.dto';
import { MonthlyReportService } from './monthly-report.service';

const period = new ParsePeriodPipe();
const uuid = new ParseUUIDPipe();

/** 月报: staff fill in their unit's; the office reviews them. */
@ApiTags('月报 monthly reports')
@Controller('monthly-reports')
export class MonthlyReportController {
  constructor(private readonly reports: MonthlyReportService) {}

  /** The reports of a period, one per reporting unit (office, admin). */
  @Allow('office', 'admin')
  @Get()
  list(@Query('period', period) p: string): Promise<MonthlyReportView[]> {
    return this.reports.listForPeriod(p);
  }

  /** The own unit's report, pre-filled with the month's figures. */
  @Allow('staff')
  @Get('mine/:period')
  mine(
    @CurrentUser() user: AuthUser,
    @Param('period', period) p: string,
  ): Promise<MonthlyReportView> {
    return this.reports.mine(user, p);
  }

  @Allow('staff')
  @Put('mine/:period')
  @ApiConflictResponse({ description: 'A stale version' })
  @ApiUnprocessableEntityResponse({
    description: 'Submitted, locked or not yet open',
  })
  save(
    @CurrentUser() user: AuthUser,
    @Param('period', period) p: string,
    @Body() input: MonthlyReportDraftDto,
  ): Promise<MonthlyReportView> {
    return this.reports.saveDraft(user, p, input);
  }

  @Allow('staff')
  @Post('mine/:period/submit')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'A stale version' })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('period', period) p: string,
    @Body() input: MonthlyReportVersionDto,
  ): Promise<MonthlyReportView> {
    return this.reports.submit(user, p, input);
  }

  @Allow('office', 'admin')
  @Get(':id')
  get(@Param('id', uuid) id: string): Promise<MonthlyReportView> {
    return this.reports.get(id);
  }

  /** 退回修改, with a comment. */
  @Allow('office')
  @Post(':id/return')
  @HttpCode(200)
  returnForRevision(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() input: MonthlyReportReturnDto,
  ): Promise<MonthlyReportView> {
    return this.reports.returnForRevision(user, id, input);
  }

  /** 审核通过. */
  @Allow('office')
  @Post(':id/accept')
  @HttpCode(200)
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() input: MonthlyReportVersionDto,
  ): Promise<MonthlyReportView> {
    return this.reports.accept(user, id, input);
  }
}
