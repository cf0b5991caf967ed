import { JobsModule, QueueName } from '@crm/api/core';
import { ProjectStore } from '@crm/api/pipeline';
import { Module } from '@nestjs/common';
import { GuaranteeQueueController, ProjectGuaranteeController } from './requests/guarantee-request.controller';
import { GuaranteeRequestService } from './requests/guarantee-request.service';
import { GuaranteeReminderJob } from './reminders/guarantee-reminder.job';
import { GuaranteeReminderService } from './reminders/guarantee-reminder.service';
// Registers the owner type 'guarantee_request' with the files area (a bureau attaches its documents to its answer).
import './requests/guarantee-file-owner';

/**
 * 要素保障 (issue 21 §2): a project's needs sent to the bureaus, their queue and answers. Audit
 * entries go through the global AuditModule; notifications through the NotificationWriter.
 */
@Module({
  controllers: [ProjectGuaranteeController, GuaranteeQueueController],
  providers: [GuaranteeRequestService, ProjectStore],
})
export class GuaranteesModule {}

/** The overdue reminders, run by the worker: a runner on the guarantees queue. */
@Module({
  imports: [JobsModule.forQueue(QueueName.Guarantees)],
  providers: [GuaranteeReminderService, GuaranteeReminderJob],
  exports: [JobsModule, GuaranteeReminderService],
})
export class GuaranteesJobsModule {}
