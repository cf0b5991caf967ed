export { MeetingsJobsModule, MeetingsModule } from './lib/meetings.module';
export {
  ACTION_ITEM_REMINDER_JOB,
  type ActionItemReminderJobData,
} from './lib/reminders/action-item-reminder.job';
export { ActionItemReminderService } from './lib/reminders/action-item-reminder.service';
export {
  MEETING_SCHEDULE_REMINDER_JOB,
  type MeetingScheduleReminderJobData,
} from './lib/schedule/meeting-schedule-reminder.job';
export { WEEKLY_DIGEST_JOB, type WeeklyDigestJobData } from './lib/digest/weekly-digest.job';
export { WeeklyDigestService, type WeeklyDigestSent } from './lib/digest/weekly-digest.service';
