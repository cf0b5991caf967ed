import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { ReportingPeriodView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ParsePeriodPipe } from '../common/errors';
import { ExtendDeadlineDto, LockPeriodDto, OpenPeriodDto, SetCutoffDto } from './reporting-period.dto';
import { ReportingPeriodService } from './reporting-period.service';

const period = new ParsePeriodPipe();

/** 报告期: everyone signed in reads them; the office opens, extends and locks. */
@ApiTags('报告期 reporting periods')
@Controller('reporting-periods')
export class ReportingPeriodController {
  constructor(private readonly periods: ReportingPeriodService) {}

  @SignedIn()
  @Get()
  list(): Promise<ReportingPeriodView[]> {
    return this.periods.list();
  }

  @SignedIn()
  @Get(':period')
  get(@Param('period', period) p: string): Promise<ReportingPeriodView> {
    return this.periods.get(p);
  }

  /** Opens a period, early if need be. */
  @Allow('office')
  @Post()
  @HttpCode(200)
  open(
    @CurrentUser() user: AuthUser,
    @Body() input: OpenPeriodDto,
  ): Promise<ReportingPeriodView> {
    return this.periods.open(user, input);
  }

  /** A later due date for one unit, with the reason. */
  @Allow('office')
  @Post(':period/extensions')
  @HttpCode(200)
  extend(
    @CurrentUser() user: AuthUser,
    @Param('period', period) p: string,
    @Body() input: ExtendDeadlineDto,
  ): Promise<ReportingPeriodView> {
    return this.periods.extend(user, p, input);
  }

  /** 统计截止日: moves the period's cut-off within its month (null: back to the default). */
  @Allow('office')
  @Put(':period/cutoff')
  setCutoff(
    @CurrentUser() user: AuthUser,
    @Param('period', period) p: string,
    @Body() input: SetCutoffDto,
  ): Promise<ReportingPeriodView> {
    return this.periods.setCutoff(user, p, input);
  }

  @Allow('office')
  @Post(':period/lock')
  @HttpCode(200)
  lock(
    @CurrentUser() user: AuthUser,
    @Param('period', period) p: string,
    @Body() input: LockPeriodDto,
  ): Promise<ReportingPeriodView> {
    return this.periods.lock(user, p, input.version);
  }
}
