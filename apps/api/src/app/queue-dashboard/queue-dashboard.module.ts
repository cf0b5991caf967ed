import { QueueModule, QueueName } from '@crm/api/core';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueDashboard } from './queue-dashboard';
import { QueueDashboardController } from './queue-dashboard.controller';

/** The admins' queue dashboard (Bull Board) at /api/admin/queues, over every queue. */
@Module({
  imports: [QueueModule, BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })))],
  controllers: [QueueDashboardController],
  providers: [QueueDashboard],
})
export class QueueDashboardModule {}
