import { Module } from '@nestjs/common';
import { FundsBaselineController } from './baselines/funds-baseline.controller';
import { FundsBaselineService } from './baselines/funds-baseline.service';
import { PlanExcelController } from './excel/plan-excel.controller';
import { PlanImportService } from './excel/plan-import.service';
import { PlanController } from './plans/plan.controller';
import { PlanService } from './plans/plan.service';
import { ChainRoleController } from './roles/chain-role.controller';
import { ChainRoleService } from './roles/chain-role.service';
import { PeopleUnitsController } from './roles/people-units.controller';
import { PeopleUnitsService } from './roles/people-units.service';

/**
 * 年度工作方案: the year's plan, the chains' roles over dates, past years' baselines. Audit entries
 * go through the global AuditModule;
 */
@Module({
  // Baselines and roles first: plans/baselines and plans/roles must match ahead of plans/:year.
  controllers: [FundsBaselineController, ChainRoleController, PeopleUnitsController, PlanExcelController, PlanController],
  providers: [PlanService, PlanImportService, ChainRoleService, PeopleUnitsService, FundsBaselineService],
  exports: [PlanService],
})
export class PlanModule {
}
