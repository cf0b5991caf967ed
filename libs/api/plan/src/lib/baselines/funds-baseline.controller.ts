import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { FundsBaselineView } from '@crm/domain';
import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { yearParam } from '../common/params';
import { FundsBaselineDto } from '../plans/plan.dto';
import { FundsBaselineService } from './funds-baseline.service';

@ApiTags('年度工作方案 plans')
@Controller('plans/baselines')
export class FundsBaselineController {
  constructor(private readonly baselines: FundsBaselineService) {}

  @SignedIn()
  @Get()
  list(@Query('year') year?: string): Promise<FundsBaselineView[]> {
    return this.baselines.list(year === undefined ? undefined : yearParam(year));
  }

  @Allow('office')
  @Put()
  put(@CurrentUser() user: AuthUser, @Body() body: FundsBaselineDto): Promise<FundsBaselineView> {
    return this.baselines.put(user, body);
  }
}
