export { MeetingsJobsModule, MeetingsModule } from './lib/meetings.module';
export {
  ACTION_ITEM_REMINDER_JOB,
  type ActionItemReminderJobData,
} from './lib/reminders/action-item-reminder.job';
export { ActionItemReminderService } from './lib/reminders/action-item-reminder.service';
