import { QueueName } from '@crm/api/core';
import {
  DEFAULT_REMINDER_SCHEDULE,
  parseReminderSchedule,
  systemClock,
  type Clock,
} from '@crm/domain';
import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK } from './common/clock';
import { NotificationDeliveryService } from './notifications/notification-delivery.service';
import { NotificationController } from './notifications/notification.controller';
import { NotificationService } from './notifications/notification.service';
import { ReportingPeriodController } from './periods/reporting-period.controller';
import { ReportingPeriodService } from './periods/reporting-period.service';
import { MonthlyReminderJob } from './reminders/monthly-reminder.job';
import {
  MonthlyReminderService,
  REMINDER_SCHEDULE,
} from './reminders/monthly-reminder.service';
import { MonthlyReportController } from './reports/monthly-report.controller';
import { MonthlyReportService } from './reports/monthly-report.service';

/** 报告期, 月报 and 通知, served by the API. withClock() sets the time source (tests). */
@Module({
  controllers: [
    ReportingPeriodController,
    MonthlyReportController,
    NotificationController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ReportingPeriodService,
    MonthlyReportService,
    NotificationService,
  ],
})
export class ReportingModule {
  static withClock(clock: Clock): DynamicModule {
    return {
      module: ReportingModule,
      providers: [{ provide: CLOCK, useValue: clock }],
    };
  }
}

/** The reminder job, run by the worker. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Reporting })],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    {
      provide: REMINDER_SCHEDULE,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const text = config.get<string>('REPORT_REMINDER_SCHEDULE');
        return (
          (text && parseReminderSchedule(text)) || DEFAULT_REMINDER_SCHEDULE
        );
      },
    },
    NotificationService,
    NotificationDeliveryService,
    MonthlyReminderService,
    MonthlyReminderJob,
  ],
  exports: [BullModule, MonthlyReminderService, NotificationDeliveryService],
})
export class ReportingJobsModule {
  static withClock(clock: Clock): DynamicModule {
    return {
      module: ReportingJobsModule,
      providers: [{ provide: CLOCK, useValue: clock }],
    };
  }
}
