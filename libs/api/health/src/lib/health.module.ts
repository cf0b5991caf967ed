import { QueueName } from '@crm/api/core';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { HealthCheckJob } from './health-check.job';
import { HealthController } from './health.controller';

/** GET /api/health, served by the API. */
@Module({ controllers: [HealthController] })
export class HealthModule {}

/** The health-check job, run by the worker. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Health })],
  providers: [HealthCheckJob],
  exports: [BullModule],
})
export class HealthJobsModule {}
