export {
  MONTHLY_REMINDER_JOB,
  MonthlyReminderJob,
  type MonthlyReminderJobData,
} from './lib/reminders/monthly-reminder.job';
export {
  DAILY_REMINDER_JOB,
  type DailyReminderJobData,
} from './lib/reminders/daily-reminder.job';
export {
  NOTIFICATION_DELIVERY_JOB,
  type NotificationDeliveryJobData,
} from './lib/notifications/notification-delivery.job';
export {
  MonthlyReminderService,
  REMINDER_SCHEDULE,
  type ReminderSent,
} from './lib/reminders/monthly-reminder.service';
export { ReportingJobsModule, ReportingModule } from './lib/reporting.module';
export { NotificationDeliveryService } from './lib/notifications/notification-delivery.service';
export {
  ROLL_UP_BUILD_JOB,
  type RollUpBuildJobData,
} from './lib/roll-up/roll-up-build.job';
export {
  ROLL_UP_EXPORT_JOB,
  type RollUpExportJobData,
} from './lib/roll-up/roll-up-export.job';
export { ROLL_UP_EXPORT_ATTEMPTS, ROLL_UP_EXPORT_BACKOFF_MS } from './lib/roll-up/roll-up-export.service';
