export { CockpitModule } from './lib/cockpit.module';
export { ChainMonthTotalsService, type ChainMonthDiscrepancy } from './lib/totals/chain-month-totals.service';
// For the meeting pack (会议材料): a chain's figures and funnel (the headline figures), stuck projects and alerts, as the cockpit shows them.
export { AlertService } from './lib/alerts/alert.service';
export { AlertSettingsService } from './lib/alerts/alert-settings.service';
export { STUCK as CHAIN_STUCK_SQL } from './lib/chain-page/chain-page.queries';
export type { CockpitChain } from './lib/common/cockpit-chains';
export { cockpitPeriod, type CockpitPeriod } from './lib/common/cockpit-period';
export { toProjectRef, PROJECT_REF_COLUMNS, PROJECT_REF_JOINS, type ProjectRefRow } from './lib/common/project-ref.rows';
export { ChainFiguresService, chainFigures } from './lib/figures/chain-figures.service';
