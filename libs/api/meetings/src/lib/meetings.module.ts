import { systemClock, type Clock } from '@crm/domain';
import { Module, type DynamicModule } from '@nestjs/common';
import { ActionItemController } from './action-items/action-item.controller';
import { ActionItemService } from './action-items/action-item.service';
import { MEETINGS_CLOCK } from './common/meetings-clock';
import { MeetingController } from './meetings/meeting.controller';
import { MeetingService } from './meetings/meeting.service';
import { ActionItemReminderJob } from './reminders/action-item-reminder.job';
import { ActionItemReminderService } from './reminders/action-item-reminder.service';

/**
 * 调度会议 and 交办事项, served by the API. Audit entries go through the global AuditModule;
 * withClock() sets the time source (tests).
 */
@Module({
  controllers: [
    MeetingController,
    ActionItemController,
    // meeting-pack: start
    // meeting-pack: end
    // meeting-schedule: start
    // meeting-schedule: end
    // weekly-digest: start
    // weekly-digest: end
    // action-item-summary: start
    // action-item-summary: end
  ],
  providers: [
    { provide: MEETINGS_CLOCK, useValue: systemClock },
    MeetingService,
    ActionItemService,
    // meeting-pack: start
    // meeting-pack: end
    // meeting-schedule: start
    // meeting-schedule: end
    // weekly-digest: start
    // weekly-digest: end
    // action-item-summary: start
    // action-item-summary: end
  ],
})
export class MeetingsModule {
  static withClock(clock: Clock): DynamicModule {
    return { module: MeetingsModule, providers: [{ provide: MEETINGS_CLOCK, useValue: clock }] };
  }
}

/**
 * The action-item reminders, run by the worker: a runner on the reporting queue, found by the
 * reporting area's processor (ReportingJobsModule) by its job name.
 */
@Module({
  providers: [
    { provide: MEETINGS_CLOCK, useValue: systemClock },
    ActionItemReminderService,
    ActionItemReminderJob,
    // meeting-schedule: start
    // meeting-schedule: end
    // weekly-digest: start
    // weekly-digest: end
  ],
  exports: [ActionItemReminderService],
})
export class MeetingsJobsModule {
  static withClock(clock: Clock): DynamicModule {
    return { module: MeetingsJobsModule, providers: [{ provide: MEETINGS_CLOCK, useValue: clock }] };
  }
}
