export { appConfig, authConfig, databaseConfig, redisConfig } from './lib/config/app.config';
export type { AppConfig, AuthConfig, DatabaseConfig, RedisConfig } from './lib/config/app.config';
export { Environment, validateEnvironment } from './lib/config/environment';
export { CLOCK, clockStartingAt, type Clock } from './lib/clock/clock';
export { ClockModule } from './lib/clock/clock.module';
export { CoreModule } from './lib/core.module';
export { API_PREFIX, configureHttpApp } from './lib/http/configure-http-app';
export { createValidationPipe, fieldTree, INVALID_INPUT_MESSAGE, invalidInput, textProblems } from './lib/http/validation';
export { DatabaseInputErrorFilter, INVALID_VALUE_MESSAGE, INVALID_VALUE_SQLSTATES, sqlStateOf } from './lib/http/database-error.filter';
export { staleRecord } from './lib/http/stale-record';
export { JOB_SCHEDULE_KEYS, jobSchedulersKey, QUEUE_JOB_OPTIONS, QueueName, RETRIED_JOB_OPTIONS } from './lib/queues/queue-names';
export {
  addJobWithin,
  ENQUEUE_TIMEOUT_MS,
  QUEUE_RETRY_AFTER_SECONDS,
  queueUnavailable,
  QueueUnavailableError,
  withinQueue,
} from './lib/queues/enqueue';
export { JobDispatcher, JobHandler, jobDispatcherOf, type JobRunner, type JobTarget } from './lib/queues/job-dispatcher';
export { JobsModule } from './lib/queues/jobs.module';
export { NotificationWriter, NotificationWriterModule, type NewNotification } from './lib/notifications/notification.writer';
export { QueueModule } from './lib/queues/queue.module';
export { connectRedis, redisOptions } from './lib/redis/redis-connection';
export { REDIS, WORKER_HEARTBEAT_KEY, WORKER_HEARTBEAT_MAX_AGE_MS } from './lib/redis/redis.constants';
export { startRedisServer, type OwnRedisServer } from './lib/redis/redis-server.testing';
export { canEditChain, canReadChain, hasRole, type AuthUser } from './lib/auth/auth-user';
export { CurrentUser } from './lib/auth/current-user.decorator';
export { Allow, POLICY_KEY, Public, SignedIn, type RoutePolicy } from './lib/auth/policy.decorator';
export { JobHost, quietQueueErrors } from './lib/queues/job-host';
export { exitAfterGracePeriod } from './lib/shutdown';
export { preparedQuery } from './lib/database/prepared-query';
export { actionItemCompletionByChain, actionItemCompletionByUnit, completionOf, type ActionItemCompletionRow } from './lib/database/action-item-completion.query';
export {
  calendarDateProblem,
  IntRange,
  IsCalendarDate,
  IsId,
  IsText,
  IsVersion,
  IsWan,
  IsYearMonth,
  latestPlausibleDate,
  OptionalText,
  PG_INT_MAX,
  PLAUSIBLE_DATE_FROM,
  PLAUSIBLE_YEARS_AHEAD,
  RequiredText,
  TEXT_PROBLEM_MESSAGES,
  TextIfGiven,
  TextIfPresent,
  textProblem,
  Trim,
  TrimToNull,
  useClockForValidation,
  type CalendarDateRule,
  type TextProblem,
  type TextRule,
} from './lib/http/validators';
export { addTableSheet, attachment, displayWidth, loadWorkbook, newWorkbook, preparePrint, XLSX_MIME, type ExportColumn, type ExportKind } from './lib/xlsx/sheet-writer';
export { readDocumentSettings } from './lib/documents/document-settings';
export {
  annexCellText,
  annexList,
  annexSection,
  annexTables,
  bodyHeading,
  bodyParagraph,
  bodySection,
  documentTitle,
  emptyNote,
  FONTS as DOCUMENT_FONTS,
  letterhead,
  partLabel,
  signature,
  subtitle,
  tableNote,
  yiText,
  type DocumentCell,
  type DocumentTable,
} from './lib/documents/official-docx';
export {
  checkXlsxBytes,
  FILE_PROBLEMS,
  LEDGER_MAX_UNPACKED_BYTES,
  LEDGER_MAX_UPLOAD_BYTES,
  refuseFile,
  type FileProblem,
} from './lib/xlsx/xlsx-file-check';
export { utf8FileName } from './lib/xlsx/upload-name';
/** For tests: hand-written zips whose headers lie (zip bombs, forged sizes). */
export { deflatedZeros, HOSTILE_ZIP_WORKBOOK, hostileZip, type HostileZipPart } from './lib/xlsx/hostile-zip';
export { AnswerCache, AnswerCacheModule, readScope, sendAnswer, type CachedAnswer } from './lib/cache/answer-cache';
export { ANSWER_VERSION_UNWATCHED, DataVersion, dataVersionOf, UNWATCHED_TABLES_SQL } from './lib/cache/data-version';
