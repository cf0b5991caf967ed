export { LedgerIoJobsModule, LedgerIoModule } from './lib/ledger-io.module';
export { LEDGER_IMPORT_JOB, LedgerImportJob, type LedgerImportJobData } from './lib/import/ledger-import.job';
