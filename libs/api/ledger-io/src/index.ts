export { LedgerIoJobsModule, LedgerIoModule } from './lib/ledger-io.module';
export {
  LEDGER_COMMIT_JOB,
  LEDGER_IMPORT_JOB,
  LedgerImportJob,
  type LedgerCommitJobData,
  type LedgerImportJobData,
} from './lib/import/ledger-import.job';
