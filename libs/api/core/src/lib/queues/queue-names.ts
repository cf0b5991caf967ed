/** Every BullMQ queue of the app, by name; the API enqueues, the worker processes. */
export enum QueueName {
  Health = 'health',
  /** 台账导入: previews of large sheets (LedgerImportJob). */
  LedgerImport = 'ledger-import',
  /** 月报催报与逾期提醒 (MonthlyReminderJob). */
  Reporting = 'reporting',
}
