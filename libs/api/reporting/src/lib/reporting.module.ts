import { AuditService } from '@crm/api/audit';
import { JobsModule, QueueModule, QueueName } from '@crm/api/core';
import {
  DEFAULT_REMINDER_SCHEDULE,
  parseReminderSchedule,
} from '@crm/domain';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NotificationDeliveryService } from './notifications/notification-delivery.service';
import { NotificationController } from './notifications/notification.controller';
import { NotificationService } from './notifications/notification.service';
import { ReportingPeriodController } from './periods/reporting-period.controller';
import { ReportingPeriodService } from './periods/reporting-period.service';
import { NotificationDeliveryJob } from './notifications/notification-delivery.job';
import { DailyReminderJob } from './reminders/daily-reminder.job';
import { DailyReminderService } from './reminders/daily-reminder.service';
import { MonthlyReminderJob } from './reminders/monthly-reminder.job';
import { DocumentSettingController } from './documents/document-setting.controller';
import { DocumentSettingService } from './documents/document-setting.service';
import { OfficeSettingController } from './reminders/office-setting.controller';
import { OfficeSettingService } from './reminders/office-setting.service';
import {
  MonthlyReminderService,
  REMINDER_SCHEDULE,
} from './reminders/monthly-reminder.service';
import { MonthlyReportController } from './reports/monthly-report.controller';
import { MonthlyReportService } from './reports/monthly-report.service';
import { SubmissionBoardController } from './reports/submission-board.controller';
import { SubmissionBoardService } from './reports/submission-board.service';
import { RollUpBuildJob } from './roll-up/roll-up-build.job';
import { RollUpExportJob } from './roll-up/roll-up-export.job';
import { RollUpExportRunner } from './roll-up/roll-up-export.runner';
import { RollUpExportService } from './roll-up/roll-up-export.service';
import { RollUpController } from './roll-up/roll-up.controller';
import { RollUpPublicationController } from './roll-up/roll-up-publication.controller';
import { RollUpPublicationService } from './roll-up/roll-up-publication.service';
import { RollUpService } from './roll-up/roll-up.service';

/** 报告期, 月报 and 通知, served by the API. */
@Module({
  // The queue: the roll-up's exports are enqueued for the worker.
  imports: [
    QueueModule,
    BullModule.registerQueue({ name: QueueName.Reporting }),
  ],
  controllers: [
    ReportingPeriodController,
    // Before MonthlyReportController: GET monthly-reports/board, not monthly-reports/:id.
    SubmissionBoardController,
    MonthlyReportController,
    NotificationController,
    OfficeSettingController,
    DocumentSettingController,
    RollUpController,
    RollUpPublicationController,
  ],
  providers: [
    ReportingPeriodService,
    MonthlyReportService,
    NotificationService,
    SubmissionBoardService,
    OfficeSettingService,
    DocumentSettingService,
    RollUpService,
    RollUpExportService,
    RollUpPublicationService,
  ],
})
export class ReportingModule {
}

/**
 * The reminder, delivery and roll-up jobs, run by the worker: runners on the reporting queue, run
 * by its dispatcher (JobsModule of @crm/api/core) by job name.
 */
@Module({
  imports: [JobsModule.forQueue(QueueName.Reporting)],
  providers: [
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
    DailyReminderService,
    DailyReminderJob,
    NotificationDeliveryJob,
    // The roll-up's scheduled build and exports (the worker has no global AuditModule).
    AuditService,
    ReportingPeriodService,
    RollUpService,
    RollUpExportService,
    RollUpExportRunner,
    RollUpExportJob,
    RollUpBuildJob,
  ],
  exports: [JobsModule, MonthlyReminderService, NotificationDeliveryService],
})
export class ReportingJobsModule {
}
