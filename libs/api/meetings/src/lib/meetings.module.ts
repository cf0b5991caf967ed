import { JobsModule, QueueName } from '@crm/api/core';
import { Module } from '@nestjs/common';
import { ActionItemController } from './action-items/action-item.controller';
import { ActionItemService } from './action-items/action-item.service';
import { ActionItemSummaryController } from './action-items/action-item-summary.controller';
import { ActionItemSummaryService } from './action-items/action-item-summary.service';
import { MeetingController } from './meetings/meeting.controller';
import { MeetingService } from './meetings/meeting.service';
import { AlertService, AlertSettingsService, ChainFiguresService } from '@crm/api/cockpit';
import { MeetingPackController } from './pack/meeting-pack.controller';
import { MeetingPackService } from './pack/meeting-pack.service';
import { MeetingScheduleController } from './schedule/meeting-schedule.controller';
import { MeetingScheduleService } from './schedule/meeting-schedule.service';
import { MeetingScheduleReminderJob } from './schedule/meeting-schedule-reminder.job';
import { MeetingScheduleReminderService } from './schedule/meeting-schedule-reminder.service';
import { ActionItemReminderJob } from './reminders/action-item-reminder.job';
import { ActionItemReminderService } from './reminders/action-item-reminder.service';
import { WeeklyDigestController } from './digest/weekly-digest.controller';
import { WeeklyDigestJob } from './digest/weekly-digest.job';
import { WeeklyDigestService } from './digest/weekly-digest.service';

/**
 * 调度会议 and 交办事项, served by the API. Audit entries go through the global AuditModule;
 *
 */
@Module({
  controllers: [
    MeetingController,
    // Before ActionItemController: GET action-items/summary must match ahead of action-items/:id.
    ActionItemSummaryController,
    ActionItemController,
    MeetingPackController,
    MeetingScheduleController,
    WeeklyDigestController,
  ],
  providers: [
    MeetingService,
    ActionItemService,
    // The cockpit's figures and alerts, as the cockpit computes them (stateless readers).
    ChainFiguresService,
    AlertService,
    AlertSettingsService,
    MeetingPackService,
    MeetingScheduleService,
    WeeklyDigestService,
    ActionItemSummaryService,
  ],
})
export class MeetingsModule {
}

/**
 * The action-item and meeting reminders and the weekly digest, run by the worker: runners on the
 * meetings queue, run by its dispatcher (JobsModule of @crm/api/core) by job name.
 */
@Module({
  imports: [JobsModule.forQueue(QueueName.Meetings)],
  providers: [
    ActionItemReminderService,
    ActionItemReminderJob,
    MeetingScheduleReminderService,
    MeetingScheduleReminderJob,
    WeeklyDigestService,
    WeeklyDigestJob,
  ],
  exports: [JobsModule, ActionItemReminderService],
})
export class MeetingsJobsModule {
}
