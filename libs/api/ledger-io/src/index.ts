export { LedgerIoJobsModule, LedgerIoModule } from './lib/ledger-io.module';
export { LEDGER_IMPORT_JOB, LedgerImportJob, type LedgerImportJobData } from './lib/import/ledger-import.job';
export { LEDGER_COMMIT_JOB, LedgerCommitJob, type LedgerCommitJobData } from './lib/import/ledger-commit.job';
