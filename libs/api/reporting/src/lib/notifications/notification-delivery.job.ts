import { CLOCK, type Clock, JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Inject, Injectable } from '@nestjs/common';
import { NotificationDeliveryService } from './notification-delivery.service';

export const NOTIFICATION_DELIVERY_JOB = 'notification-delivery';

export interface NotificationDeliveryJobData {
  requestedAt: string;
}

/**
 * Sends the e-mail and group-robot copies of notifications written since the last run: those of
 * the API (a reminder by hand, a report returned) and of the database (a major project). Run
 * every minute, so "at once" is within a minute; each copy is claimed and stamped, so runs never
 * overlap in what they send.
 */
@JobHandler(QueueName.Reporting, NOTIFICATION_DELIVERY_JOB)
@Injectable()
export class NotificationDeliveryJob implements JobRunner<NotificationDeliveryJobData> {
  constructor(
    private readonly delivery: NotificationDeliveryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  run(): Promise<{ emails: number; webhooks: number }> {
    return this.delivery.deliver(this.clock.now());
  }
}
