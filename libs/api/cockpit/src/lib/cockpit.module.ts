import { AuditService } from '@crm/api/audit';
import { AnswerCacheModule, JobsModule, QueueName } from '@crm/api/core';
import { Module } from '@nestjs/common';
import { AlertSettingsController } from './alerts/alert-settings.controller';
import { AlertSettingsService } from './alerts/alert-settings.service';
import { AlertService } from './alerts/alert.service';
import { AlertsRefreshJob } from './alerts/alerts-refresh.job';
import { ChainPageService } from './chain-page/chain-page.service';
import { ChainStageHistory } from './chain-page/chain-stage-history';
import { CockpitController } from './cockpit.controller';
import { CockpitChains } from './common/cockpit-chains';
import { ChainFiguresService } from './figures/chain-figures.service';
import { CockpitService } from './figures/cockpit.service';
import { InstructionController } from './instructions/instruction.controller';
import { InstructionService } from './instructions/instruction.service';
import { ChainMonthTotalsService } from './totals/chain-month-totals.service';

/**
 * The leaders' cockpit: the city view, each chain's leader page, alerts and their settings, and
 * instructions (批示). Figures come from chain_month_total and pipeline_stage_total, kept by
 * triggers; audit entries go through the global AuditModule.
 */
@Module({
  imports: [AnswerCacheModule],
  controllers: [CockpitController, AlertSettingsController, InstructionController],
  providers: [
    CockpitChains,
    ChainFiguresService,
    CockpitService,
    ChainPageService,
    ChainStageHistory,
    AlertService,
    AlertSettingsService,
    InstructionService,
    ChainMonthTotalsService,
  ],
  exports: [ChainMonthTotalsService, ChainFiguresService, AlertService, AlertSettingsService],
})
export class CockpitModule {
}

/**
 * The alerts' memo kept by the worker (alerts-refresh, every minute): a runner on the cockpit
 * queue. AuditService is provided here because the worker has no global AuditModule (the alert
 * settings are only read).
 */
@Module({
  imports: [JobsModule.forQueue(QueueName.Cockpit)],
  providers: [AuditService, AlertSettingsService, AlertService, AlertsRefreshJob],
  exports: [JobsModule],
})
export class CockpitJobsModule {}
