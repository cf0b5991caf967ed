import { systemClock, type Clock } from '@crm/domain';
import { Module, type DynamicModule } from '@nestjs/common';
import { FundsBaselineController } from './baselines/funds-baseline.controller';
import { FundsBaselineService } from './baselines/funds-baseline.service';
import { PlanExcelController } from './excel/plan-excel.controller';
import { PlanImportService } from './excel/plan-import.service';
import { PLAN_CLOCK } from './plan-clock';
import { PlanController } from './plans/plan.controller';
import { PlanService } from './plans/plan.service';
import { ChainRoleController } from './roles/chain-role.controller';
import { ChainRoleService } from './roles/chain-role.service';
import { PeopleUnitsController } from './roles/people-units.controller';
import { PeopleUnitsService } from './roles/people-units.service';

/**
 * 年度工作方案: the year's plan, the chains' roles over dates, past years' baselines. Audit entries
 * go through the global AuditModule; withClock() sets the time source (tests).
 */
@Module({
  // Baselines and roles first: plans/baselines and plans/roles must match ahead of plans/:year.
  controllers: [FundsBaselineController, ChainRoleController, PeopleUnitsController, PlanExcelController, PlanController],
  providers: [{ provide: PLAN_CLOCK, useValue: systemClock }, PlanService, PlanImportService, ChainRoleService, PeopleUnitsService, FundsBaselineService],
  exports: [PlanService],
})
export class PlanModule {
  static withClock(clock: Clock): DynamicModule {
    return { module: PlanModule, providers: [{ provide: PLAN_CLOCK, useValue: clock }] };
  }
}
