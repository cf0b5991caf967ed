export { GuaranteesJobsModule, GuaranteesModule } from './lib/guarantees.module';
// 要素制约: the one definition of "a project blocked by a need", read by the leader page, the meeting pack and the roll-up.
export { blockedByNeeds, type BlockedByNeedsScope } from './lib/blocked/blocked-by-needs.query';
export { GUARANTEE_REMINDER_JOB, type GuaranteeReminderJobData } from './lib/reminders/guarantee-reminder.job';
export { GuaranteeReminderService, type GuaranteeReminderSent } from './lib/reminders/guarantee-reminder.service';
