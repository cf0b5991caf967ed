export { CLOCK } from './lib/common/clock';
export {
  MONTHLY_REMINDER_JOB,
  MonthlyReminderJob,
  type MonthlyReminderJobData,
} from './lib/reminders/monthly-reminder.job';
export {
  MonthlyReminderService,
  REMINDER_SCHEDULE,
  type ReminderSent,
} from './lib/reminders/monthly-reminder.service';
export { ReportingJobsModule, ReportingModule } from './lib/reporting.module';
export { NotificationDeliveryService } from './lib/notifications/notification-delivery.service';
