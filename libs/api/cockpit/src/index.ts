export { CockpitJobsModule, CockpitModule } from './lib/cockpit.module';
export { ALERTS_REFRESH_JOB, type AlertsRefreshJobData } from './lib/alerts/alerts-refresh.job';
export { ChainMonthTotalsService, type ChainMonthDiscrepancy } from './lib/totals/chain-month-totals.service';
// For the meeting pack (会议材料): a chain's figures and funnel (the headline figures), stuck projects and alerts, as the cockpit shows them.
export { AlertService } from './lib/alerts/alert.service';
export { AlertSettingsService } from './lib/alerts/alert-settings.service';
export { chainStuckProjects, type StuckProject } from './lib/chain-page/stuck-projects';
export type { CockpitChain } from './lib/common/cockpit-chains';
export { cockpitPeriod, readCockpitPeriod, readCockpitPeriodOf, type CockpitPeriod } from './lib/common/cockpit-period';
export { projectRefsById } from './lib/common/project-ref.rows';
export { ChainFiguresService, chainFigures } from './lib/figures/chain-figures.service';
