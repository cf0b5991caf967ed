import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import { isChainCode, type AnnualPlanSummary, type AnnualPlanView, type KeyTaskGoalView, type PlanDifference } from '@crm/domain';
import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParam, yearParam } from '../common/params';
import {
  AnnualPlanDto,
  GoalAchievedDto,
  PlanChainTargetDto,
  PlanDraftDto,
  PlanKeyTaskDto,
  PlanPublishDto,
  ReasonQueryDto,
  SectorGrowthDto,
} from './plan.dto';
import { PlanService } from './plan.service';

/** 年度工作方案: read by every signed-in user, kept by the office. */
@ApiTags('年度工作方案 plans')
@Controller('plans')
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  @SignedIn()
  @Get()
  list(): Promise<AnnualPlanSummary[]> {
    return this.plans.list();
  }

  @SignedIn()
  @Get(':year')
  get(@Param('year') year: string): Promise<AnnualPlanView> {
    return this.plans.get(yearParam(year));
  }

  @SignedIn()
  @Get(':year/diff')
  diff(@Param('year') year: string, @Query('against') against?: string): Promise<PlanDifference[]> {
    const y = yearParam(year);
    return this.plans.diff(y, against === undefined ? y - 1 : yearParam(against, 'against'));
  }

  @Allow('office')
  @Post(':year/draft')
  draft(@CurrentUser() user: AuthUser, @Param('year') year: string, @Body() body: PlanDraftDto): Promise<AnnualPlanView> {
    return this.plans.draft(user, yearParam(year), body.fromYear);
  }

  @Allow('office')
  @Put(':year')
  updateHead(@CurrentUser() user: AuthUser, @Param('year') year: string, @Body() body: AnnualPlanDto): Promise<AnnualPlanView> {
    return this.plans.updateHead(user, yearParam(year), body);
  }

  @Allow('office')
  @Put(':year/targets/:chain')
  putTarget(
    @CurrentUser() user: AuthUser,
    @Param('year') year: string,
    @Param('chain') chain: string,
    @Body() body: PlanChainTargetDto,
  ): Promise<AnnualPlanView> {
    if (!isChainCode(chain)) throw new NotFoundException(`没有代码为 ${chain} 的产业链 / No chain with code ${chain}`);
    return this.plans.putTarget(user, yearParam(year), chain, body);
  }

  @Allow('office')
  @Put(':year/sector-growth')
  putSectorGrowth(@CurrentUser() user: AuthUser, @Param('year') year: string, @Body() body: SectorGrowthDto): Promise<AnnualPlanView> {
    return this.plans.putSectorGrowth(user, yearParam(year), body);
  }

  @Allow('office')
  @Post(':year/key-tasks')
  addKeyTask(@CurrentUser() user: AuthUser, @Param('year') year: string, @Body() body: PlanKeyTaskDto): Promise<AnnualPlanView> {
    return this.plans.addKeyTask(user, yearParam(year), body);
  }

  @Allow('office')
  @Put(':year/key-tasks/:id')
  updateKeyTask(
    @CurrentUser() user: AuthUser,
    @Param('year') year: string,
    @Param('id') id: string,
    @Body() body: PlanKeyTaskDto,
  ): Promise<AnnualPlanView> {
    return this.plans.updateKeyTask(user, yearParam(year), idParam(id), body);
  }

  @Allow('office')
  @Delete(':year/key-tasks/:id')
  removeKeyTask(
    @CurrentUser() user: AuthUser,
    @Param('year') year: string,
    @Param('id') id: string,
    @Query() query: ReasonQueryDto,
  ): Promise<AnnualPlanView> {
    return this.plans.removeKeyTask(user, yearParam(year), idParam(id), query.reason);
  }

  @Allow('office', 'staff')
  @Put(':year/key-tasks/:id/goals/:goalId')
  putGoalAchieved(
    @CurrentUser() user: AuthUser,
    @Param('year') year: string,
    @Param('id') id: string,
    @Param('goalId') goalId: string,
    @Body() body: GoalAchievedDto,
  ): Promise<KeyTaskGoalView> {
    return this.plans.putGoalAchieved(user, yearParam(year), idParam(id), idParam(goalId, 'goalId'), body);
  }

  @Allow('office')
  @Post(':year/publish')
  @HttpCode(200)
  publish(@CurrentUser() user: AuthUser, @Param('year') year: string, @Body() body: PlanPublishDto): Promise<AnnualPlanView> {
    return this.plans.publish(user, yearParam(year), body.version);
  }
}
