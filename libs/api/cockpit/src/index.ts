export { CockpitModule } from './lib/cockpit.module';
export { ChainMonthTotalsService, type ChainMonthDiscrepancy } from './lib/totals/chain-month-totals.service';
